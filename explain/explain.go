// Package explain says what went wrong in words a person who is not a
// developer can act on: what happened, then what to do next. The window
// and the command line both show an error with Plain first and the
// error's own text, the technical detail, under it.
package explain

import (
	"context"
	"errors"
	"net"
	"net/url"
	"strings"
	"unicode"

	"github.com/make-connect/make-connect/accounts"
	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/httpclient"
	"github.com/make-connect/make-connect/keychain"
	"github.com/make-connect/make-connect/makeapi"
)

// A Face is how a person does things where the message is shown: the
// window has buttons, the command line has commands.
type Face struct {
	// Connect is how to start connecting: "press Connect to Make".
	Connect string
	// Reconnect is how to sign an account in again.
	Reconnect string
	// ClientID is how to set the client ID.
	ClientID string
	// CAFile is how to set the CA certificate file.
	CAFile string
	// Settings is where the client ID and scopes are checked.
	Settings string
}

// The app's two faces.
var (
	Window = Face{
		Connect:   "press Connect to Make",
		Reconnect: "press Reconnect",
		ClientID:  "open Settings and enter the client ID Make gave your organisation for this app",
		CAFile:    "set it in Settings › CA certificate file",
		Settings:  "in Settings",
	}
	CommandLine = Face{
		Connect:   `run "make-connect connect"`,
		Reconnect: `run "make-connect connect"`,
		ClientID:  "set MAKE_CONNECT_CLIENT_ID or pass --client-id (see README, \"Registering a Make OAuth client\")",
		CAFile:    "set MAKE_CONNECT_CA_FILE or pass --ca-file",
		Settings:  "(--client-id and --scopes, their variables, or the window's Settings)",
	}
)

// Plain says what went wrong with err, for a person using face f. It is
// never empty, and never a bare "something went wrong": an error the app
// itself wrote for people is shown as it is.
func Plain(err error, f Face) string {
	var (
		certErr      *httpclient.CertificateError
		discoveryErr *auth.DiscoveryError
		tokenErr     *auth.TokenError
		authorizeErr *auth.AuthorizeError
		urlErr       *url.Error
		netErr       net.Error
	)
	switch {
	case errors.Is(err, auth.ErrNoClientID):
		return "No client ID is set, so Make Connect cannot ask Make to connect. To fix it, " + f.ClientID + "."
	case errors.Is(err, auth.ErrDeclined):
		return "You pressed Deny in the browser, so nothing was connected."
	case errors.Is(err, auth.ErrTimedOut):
		return "The sign-in in your browser did not finish in time, so nothing was connected. " + capital(f.Connect) + " to try again."
	case errors.Is(err, auth.ErrCancelled):
		return "Connecting was cancelled."
	case errors.Is(err, auth.ErrCompromised):
		return "The sign-in link was opened twice, so someone else on this computer may have it. To keep your account safe, " +
			"nothing from this sign-in was kept. " + capital(f.Connect) + " to try again; if it happens again, ask whoever " +
			"looks after this computer who else can use it."
	case errors.Is(err, auth.ErrIssuerMismatch):
		return "The answer came from a different server than the one asked, so it was refused to keep your account safe."
	case errors.Is(err, auth.ErrInvalidIDToken):
		return "The answer did not pass the checks that prove it comes from Make for this sign-in (its ID token is not valid), " +
			"so nothing was connected. If this computer's clock is wrong, correct it; otherwise try again."
	case errors.Is(err, auth.ErrRefreshRefused):
		return "Make no longer renews this account's access. " + capital(f.Reconnect) + " to sign in again."
	case errors.Is(err, accounts.ErrExpired):
		return "This account's access has expired. " + capital(f.Reconnect) + " to sign in again."
	case errors.As(err, &certErr):
		return "The secure connection to " + certErr.Host + " could not be trusted. Something on this network may intercept " +
			"secure connections (a company proxy or security software). If your organisation inspects TLS, ask IT for its " +
			"CA certificate (a PEM file), then " + f.CAFile + "."
	case errors.Is(err, httpclient.ErrBodyTooLarge):
		return "The server sent an answer far larger than any Make sends, so it was not read. Check the sign-in server setting; if it is Make's, try again later."
	case errors.Is(err, makeapi.ErrRateLimited):
		return "Make's rate limit for this account's organization is used up (60 to 1,000 requests a minute, by plan). Wait a minute before asking again."
	case errors.Is(err, makeapi.ErrRejected):
		return "Make rejected this account's access token: it was revoked, or expired early. " + capital(f.Reconnect) + " to sign in again."
	case errors.As(err, &authorizeErr), errors.As(err, &tokenErr):
		// What the server said is in the details: its text is not ours to
		// put in a sentence.
		return "Make refused the sign-in. Try again; if it keeps happening, check the client ID and scopes " + f.Settings + "."
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &urlErr), errors.As(err, &netErr):
		// Before "unusable settings": settings that could not be fetched
		// are a network problem.
		return "Make could not be reached. Check the internet connection (and HTTPS_PROXY, if this network needs a proxy), then try again."
	case errors.As(err, &discoveryErr):
		return "The sign-in server " + discoveryErr.Issuer + " answered with sign-in settings Make Connect cannot use safely, so nothing was sent to it. " +
			"Check the issuer setting; the details say what was wrong."
	case errors.Is(err, keychain.ErrTimeout), errors.Is(err, keychain.ErrUnavailable):
		// The keychain's own text says what is missing and what to run.
		return sentence(err.Error())
	}
	return sentence(err.Error())
}

// capital starts s with a capital letter.
func capital(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

// sentence starts s with a capital letter and ends it with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	s = capital(s)
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "\n") {
		s += "."
	}
	return s
}
