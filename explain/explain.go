// Package explain is where the words a person reads are made: what went
// wrong, in words someone who is not a developer can act on (Plain), and
// what a connect, a disconnect or an account's schedule came to
// (accounts.go). The window and the command line both show an error with
// Plain first and the error's own text, the technical detail, under it;
// everything else they say about accounts comes from here too, so the two
// faces never word the same thing twice.
package explain

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"unicode"

	"github.com/make-connect/make-connect/accounts"
	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/config"
	"github.com/make-connect/make-connect/httpclient"
	"github.com/make-connect/make-connect/keychain"
	"github.com/make-connect/make-connect/makeapi"
	"github.com/make-connect/make-connect/sanitize"
	"github.com/make-connect/make-connect/session"
)

// Plain says what went wrong with err, for a person using face f. It is
// never empty, and never a bare "something went wrong": an error the app
// itself wrote for people is shown as it is. What a server sent is left
// to the details.
func Plain(err error, f Face) string {
	var (
		settingErr   *config.SettingError
		portErr      *auth.PortError
		notKept      *session.NotKeptError
		defaultGone  *accounts.DefaultGoneError
		which        *accounts.WhichAccountError
		unknown      *accounts.UnknownAccountError
		tooShort     *accounts.TooShortError
		tooMany      *accounts.TooManyAccountsError
		notStored    *accounts.NotStoredError
		certErr      *httpclient.CertificateError
		redirectErr  *httpclient.RedirectError
		discoveryErr *auth.DiscoveryError
		tokenErr     *auth.TokenError
		authorizeErr *auth.AuthorizeError
		urlErr       *url.Error
		netErr       net.Error
	)
	var policyErr *config.PolicyError
	var situation *keychain.SituationError
	var kernel *keychain.KernelError
	switch {
	case errors.As(err, &policyErr):
		return "Your organization's policy for Make Connect cannot be used, so nothing was done (" + sanitize.Text(policyErr.Error()) +
			"). Ask whoever manages this computer to correct it."
	case errors.Is(err, config.ErrSetByPolicy):
		return sentence(sanitize.Text(err.Error())) + " Leave it out, or ask whoever manages this computer."
	case errors.Is(err, config.ErrNotAllowed):
		return sentence(sanitize.Text(err.Error())) + " Choose one it allows, or ask whoever manages this computer."
	case errors.As(err, &situation):
		return keychainWords(situation.Situation, f)
	case errors.As(err, &kernel), errors.Is(err, keychain.ErrNoKernelKeyring):
		return kernelWords(err)
	case errors.As(err, &portErr):
		var source config.Source
		if errors.As(err, &settingErr) {
			source = settingErr.Source
		}
		return portWords(portErr, source, f)
	case errors.As(err, &notKept):
		return notKeptWords(notKept, f)
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
	case errors.Is(err, accounts.ErrNoIdentity):
		return "Make did not say who connected: it sent no ID token, and the user:read scope was not granted to ask. " +
			"Include openid or user:read in the scopes " + f.Settings + "."
	case errors.Is(err, auth.ErrRefreshRefused):
		return "Make no longer renews this account's access. " + capital(f.Reconnect) + " to sign in again."
	case errors.As(err, &tooMany):
		how := "Disconnect an account you no longer need first"
		if !f.window {
			how += ` ("make-connect status" lists them, "make-connect disconnect --account ID" removes one)`
		}
		return sentence(tooMany.Error()) + " " + how + ", or ask whoever manages this computer."
	case errors.As(err, &tooShort):
		why := "Make gave it no way to renew itself"
		if tooShort.RenewErr != nil {
			why = "renewing it failed"
		}
		return fmt.Sprintf("The access token expires in %s, sooner than the %s asked for, and %s. %s to sign in again.",
			accounts.Countdown(tooShort.Left), tooShort.Wanted, why, capital(f.Reconnect))
	case errors.Is(err, accounts.ErrTokenNotForShell):
		return "This access token holds characters a token may not, which a shell could run as commands, so no curl command was made. " +
			"Copy the token alone instead, and look at it before you use it."
	case errors.Is(err, accounts.ErrExpired):
		return "This account's access has expired. " + capital(f.Reconnect) + " to sign in again."
	case errors.As(err, &notStored):
		return "The renewed access could not be saved in the keychain. The account works until its token " +
			"runs out, then it must be connected again. " + Plain(notStored.Err, f)
	case errors.As(err, &defaultGone):
		return defaultGoneWords(defaultGone, f)
	case errors.As(err, &which):
		if which.Email != "" {
			return fmt.Sprintf("%s belongs to %d connected accounts, at different sign-in servers; choose one by its ID: %s.",
				sanitize.Text(which.Email), len(which.IDs), strings.Join(which.IDs, ", "))
		}
		return fmt.Sprintf("%d accounts are connected (%s) and none is the default: %s.", len(which.IDs), strings.Join(which.IDs, ", "), f.ChooseDefault)
	case errors.As(err, &unknown):
		if f.window {
			return "This account is no longer connected on this computer: another window, the command line or an uninstaller " +
				"disconnected it. The list shows what is connected now."
		}
		return fmt.Sprintf("No connected account has the ID or email %q; \"make-connect status\" lists them.", sanitize.Text(unknown.Ref))
	case errors.Is(err, accounts.ErrNoAccount):
		return "No Make account is connected. " + capital(f.Connect) + " to connect one."
	case errors.As(err, &certErr):
		return "The secure connection to " + sanitize.Text(certErr.Host) + " could not be trusted. Something on this network may intercept " +
			"secure connections (a company proxy or security software). If your organization inspects TLS, ask IT for its " +
			"CA certificate (a PEM file), then " + f.CAFile + "."
	case errors.As(err, &redirectErr):
		return "The server sent this request on to " + sanitize.Text(redirectErr.To) + ", and Make Connect sends your sign-in and tokens " +
			"only to the address it asked, so nothing went there. Check the issuer and API settings; if they are Make's, try again later."
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
		return "The sign-in server " + sanitize.Text(discoveryErr.Issuer) + " answered with sign-in settings Make Connect cannot use safely, so nothing was sent to it. " +
			"Check the issuer setting; the details say what was wrong."
	}
	for _, kind := range []error{keychain.ErrUnavailable, keychain.ErrLocked, keychain.ErrTimeout, keychain.ErrBusy} {
		if e := innermost(err, kind); e != nil {
			// The keychain's own text says what is missing and what to run.
			return sentence(e.Error())
		}
	}
	return sentence(sanitize.Text(err.Error()))
}

