package httpclient

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// The one redirect policy of the app. A redirect is an answer that tells
// the client to send the request again elsewhere; Go's client would send
// the same Authorization header to any https or http address on the same
// host, and re-send a 307's body (a revocation's tokens, a token request's
// code and verifier) to any host at all. So:
//   - the requests that carry a credential in their body or that set up
//     the trust every other request relies on (token, revocation,
//     discovery and the keys it names) follow no redirect: NoRedirects;
//   - every other request (the API) follows a redirect only to the same
//     scheme, host and port, at most maxRedirects times: what New sets.

// maxRedirects is the most redirects one request follows, as Go's default.
const maxRedirects = 10

// RedirectError means a server answered with a redirect that was not
// followed, so nothing was sent to where it pointed. From and To are the
// addresses without their query or fragment, which may hold codes.
type RedirectError struct {
	Status   int    // the answer's HTTP status: 301, 302, 303, 307 or 308
	From, To string // scheme://host/path
	// Followed is false when the request follows no redirect at all, true
	// when it follows same-origin ones and To is another origin (or the
	// chain was too long).
	Followed bool
}

func (e *RedirectError) Error() string {
	why := "a request that follows no redirect"
	if e.Followed {
		why = "another address than the one asked"
	}
	return fmt.Sprintf("%s answered HTTP %d, sending the request to %s (%s); it was not sent there", e.From, e.Status, e.To, why)
}

// NoRedirects is a copy of c that follows no redirect: the redirect comes
// back as a *RedirectError, and the request goes nowhere else.
func NoRedirects(c *http.Client) *http.Client {
	if c == nil {
		c = Default()
	}
	n := *c
	n.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		return redirectError(req, via, false)
	}
	return &n
}

// SameOrigin is a copy of c that follows a redirect only to the same
// scheme, host and port. New's clients already do.
func SameOrigin(c *http.Client) *http.Client {
	if c == nil {
		return Default()
	}
	n := *c
	n.CheckRedirect = sameOrigin
	return &n
}

func sameOrigin(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects || origin(req.URL) != origin(via[0].URL) {
		return redirectError(req, via, true)
	}
	return nil
}

func redirectError(req *http.Request, via []*http.Request, followed bool) error {
	status := 0
	if req.Response != nil {
		status = req.Response.StatusCode
	}
	return &RedirectError{Status: status, From: noQuery(via[len(via)-1].URL), To: noQuery(req.URL), Followed: followed}
}

// noQuery is u without its user, query and fragment.
func noQuery(u *url.URL) string {
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
}

type originOf struct{ scheme, host, port string }

// origin is u's scheme, host and port (the scheme's default when u names
// none), compared without regard to case.
func origin(u *url.URL) originOf {
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	if port == "" {
		port = map[string]string{"https": "443", "http": "80"}[scheme]
	}
	return originOf{scheme, strings.ToLower(u.Hostname()), port}
}
