package explain

import (
	"fmt"
	"strings"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/adapters/makeapi"
	"github.com/make-connect/make-connect/internal/core/accounts"
	"github.com/make-connect/make-connect/internal/platform/sanitize"
	"github.com/make-connect/make-connect/internal/words/i18n"
)

// accountWords says what went wrong with an account: the account
// service's errors and Make's API's; "" when e is none of them.
func accountWords(e error, f Face) string {
	switch e := e.(type) {
	case *accounts.NotReadyError:
		return readyWords(e, f)
	case *accounts.DefaultNotSavableError:
		return defaultNotSavableWords(e, f)
	case *accounts.GoneError:
		return Gone(e.Gone, f)
	case *accounts.TooManyAccountsError:
		limit := i18n.N("Your organization allows at most {{.Count}} connected accounts on this computer (MaxAccounts in {{.Source}}).",
			e.Max, vars{"Count": e.Max, "Source": sanitize.Text(e.Source)})
		if !f.window {
			return limit + ` Disconnect an account you no longer need first ("make-connect status" lists them, ` +
				`"make-connect disconnect --account ID" removes one), or ask whoever manages this computer. ` +
				`To connect one of them again, run "make-connect connect --account ID".`
		}
		return limit + " " + i18n.L("Disconnect an account you no longer need first, or ask whoever manages this computer.")
	case *accounts.TooShortError:
		v := vars{"Left": Countdown(e.Left), "Wanted": e.Wanted.String(), "Action": capital(f.reconnect())}
		if e.RenewErr != nil {
			return i18n.L("The access token expires in {{.Left}}, sooner than the {{.Wanted}} asked for, and renewing it failed. {{.Action}} to sign in again.", v)
		}
		return i18n.L("The access token expires in {{.Left}}, sooner than the {{.Wanted}} asked for, and Make gave it no way to renew itself. {{.Action}} to sign in again.", v)
	case *accounts.NotStoredError:
		return notStored(Plain(e.Err, f))
	case *accounts.DefaultGoneError:
		ref := sanitize.Text(e.Ref)
		if e.Source == config.FromEnvironment {
			return i18n.L("{{.Variable}} is set to {{.Value}}, which is not a connected account. "+
				"Unset it, or set it to the ID of a connected account (\"make-connect status\" lists them).", vars{"Variable": config.EnvAccount, "Value": ref})
		}
		return i18n.L("The default account, {{.Account}}, is no longer connected, so it is not clear which account is meant: {{.Choose}}.",
			vars{"Account": ref, "Choose": f.chooseDefault()})
	case *accounts.WhichAccountError:
		v := vars{"Count": len(e.IDs), "IDs": strings.Join(e.IDs, ", "), "Email": sanitize.Text(e.Email), "Choose": f.chooseDefault()}
		if e.Email != "" {
			return i18n.N("{{.Email}} belongs to {{.Count}} connected accounts, at different sign-in servers; choose one by its ID: {{.IDs}}.", len(e.IDs), v)
		}
		return i18n.N("{{.Count}} accounts are connected ({{.IDs}}) and none is the default: {{.Choose}}.", len(e.IDs), v)
	case *accounts.UnknownAccountError:
		if f.window {
			return i18n.L("This account is no longer connected on this computer: another window, the command line or an uninstaller " +
				"disconnected it. The list shows what is connected now.")
		}
		return fmt.Sprintf("No connected account has the ID or email %q; \"make-connect status\" lists them.", sanitize.Text(e.Ref))
	case *makeapi.Error:
		if s := makeAPIWords(e, f); s != "" {
			return s
		}
		return i18n.L("Make answered with an error (HTTP {{.Status}}). Try again later; the details say what Make said.", vars{"Status": e.Status})
	}
	if s := makeAPIWords(e, f); s != "" {
		return s
	}
	switch {
	case is(e, accounts.ErrNoIdentity):
		return i18n.L("Make did not say who connected: it sent no ID token, and the user:read scope was not granted to ask. "+
			"Include openid or user:read in the scopes {{.Where}}.", vars{"Where": f.settings()})
	case is(e, accounts.ErrTokenNotForShell):
		return i18n.L("This access token holds characters a token may not, which a shell could run as commands, so no curl command was made. " +
			"Copy the token alone instead, and look at it before you use it.")
	case is(e, accounts.ErrExpired):
		return i18n.L("This account's access has expired. {{.Action}} to sign in again.", vars{"Action": capital(f.reconnect())})
	case is(e, accounts.ErrTooShort):
		return i18n.L("The access token expires sooner than asked for. {{.Action}} to sign in again.", vars{"Action": capital(f.reconnect())})
	case is(e, accounts.ErrNotStored):
		return notStored("")
	case is(e, accounts.ErrWhichAccount):
		return i18n.L("It is not clear which account is meant: {{.Choose}}.", vars{"Choose": f.chooseDefault()})
	case is(e, accounts.ErrAccountGone):
		return i18n.L("That account is no longer connected on this computer.")
	case is(e, accounts.ErrNoAccount):
		return i18n.L("No Make account is connected. {{.Action}} to connect one.", vars{"Action": capital(f.startConnect())})
	case is(e, accounts.ErrNoSettings):
		return i18n.L("Make Connect has no folder for saved settings here, so it cannot keep the default account. " +
			"Check that your home folder exists, or set MAKE_CONNECT_CONFIG_DIR to a folder of yours.")
	}
	return ""
}

// makeAPIWords says what Make's API refused, by the sentinel e is; "" for
// any other error.
func makeAPIWords(e error, f Face) string {
	switch {
	case is(e, makeapi.ErrRateLimited):
		return i18n.L("Make's rate limit for this account's organization is used up (60 to 1,000 requests a minute, by plan). Wait a minute before asking again.")
	case is(e, makeapi.ErrRejected):
		return i18n.L("Make rejected this account's access token: it was revoked, or expired early. {{.Action}} to sign in again.",
			vars{"Action": capital(f.reconnect())})
	case is(e, makeapi.ErrMissingScope):
		return i18n.L("Make refused this: the account's access does not include the scope it needs. Add the scope {{.Where}}, then {{.Action}} to sign in again.",
			vars{"Where": f.settings(), "Action": f.reconnect()})
	}
	return ""
}

// notStored says that renewed tokens could not be kept, and why (reason,
// which may be "").
func notStored(reason string) string {
	return strings.TrimSpace(i18n.L("The renewed access could not be saved in the keychain. The account works until its token "+
		"runs out, then it must be connected again. {{.Reason}}", vars{"Reason": reason}))
}