// portWords says why the redirect port cannot be opened, and how to use
// another, where the redirect URI was set.
func portWords(e *auth.PortError, source config.Source, f Face) string {
	change := f.changeSetting(config.EnvRedirectURI, source, "another redirect URI registered with Make")
	switch e.Why {
	case auth.PortInUse:
		return fmt.Sprintf("Port %s is in use by another program. Close that program, or use another port: %s.", e.Port, change)
	case auth.PortReserved:
		return fmt.Sprintf("Port %s is reserved by Windows (\"forbidden by its access permissions\"; "+
			"netsh interface ipv4 show excludedportrange protocol=tcp lists the reserved ranges). Use another port: %s.", e.Port, change)
	case auth.PortPrivileged:
		return fmt.Sprintf("Port %s can only be opened with administrator rights on this computer. Use another port: %s.", e.Port, change)
	}
	return fmt.Sprintf("The redirect port %s cannot be opened on this computer. Use another port: %s.", e.Port, change)
}

// notKeptWords says that a sign-in worked at Make but was not kept here.
func notKeptWords(e *session.NotKeptError, f Face) string {
	msg := "You signed in, but Make Connect could not keep the connection. " + Plain(e.Err, f)
	if e.RevokeErr != nil {
		return msg + " Make could not be told to withdraw the access it just gave, so it stays valid until it expires."
	}
	return msg + " Make was told to withdraw the access it just gave, so nothing stays valid."
}

// defaultGoneWords says that the default account is not connected, and how
// to choose another where it was chosen.
func defaultGoneWords(e *accounts.DefaultGoneError, f Face) string {
	ref := sanitize.Text(e.Ref)
	if e.Source == config.FromEnvironment {
		return fmt.Sprintf("%s is set to %s, which is not a connected account. Unset it, or set it to the ID of a connected account (\"make-connect status\" lists them).",
			config.EnvAccount, ref)
	}
	return fmt.Sprintf("The default account, %s, is no longer connected, so it is not clear which account is meant: %s.", ref, f.ChooseDefault)
}

// innermost is the error in err's chain that is kind and wraps nothing
// that is: the one whose text says it best, without the steps around it.
func innermost(err, kind error) error {
	var found error
	for e := err; e != nil; e = errors.Unwrap(e) {
		if errors.Is(e, kind) {
			found = e
		}
	}
	return found
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

// Sentence makes s a sentence: a capital first letter and a full stop.
func Sentence(s string) string { return sentence(s) }
