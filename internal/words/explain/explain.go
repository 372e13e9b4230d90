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

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/adapters/keychain"
	"github.com/make-connect/make-connect/internal/adapters/makeapi"
	"github.com/make-connect/make-connect/internal/core/accounts"
	"github.com/make-connect/make-connect/internal/core/session"
	"github.com/make-connect/make-connect/internal/platform/httpclient"
	"github.com/make-connect/make-connect/internal/platform/sanitize"
	"github.com/make-connect/make-connect/internal/words/i18n"
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
	var notCallback *auth.NotTheCallbackError
	var policyErr *config.PolicyError
	var situation *keychain.SituationError
	var kernel *keychain.KernelError
	switch {
	case errors.As(err, &policyErr):
		return i18n.L("Your organization's policy for Make Connect cannot be used, so nothing was done ({{.Error}}). Ask whoever manages this computer to correct it.",
			vars{"Error": sanitize.Text(policyErr.Error())})
	case errors.Is(err, config.ErrSetByPolicy):
		return i18n.L("{{.Problem}} Leave it out, or ask whoever manages this computer.", vars{"Problem": sentence(sanitize.Text(err.Error()))})
	case errors.Is(err, config.ErrNotAllowed):
		return i18n.L("{{.Problem}} Choose one it allows, or ask whoever manages this computer.", vars{"Problem": settingProblemOr(err)})
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
		return i18n.L("No client ID is set, so Make Connect cannot ask Make to connect. To fix it, {{.Fix}}.", vars{"Fix": f.clientID()})
	case errors.As(err, &notCallback):
		switch {
		case notCallback.WrongState:
			return i18n.L("That address is the answer to another sign-in, or was changed. Paste the address from the tab this sign-in opened.")
		case notCallback.Finished:
			return i18n.L("This sign-in has already finished, so that address is not needed.")
		}
		return i18n.L("That is not the address this sign-in ended on: it should start with {{.Redirect}}. Copy the whole address from the browser's address bar.",
			vars{"Redirect": sanitize.Text(notCallback.Redirect)})
	case errors.Is(err, auth.ErrDeclined):
		return i18n.L("You pressed Deny in the browser, so nothing was connected.")
	case errors.Is(err, auth.ErrTimedOut):
		return i18n.L("The sign-in in your browser did not finish in time, so nothing was connected. {{.Action}} to try again.",
			vars{"Action": capital(f.startConnect())})
	case errors.Is(err, auth.ErrCancelled):
		return i18n.L("Connecting was cancelled.")
	case errors.Is(err, auth.ErrCompromised):
		return i18n.L("The sign-in link was opened twice, so someone else on this computer may have it. To keep your account safe, "+
			"nothing from this sign-in was kept. {{.Action}} to try again; if it happens again, ask whoever "+
			"looks after this computer who else can use it.", vars{"Action": capital(f.startConnect())})
	case errors.Is(err, auth.ErrIssuerMismatch):
		return i18n.L("The answer came from a different server than the one asked, so it was refused to keep your account safe.")
	case errors.Is(err, auth.ErrInvalidIDToken):
		return i18n.L("The answer did not pass the checks that prove it comes from Make for this sign-in (its ID token is not valid), " +
			"so nothing was connected. If this computer's clock is wrong, correct it; otherwise try again.")
	case errors.Is(err, accounts.ErrNoIdentity):
		return i18n.L("Make did not say who connected: it sent no ID token, and the user:read scope was not granted to ask. "+
			"Include openid or user:read in the scopes {{.Where}}.", vars{"Where": f.settings()})
	case errors.Is(err, auth.ErrRefreshRefused):
		return i18n.L("Make no longer renews this account's access. {{.Action}} to sign in again.", vars{"Action": capital(f.reconnect())})
	case errors.As(err, &tooMany):
		limit := i18n.N("Your organization allows at most {{.Count}} connected accounts on this computer (MaxAccounts in {{.Source}}).",
			tooMany.Max, vars{"Count": tooMany.Max, "Source": sanitize.Text(tooMany.Source)})
		if !f.window {
			return limit + ` Disconnect an account you no longer need first ("make-connect status" lists them, ` +
				`"make-connect disconnect --account ID" removes one), or ask whoever manages this computer.`
		}
		return limit + " " + i18n.L("Disconnect an account you no longer need first, or ask whoever manages this computer.")
	case errors.As(err, &tooShort):
		v := vars{"Left": Countdown(tooShort.Left), "Wanted": tooShort.Wanted.String(), "Action": capital(f.reconnect())}
		if tooShort.RenewErr != nil {
			return i18n.L("The access token expires in {{.Left}}, sooner than the {{.Wanted}} asked for, and renewing it failed. {{.Action}} to sign in again.", v)
		}
		return i18n.L("The access token expires in {{.Left}}, sooner than the {{.Wanted}} asked for, and Make gave it no way to renew itself. {{.Action}} to sign in again.", v)
	case errors.Is(err, accounts.ErrTokenNotForShell):
		return i18n.L("This access token holds characters a token may not, which a shell could run as commands, so no curl command was made. " +
			"Copy the token alone instead, and look at it before you use it.")
	case errors.Is(err, accounts.ErrExpired):
		return i18n.L("This account's access has expired. {{.Action}} to sign in again.", vars{"Action": capital(f.reconnect())})
	case errors.As(err, &notStored):
		return i18n.L("The renewed access could not be saved in the keychain. The account works until its token "+
			"runs out, then it must be connected again. {{.Reason}}", vars{"Reason": Plain(notStored.Err, f)})
	case errors.As(err, &defaultGone):
		return defaultGoneWords(defaultGone, f)
	case errors.As(err, &which):
		v := vars{"Count": len(which.IDs), "IDs": strings.Join(which.IDs, ", "), "Email": sanitize.Text(which.Email), "Choose": f.chooseDefault()}
		if which.Email != "" {
			return i18n.N("{{.Email}} belongs to {{.Count}} connected accounts, at different sign-in servers; choose one by its ID: {{.IDs}}.", len(which.IDs), v)
		}
		return i18n.N("{{.Count}} accounts are connected ({{.IDs}}) and none is the default: {{.Choose}}.", len(which.IDs), v)
	case errors.As(err, &unknown):
		if f.window {
			return i18n.L("This account is no longer connected on this computer: another window, the command line or an uninstaller " +
				"disconnected it. The list shows what is connected now.")
		}
		return fmt.Sprintf("No connected account has the ID or email %q; \"make-connect status\" lists them.", sanitize.Text(unknown.Ref))
	case errors.Is(err, accounts.ErrNoAccount):
		return i18n.L("No Make account is connected. {{.Action}} to connect one.", vars{"Action": capital(f.startConnect())})
	case errors.As(err, &certErr):
		return i18n.L("The secure connection to {{.Host}} could not be trusted. Something on this network may intercept "+
			"secure connections (a company proxy or security software). If your organization inspects TLS, ask IT for its "+
			"CA certificate (a PEM file), then {{.Fix}}.", vars{"Host": sanitize.Text(certErr.Host), "Fix": f.caFile()})
	case errors.As(err, &redirectErr):
		return i18n.L("The server sent this request on to {{.Address}}, and Make Connect sends your sign-in and tokens "+
			"only to the address it asked, so nothing went there. Check the issuer and API settings; if they are Make's, try again later.",
			vars{"Address": sanitize.Text(redirectErr.To)})
	case errors.Is(err, httpclient.ErrBodyTooLarge):
		return i18n.L("The server sent an answer far larger than any Make sends, so it was not read. Check the sign-in server setting; if it is Make's, try again later.")
	case errors.Is(err, makeapi.ErrRateLimited):
		return i18n.L("Make's rate limit for this account's organization is used up (60 to 1,000 requests a minute, by plan). Wait a minute before asking again.")
	case errors.Is(err, makeapi.ErrRejected):
		return i18n.L("Make rejected this account's access token: it was revoked, or expired early. {{.Action}} to sign in again.",
			vars{"Action": capital(f.reconnect())})
	case errors.As(err, &authorizeErr), errors.As(err, &tokenErr):
		// What the server said is in the details: its text is not ours to
		// put in a sentence.
		return i18n.L("Make refused the sign-in. Try again; if it keeps happening, check the client ID and scopes {{.Where}}.", vars{"Where": f.settings()})
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &urlErr), errors.As(err, &netErr):
		// Before "unusable settings": settings that could not be fetched
		// are a network problem.
		return i18n.L("Make could not be reached. Check the internet connection (and HTTPS_PROXY, if this network needs a proxy), then try again.")
	case errors.As(err, &discoveryErr):
		return i18n.L("The sign-in server {{.Issuer}} answered with sign-in settings Make Connect cannot use safely, so nothing was sent to it. "+
			"Check the issuer setting; the details say what was wrong.", vars{"Issuer": sanitize.Text(discoveryErr.Issuer)})
	}
	if s := settingProblem(err); s != "" {
		return s
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
	v := vars{"Port": e.Port, "Change": f.changeSetting(config.EnvRedirectURI, source, i18n.L("another redirect URI registered with Make"))}
	switch e.Why {
	case auth.PortInUse:
		return i18n.L("Port {{.Port}} is in use by another program. Close that program, or use another port: {{.Change}}.", v)
	case auth.PortReserved:
		return i18n.L("Port {{.Port}} is reserved by Windows (\"forbidden by its access permissions\"; "+
			"netsh interface ipv4 show excludedportrange protocol=tcp lists the reserved ranges). Use another port: {{.Change}}.", v)
	case auth.PortPrivileged:
		return i18n.L("Port {{.Port}} can only be opened with administrator rights on this computer. Use another port: {{.Change}}.", v)
	}
	return i18n.L("The redirect port {{.Port}} cannot be opened on this computer. Use another port: {{.Change}}.", v)
}

