package httpclient

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net/http"
)

// CertificateError means the server's certificate could not be verified:
// most often a proxy that inspects TLS and presents its own certificate,
// sometimes a misconfigured server. The caller explains it to a person
// (the explain package does); the cause is the technical detail.
type CertificateError struct {
	Host string
	Err  error
}

func (e *CertificateError) Error() string {
	return "the certificate of " + e.Host + " could not be verified: " + e.Err.Error()
}

func (e *CertificateError) Unwrap() error { return e.Err }

// certTransport marks certificate failures as *CertificateError.
type certTransport struct{ next http.RoundTripper }

func (t certTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err != nil && isCertificateFailure(err) {
		return nil, &CertificateError{Host: req.URL.Host, Err: err}
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
