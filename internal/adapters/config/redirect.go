package config

import (
	"net"
	"net/url"
	"strconv"
	"strings"
)

// RedirectKind is which of the three kinds of redirect URI Make may have
// registered for the client a value is. Each brings the browser's answer
// back to the app its own way.
type RedirectKind int

const (
	// Loopback is http://127.0.0.1:PORT/path: the app listens there while
	// it waits (RFC 8252 §7.3), on any free port for port 0.
	Loopback RedirectKind = iota + 1
	// PrivateScheme is the app's own scheme, Scheme():/path: the browser
	// hands the address to the operating system, which starts the app with
	// it, and that process hands it to the waiting sign-in (RFC 8252 §7.1).
	PrivateScheme
	// HTTPSPage is a page of the organization's own, https://host/path:
	// the person pastes the address the browser ended on, or the page (the
	// relay in packaging/relay) sends the browser on to the app's scheme.
	HTTPSPage
)

// SchemeCallbackPath is the path of the app's private-use scheme the
// relay page forwards to: Scheme() + ":" + SchemeCallbackPath.
const SchemeCallbackPath = "/callback"

// Scheme is the app's private-use URI scheme, the app ID (FyneApp.toml's
// Details.ID) in lower case: a reverse domain name
// of the app's own, as RFC 8252 §7.1 asks, and the same rule every
// installer registers the scheme by. "" before ReadMetadata.
//
// https://www.rfc-editor.org/rfc/rfc8252#section-7.1
func Scheme() string { return strings.ToLower(AppID) }

// SchemeRedirectURI is the app's private-use scheme redirect URI, the one
// the relay page forwards to: the scheme, then ":/callback".
func SchemeRedirectURI() string { return Scheme() + ":" + SchemeCallbackPath }

// SchemeHandedOver reports whether, on the operating system goos, the
// scheme's address reaches a waiting sign-in: the system starts the app
// with the address on its command line, and that process hands it over.
// macOS does not: it gives a running or starting app the address as an
// Apple event (kAEGetURL), which this build does not take, so there the
// browser's answer does not come back by itself.
func SchemeHandedOver(goos string) bool { return goos != "darwin" }

// CheckRedirectURI reports what is wrong with raw as a redirect URI; nil
// when nothing is.
func CheckRedirectURI(raw string) error {
	_, _, err := ParseRedirectURI(raw)
	return err
}

// ParseRedirectURI checks that raw is a redirect URI this app can be
// answered on, and says which kind it is. A loopback one is http, an IP
// literal of the loopback interface (RFC 8252 §8.3 advises against
// "localhost"), an explicit port and a path; a private-use scheme one is
// Scheme():/path, one slash and no host (RFC 8252 §7.1); an https one
// names a host and no user. None has a query or fragment.
func ParseRedirectURI(raw string) (*url.URL, RedirectKind, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, 0, redirectProblem(raw, NotURL)
	}
	var kind RedirectKind
	switch {
	case u.Scheme == "http":
		kind, err = Loopback, checkLoopback(raw, u)
	case u.Scheme == "https":
		kind, err = HTTPSPage, checkHTTPSPage(raw, u)
	case u.Scheme != "" && u.Scheme == Scheme():
		kind, err = PrivateScheme, checkScheme(raw, u)
	default:
		return nil, 0, redirectProblem(raw, NotRedirectKind)
	}
	if err == nil && (u.RawQuery != "" || u.Fragment != "" || u.ForceQuery) {
		err = redirectProblem(raw, QueryOrFragment)
	}
	if err != nil {
		return nil, 0, err
	}
	return u, kind, nil
}

func checkLoopback(raw string, u *url.URL) error {
	host := u.Hostname()
	if host == "localhost" {
		return redirectProblem(raw, Localhost)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return redirectProblem(raw, NotLoopback)
	}
	if u.Port() == "" {
		return redirectProblem(raw, NoPort)
	}
	if p, err := strconv.Atoi(u.Port()); err != nil || p < 0 || p > 65535 {
		return &ValueError{What: "redirect URI", Value: raw, Problem: BadPort, Port: u.Port()}
	}
	if u.Path == "" || u.Path == "/" {
		return redirectProblem(raw, NoPath)
	}
	return nil
}

// checkScheme takes the form RFC 8252 §7.1 gives: "com.example.app:/path",
// no authority ("//host") and no opaque part ("scheme:path").
func checkScheme(raw string, u *url.URL) error {
	_, rest, _ := strings.Cut(raw, ":")
	if u.Opaque != "" || u.Host != "" || u.User != nil || strings.HasPrefix(rest, "//") {
		return redirectProblem(raw, SchemeForm)
	}
	if u.Path == "" || u.Path == "/" {
		return redirectProblem(raw, NoPath)
	}
	return nil
}

func checkHTTPSPage(raw string, u *url.URL) error {
	if u.User != nil {
		return &ValueError{What: "redirect URI", Problem: UserInfo} // not raw: it holds a password
	}
	if u.Host == "" || u.Hostname() == "" {
		return redirectProblem(raw, NotURL)
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return &ValueError{What: "redirect URI", Value: raw, Problem: BadPort, Port: p}
		}
	}
	return nil
}

func redirectProblem(raw string, p Problem) error {
	return &ValueError{What: "redirect URI", Value: raw, Problem: p}
}
