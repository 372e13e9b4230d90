package httpclient

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// logTransport writes one line per request, for --verbose and the
// window's log:
//
//	http GET https://www.make.com/.well-known/openid-configuration → 200 in 84ms, proxy proxy.corp:3128
//
// It names the method, scheme, host, path, status, duration and the proxy
// used, and never a query, header or body: those carry codes and tokens.
type logTransport struct {
	next  http.RoundTripper
	proxy func(*http.Request) (*url.URL, error)
	w     io.Writer
	mu    sync.Mutex
}

func (t *logTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	start := time.Now()
	resp, err := t.next.RoundTrip(req)
	took := time.Since(start).Round(time.Millisecond)
	outcome := ""
	if err != nil {
		outcome = fmt.Sprintf("failed after %s (%s)", took, failure(err))
	} else {
		outcome = fmt.Sprintf("%d in %s", resp.StatusCode, took)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	fmt.Fprintf(t.w, "http %s %s://%s%s → %s, %s\n", req.Method, req.URL.Scheme, req.URL.Host, req.URL.EscapedPath(), outcome, t.proxyOf(req))
	return resp, err
}

// proxyOf names the proxy the request goes through, without the
// credentials a proxy URL may carry.
func (t *logTransport) proxyOf(req *http.Request) string {
	if t.proxy == nil {
		return "no proxy"
	}
	u, err := t.proxy(req)
	switch {
	case err != nil:
		return "proxy setting unusable"
	case u == nil:
		return "no proxy"
	}
	return "proxy " + u.Scheme + "://" + u.Host
}

// failure is what the log says of a failed request: the kind of failure,
// which, coming from below the HTTP layer, holds no URL or query.
func failure(err error) string {
	var ce *CertificateError
	switch {
	case errors.As(err, &ce):
		return "certificate not trusted"
	case errors.Is(err, ErrBodyTooLarge):
		return "answer over 1 MiB"
	}
	return err.Error()
}
