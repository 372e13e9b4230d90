package config

import (
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/make-connect/make-connect/internal/platform/sanitize"
)

// Defaults of the connect flow's settings. auth.Config takes the same
// ones for its empty fields.
const (
	DefaultIssuer      = "https://www.make.com"
	DefaultRedirectURI = "http://127.0.0.1:0/callback"
	DefaultTimeout     = 5 * time.Minute
)

// DefaultScopes are requested when no scopes are set (the "Who I am"
// preset): openid for an id_token that says who connected, user:read for
// their name and email, organizations:read for where their data is (the
// zone).
var DefaultScopes = []string{"openid", "user:read", "organizations:read"}

// Problem is the rule a setting's value breaks: data, so that each face
// can put it in the person's words (explain.Problem) while logs and the
// command line read ValueError's English.
type Problem int

const (
	NotURL          Problem = iota + 1 // not a URL at all
	NotRedirectKind                    // a redirect URI of none of the three kinds (redirect.go)
	Localhost                          // a redirect URI on "localhost" (RFC 8252 §8.3)
	NotLoopback                        // a redirect URI not on 127.0.0.1 or [::1]
	NoPort                             // a redirect URI without a port
	BadPort                            // a redirect URI whose port is not 0–65535
	NoPath                             // a redirect URI without a path
	QueryOrFragment                    // a redirect URI with a query or fragment
	UserInfo                           // a server URL with a user name or password
	NotHTTPS                           // a server URL that is not https (nor loopback)
	NoScope                            // no scope at all
	BadScope                           // a scope with a character a scope cannot have
	NotKeychain                        // a keychain other than system or kernel
	NotDuration                        // a timeout that is not a positive duration
	SchemeForm                         // a private-use scheme redirect URI not written scheme:/path
)

// ValueError is a value that breaks Problem's rule: What names the setting
// ("redirect URI", "issuer", "API base", "scope"), Value is as given and
// Port the redirect URI's port when that is the problem.
type ValueError struct {
	What, Value string
	Problem     Problem
	Port        string
}

func (e *ValueError) Error() string {
	q := fmt.Sprintf("%q", e.Value)
	switch e.Problem {
	case NotURL:
		return fmt.Sprintf("the %s %s is not a URL", e.What, q)
	case NotRedirectKind:
		return fmt.Sprintf("the %s %s must start with http://127.0.0.1 (this computer), %s:/ (this app) or https:// (a page of your organization)", e.What, q, Scheme())
	case SchemeForm:
		return fmt.Sprintf("the %s %s must be written %s:/path, with a single slash (RFC 8252 §7.1)", e.What, q, Scheme())
	case Localhost:
		return fmt.Sprintf("the %s %s uses localhost: use http://127.0.0.1 instead (RFC 8252 §8.3)", e.What, q)
	case NotLoopback:
		return fmt.Sprintf("the %s %s must be on 127.0.0.1 or [::1], this computer's loopback address", e.What, q)
	case NoPort:
		return fmt.Sprintf("the %s %s needs a port (0 for any free one)", e.What, q)
	case BadPort:
		return fmt.Sprintf("the %s %s has port %s: a port is a number from 1 to 65535 (0 for any free one)", e.What, q, e.Port)
	case NoPath:
		return fmt.Sprintf("the %s %s needs a path such as /callback", e.What, q)
	case QueryOrFragment:
		return fmt.Sprintf("the %s %s must not have a query or fragment", e.What, q)
	case UserInfo:
		return fmt.Sprintf("refusing the %s: it must not carry a user name or password", e.What)
	case NotHTTPS:
		return fmt.Sprintf("refusing the %s %s: it must use https", e.What, e.Value)
	case NoScope:
		return "no scope is requested"
	case BadScope:
		// As typed, between typographic quotes: Go's quoting would show a
		// quote in it as \" (sanitize.Text keeps a control character from
		// acting).
		return fmt.Sprintf("“%s” is not a scope: scopes are written without quotes, backslashes or other special characters", sanitize.Text(e.Value))
	case NotKeychain:
		return fmt.Sprintf("%s is not a keychain: use system or kernel", q)
	case NotDuration:
		return fmt.Sprintf("the %s %s is not a duration such as 5m or 30s", e.What, q)
	}
	return fmt.Sprintf("the %s %s cannot be used", e.What, q)
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
