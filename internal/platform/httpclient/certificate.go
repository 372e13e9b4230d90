package httpclient

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net/http"
)

// CertificateError means the server's certificate could not be verified:
// most often a proxy that inspects TLS and presents its own certificate,
// sometimes a misconfigured server, or a system with no trusted root
// certificates at all (NoSystemRoots). The caller explains it to a person
// (the explain package does); the cause is the technical detail.
type CertificateError struct {
	Host string
	Err  error
	// NoSystemRoots: the certificate's issuer is unknown, and this
	// system trusts no root certificate at all (SystemRootsMissing): on
	// Linux, the ca-certificates package is not installed.
	NoSystemRoots bool
}

func (e *CertificateError) Error() string {
	if e.NoSystemRoots {
		return "the certificate of " + e.Host + " could not be verified, as " + ErrNoSystemRoots.Error() + ": " + e.Err.Error()
	}
	return "the certificate of " + e.Host + " could not be verified: " + e.Err.Error()
}

func (e *CertificateError) Unwrap() error { return e.Err }

// ErrNoSystemRoots means the system trusts no root certificate at all, so
// no certificate on the internet can be verified: a minimal Linux without
// the ca-certificates package (Go reads the bundles and folders where
// distributions keep them, or SSL_CERT_FILE and SSL_CERT_DIR).
var ErrNoSystemRoots = errors.New("this system has no trusted root certificates")

// SystemRootsMissing reports whether the system trusts no root
// certificate at all. Where the operating system verifies certificates
// itself (Windows, macOS) it never does. Go reads the system's roots once
// per process.
func SystemRootsMissing() bool {
	pool, err := x509.SystemCertPool()
	return err != nil || pool.Equal(x509.NewCertPool())
}

// certTransport marks certificate failures as *CertificateError.
type certTransport struct{ next http.RoundTripper }

func (t certTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err != nil && isCertificateFailure(err) {
		var unknown x509.UnknownAuthorityError
		return nil, &CertificateError{Host: req.URL.Host, Err: err, NoSystemRoots: errors.As(err, &unknown) && SystemRootsMissing()}
	}
	return resp, err
}

func isCertificateFailure(err error) bool {
	var verify *tls.CertificateVerificationError
	var unknown x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	return errors.As(err, &verify) || errors.As(err, &unknown) || errors.As(err, &hostname) || errors.As(err, &invalid)
}