// notKeptWords says that a sign-in worked at Make but was not kept here.
func notKeptWords(e *session.NotKeptError, f Face) string {
	v := vars{"Reason": Plain(e.Err, f)}
	if e.RevokeErr != nil {
		return i18n.L("You signed in, but Make Connect could not keep the connection. {{.Reason}} "+
			"Make could not be told to withdraw the access it just gave, so it stays valid until it expires.", v)
	}
	return i18n.L("You signed in, but Make Connect could not keep the connection. {{.Reason}} "+
		"Make was told to withdraw the access it just gave, so nothing stays valid.", v)
}

// defaultGoneWords says that the default account is not connected, and how
// to choose another where it was chosen.
func defaultGoneWords(e *accounts.DefaultGoneError, f Face) string {
	ref := sanitize.Text(e.Ref)
	if e.Source == config.FromEnvironment {
		return i18n.L("{{.Variable}} is set to {{.Value}}, which is not a connected account. "+
			"Unset it, or set it to the ID of a connected account (\"make-connect status\" lists them).", vars{"Variable": config.EnvAccount, "Value": ref})
	}
	return i18n.L("The default account, {{.Account}}, is no longer connected, so it is not clear which account is meant: {{.Choose}}.",
		vars{"Account": ref, "Choose": f.chooseDefault()})
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
