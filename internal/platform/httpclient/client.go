// Package httpclient builds the one HTTP client every request of the app
// goes through, so that what must hold for all of them is decided once:
// proxies come from the environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), a
// corporate CA bundle can be trusted for networks that inspect TLS, no
// response body is read past MaxBody, certificate failures are told apart
// from other failures, a redirect never carries a request to another
// origin (redirect.go), and each request can be logged without its query,
// headers or body.
package httpclient

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/make-connect/make-connect/internal/platform/safefile"
	"golang.org/x/net/http/httpproxy"
)

// DefaultTimeout bounds one request, answer included, when Options says
// nothing.
const DefaultTimeout = 30 * time.Second

// Options are the settings of the client.
type Options struct {
	// CAFile names a PEM bundle whose certificates are trusted in addition
	// to the system's, for networks whose proxy inspects TLS. "" for none.
	CAFile string
	// Log, if set, receives one line per request (see logTransport).
	Log io.Writer
	// Timeout bounds one request. Default DefaultTimeout.
	Timeout time.Duration
	// Getenv reads the proxy settings; default os.Getenv.
	Getenv func(string) string
}

// New returns a client with o's settings. It fails only when the CA file
// cannot be used.
func New(o Options) (*http.Client, error) {
	base := http.DefaultTransport.(*http.Transport).Clone()
	// Read now, not once per process as http.ProxyFromEnvironment does, so
	// that a client built after the environment changed honours it.
	proxy := proxySettings(o.Getenv).ProxyFunc()
	base.Proxy = func(r *http.Request) (*url.URL, error) { return proxy(r.URL) }
	if o.CAFile != "" {
		roots, err := rootsWith(o.CAFile)
		if err != nil {
			return nil, err
		}
		base.TLSClientConfig = &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}
	}
	var rt http.RoundTripper = capTransport{certTransport{base}}
	if o.Log != nil {
		rt = &logTransport{next: rt, proxy: base.Proxy, w: o.Log}
	}
	if o.Timeout == 0 {
		o.Timeout = DefaultTimeout
	}
	return &http.Client{Transport: rt, Timeout: o.Timeout, CheckRedirect: sameOrigin}, nil
}

// proxySettings reads HTTPS_PROXY, HTTP_PROXY and NO_PROXY (or their lower
// case forms) as httpproxy.FromEnvironment does, from getenv.
func proxySettings(getenv func(string) string) *httpproxy.Config {
	if getenv == nil {
		getenv = os.Getenv
	}
	either := func(name string) string {
		if v := getenv(name); v != "" {
			return v
		}
		return getenv(strings.ToLower(name))
	}
	return &httpproxy.Config{HTTPSProxy: either("HTTPS_PROXY"), HTTPProxy: either("HTTP_PROXY"), NoProxy: either("NO_PROXY")}
}

// ProxyFor names the proxy a request to u goes through under getenv's
// settings, without the credentials a proxy URL may carry: "" for none.
func ProxyFor(getenv func(string) string, u *url.URL) (string, error) {
	p, err := proxySettings(getenv).ProxyFunc()(u)
	if err != nil || p == nil {
		return "", err
	}
	return p.Scheme + "://" + p.Host, nil
}

// Default is New without a CA file or log: for library callers that were
// given no client. It is made once and shared, so its idle connections
// are reused, not left open by a new transport for every call.
var Default = sync.OnceValue(func() *http.Client {
	c, _ := New(Options{})
	return c
})

// ErrCAFile means the CA file setting names a file that cannot be used.
// The error is a *CAFileError, which says why.
var ErrCAFile = errors.New("the CA certificate file cannot be used")

// ErrNoPEM is a CA file with no PEM certificate in it.
var ErrNoPEM = errors.New("it holds no PEM certificate (-----BEGIN CERTIFICATE-----)")

// CAFileError says why the CA file File cannot be used: Err is the
// reading error (fs.ErrNotExist, fs.ErrPermission…), a *safefile.Error
// when others could change it, or ErrNoPEM.
type CAFileError struct {
	File string
	Err  error
}

func (e *CAFileError) Error() string {
	var unsafe *safefile.Error
	switch {
	case errors.Is(e.Err, ErrNoPEM):
		return fmt.Sprintf("%v: %s holds no PEM certificate (-----BEGIN CERTIFICATE-----)", ErrCAFile, e.File)
	case errors.As(e.Err, &unsafe) && unsafe.Reason == safefile.OtherOwner:
		return fmt.Sprintf("%v: %v; use a copy that belongs to you or to root", ErrCAFile, e.Err)
	}
	return fmt.Sprintf("%v: %v", ErrCAFile, e.Err)
}

func (e *CAFileError) Is(target error) bool { return target == ErrCAFile }

func (e *CAFileError) Unwrap() error { return e.Err }

// rootsWith is the system's roots plus the certificates in the PEM file.
func rootsWith(file string) (*x509.CertPool, error) {
	// Another user who can change it can add a root certificate: the
	// certificates are parsed from what was checked, read once.
	pem, err := safefile.ReadFile(file, safefile.SystemOrMe)
	if err != nil {
		return nil, &CAFileError{File: file, Err: err}
	}
	roots, err := x509.SystemCertPool()
	if err != nil || roots == nil {
		roots = x509.NewCertPool()
	}
	if !roots.AppendCertsFromPEM(pem) {
		return nil, &CAFileError{File: file, Err: ErrNoPEM}
	}
	return roots, nil
}
