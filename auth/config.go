package auth

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/make-connect/make-connect/internal/platform/httpclient"
)

// Defaults for a Config's empty fields.
const (
	DefaultIssuer      = "https://www.make.com"
	DefaultRedirectURI = "http://127.0.0.1:0/callback"
	DefaultTimeout     = 5 * time.Minute
)

// DefaultScopes are requested when a Config names none (the "Who I am"
// preset): openid for an id_token that says who connected, user:read for
// their name and email, organizations:read for where their data is (the
// zone).
var DefaultScopes = []string{"openid", "user:read", "organizations:read"}

// ErrNoClientID is returned by Validate when no client ID is configured.
var ErrNoClientID = errors.New("no Make OAuth client ID is configured")

// Config says which authorization server to talk to and how.
type Config struct {
	// ClientID is the public client's ID, registered with Make. Required.
	ClientID string
	// Issuer is the authorization server's issuer URL; its endpoints come
	// from {Issuer}/.well-known/openid-configuration. Default DefaultIssuer.
	Issuer string
	// Scopes are requested in the authorize URL. Default DefaultScopes.
	Scopes []string
	// RedirectURI is the loopback redirect URI. Port 0 means an ephemeral
	// port (RFC 8252 §7.3); any other port is bound exactly, for a redirect
	// URI pre-registered with Make. Default DefaultRedirectURI.
	RedirectURI string
	// Timeout ends a connection attempt that has not completed. Default
	// DefaultTimeout.
	Timeout time.Duration
	// LaunchWatch is how long the listener keeps watching the launch links
	// (LaunchURL) after the attempt completed, to catch a late second
	// request. Default DefaultLaunchWatch.
	LaunchWatch time.Duration
	// HTTPClient makes every request to the server. Default
	// httpclient.Default(): proxies from the environment, answers capped.
	HTTPClient *http.Client
	// Now is the clock for expiry and id_token checks. Default time.Now.
	Now func() time.Time
	// Accept, if set, is called with the verified connection before the
	// browser is told that connecting worked, so that looking up the
	// person's identity and storing the tokens are part of what the page
	// reports; the success page names the person Accept found (the
	// connection's Name and Email). An error from Accept ends the attempt
	// with that error.
	Accept func(ctx context.Context, c *Connection) error
	// Pages are the words of the pages the browser shows, in the person's
	// language; an empty field is said in English. Default EnglishPages.
	Pages PageTexts
}

// SplitScopes splits a scope list written with spaces or commas, as Make
// accepts both, and drops empty entries and repeats.
func SplitScopes(s string) []string {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
	var out []string
	seen := map[string]bool{}
	for _, f := range fields {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

// WithDefaults returns a copy of c with every empty field set to its
// default.
func (c Config) WithDefaults() Config {
	if c.Issuer == "" {
		c.Issuer = DefaultIssuer
	}
	c.Issuer = strings.TrimSuffix(c.Issuer, "/")
	if len(c.Scopes) == 0 {
		c.Scopes = DefaultScopes
	}
	if c.RedirectURI == "" {
		c.RedirectURI = DefaultRedirectURI
	}
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	if c.LaunchWatch == 0 {
		c.LaunchWatch = DefaultLaunchWatch
	}
	if c.HTTPClient == nil {
		c.HTTPClient = httpclient.Default()
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	c.Pages = c.Pages.withDefaults()
	return c
}

// Validate reports the first thing wrong with c, after defaults, in words a
// person can act on.
func (c Config) Validate() error {
	c = c.WithDefaults()
	if strings.TrimSpace(c.ClientID) == "" {
		return ErrNoClientID
	}
	if err := CheckEndpoint("issuer", c.Issuer); err != nil {
		return err
	}
	if err := CheckRedirectURI(c.RedirectURI); err != nil {
		return err
	}
	if c.Timeout < 0 {
		return fmt.Errorf("the timeout %s is negative", c.Timeout)
	}
	return nil
}

// CheckRedirectURI reports what is wrong with raw as a redirect URI, in
// words a person can act on; nil when nothing is.
func CheckRedirectURI(raw string) error {
	_, err := parseRedirectURI(raw)
	return err
}

// parseRedirectURI checks that raw is a loopback redirect URI this app can
// listen on: http, an IP literal of the loopback interface (RFC 8252 §8.3
// advises against "localhost"), an explicit port and a path.
func parseRedirectURI(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, redirectProblem(raw, NotURL)
	}
	if u.Scheme != "http" {
		return nil, redirectProblem(raw, NotHTTP)
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil, redirectProblem(raw, Localhost)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return nil, redirectProblem(raw, NotLoopback)
	}
	if u.Port() == "" {
		return nil, redirectProblem(raw, NoPort)
	}
	if p, err := strconv.Atoi(u.Port()); err != nil || p < 0 || p > 65535 {
		return nil, &ValueError{What: "redirect URI", Value: raw, Problem: BadPort, Port: u.Port()}
	}
	if u.Path == "" || u.Path == "/" {
		return nil, redirectProblem(raw, NoPath)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, redirectProblem(raw, QueryOrFragment)
	}
	return u, nil
}

func redirectProblem(raw string, p Problem) error {
	return &ValueError{What: "redirect URI", Value: raw, Problem: p}
}

// CheckScopes reports a scope that cannot be sent as one (RFC 6749 §3.3:
// scope-token = 1*( %x21 / %x23-5B / %x5D-7E )), and an empty list.
func CheckScopes(scopes []string) error {
	if len(scopes) == 0 {
		return &ValueError{What: "scope", Problem: NoScope}
	}
	for _, s := range scopes {
		for _, r := range s {
			if r < 0x21 || r > 0x7e || r == '"' || r == '\\' {
				return &ValueError{What: "scope", Value: s, Problem: BadScope}
			}
		}
	}
	return nil
}

// CheckEndpoint refuses a server URL that is not https, unless it is on
// this computer's loopback interface by IP (the sandbox and tests).
func CheckEndpoint(what, raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return &ValueError{What: what, Value: raw, Problem: NotURL}
	}
	if u.User != nil {
		return &ValueError{What: what, Problem: UserInfo} // not raw: it holds a password
	}
	switch {
	case u.Scheme == "https":
		return nil
	case u.Scheme == "http" && isLoopbackHost(u.Hostname()):
		return nil
	}
	return &ValueError{What: what, Value: raw, Problem: NotHTTPS}
}

// isLoopbackHost reports whether host is an IP literal of the loopback
// interface. The name "localhost" is not: a resolver, a hosts file or a
// proxy setting may send it elsewhere (RFC 8252 §8.3).
func isLoopbackHost(host string) bool {
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
