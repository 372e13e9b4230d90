package explain

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/url"

	"github.com/make-connect/make-connect/internal/platform/httpclient"
	"github.com/make-connect/make-connect/internal/platform/sanitize"
	"github.com/make-connect/make-connect/internal/words/i18n"
)

// networkWords says what went wrong on the way to a server: only what
// net/http reports as the network (a name that does not resolve, a
// connection refused, reset or timed out, TLS) is said to be the network;
// "" when e is none of it.
func networkWords(e error, f Face) string {
	switch e := e.(type) {
	case *httpclient.CertificateError:
		if e.NoSystemRoots {
			return i18n.L("The secure connection to {{.Host}} could not be checked: this computer has no trusted root certificates. "+
				"Install them, then try again: {{.Apt}} (Debian, Ubuntu) or {{.Dnf}} (Fedora, RHEL).", withInstall(vars{"Host": sanitize.Text(e.Host)}))
		}
		return certificateWords(e.Host, f)
	case *httpclient.RedirectError:
		return i18n.L("The server sent this request on to {{.Address}}, and Make Connect sends your sign-in and tokens "+
			"only to the address it asked, so nothing went there. Check the issuer and API settings; if they are Make's, try again later.",
			vars{"Address": sanitize.Text(e.To)})
	case *url.Error:
		// A request that failed: what it wraps says why; what net/http
		// gives no type (a timeout, a connection closed mid-answer) is
		// the network too.
		if s := classify(e.Err, f); s != "" {
			return s
		}
		if isCertificate(e.Err) {
			host := e.URL
			if u, err := url.Parse(e.URL); err == nil {
				host = u.Host
			}
			return certificateWords(host, f)
		}
		if e.Timeout() || errors.Is(e.Err, context.DeadlineExceeded) || errors.Is(e.Err, io.EOF) || errors.Is(e.Err, io.ErrUnexpectedEOF) {
			return unreachable()
		}
		return ""
	case *net.DNSError, *tls.RecordHeaderError, tls.AlertError:
		return unreachable()
	case *net.OpError:
		if e.Net != "unix" && e.Net != "unixgram" && e.Op != "listen" {
			return unreachable()
		}
	}
	if is(e, httpclient.ErrNoSystemRoots) {
		return i18n.L("This computer has no trusted root certificates, so no secure connection can be checked. "+
			"Install them: {{.Apt}} (Debian, Ubuntu) or {{.Dnf}} (Fedora, RHEL).", withInstall(vars{}))
	}
	if is(e, httpclient.ErrBodyTooLarge) {
		return i18n.L("The server sent an answer far larger than any Make sends, so it was not read. Check the sign-in server setting; if it is Make's, try again later.")
	}
	return ""
}

// unreachable says that the network did not carry a request to Make.
func unreachable() string {
	return i18n.L("Make could not be reached. Check the internet connection (and HTTPS_PROXY, if this network needs a proxy), then try again.")
}

// withInstall adds the commands that install a Linux system's root
// certificates to v.
func withInstall(v vars) vars {
	v["Apt"], v["Dnf"] = "sudo apt install ca-certificates", "sudo dnf install ca-certificates"
	return v
}

// certificateWords says that host's certificate could not be trusted.
func certificateWords(host string, f Face) string {
	return i18n.L("The secure connection to {{.Host}} could not be trusted. Something on this network may intercept "+
		"secure connections (a company proxy or security software). If your organization inspects TLS, ask IT for its "+
		"CA certificate (a PEM file), then {{.Fix}}.", vars{"Host": sanitize.Text(host), "Fix": f.caFile()})
}

// isCertificate reports whether err is a certificate that failed the
// checks, where no httpclient transport marked it.
func isCertificate(err error) bool {
	var verify *tls.CertificateVerificationError
	var unknown x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	return errors.As(err, &verify) || errors.As(err, &unknown) || errors.As(err, &hostname) || errors.As(err, &invalid)
}
