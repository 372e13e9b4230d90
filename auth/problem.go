package auth

import (
	"fmt"

	"github.com/make-connect/make-connect/internal/platform/sanitize"
)

// Problem is the rule a setting's value breaks: data, so that each face
// can put it in the person's words (explain.Problem) while logs and the
// command line read ValueError's English.
type Problem int

const (
	NotURL          Problem = iota + 1 // not a URL at all
	NotHTTP                            // a redirect URI that is not http://
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
	case NotHTTP:
		return fmt.Sprintf("the %s %s must start with http:// (a loopback address)", e.What, q)
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
