package explain

import (
	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/core/session"
	"github.com/make-connect/make-connect/internal/platform/sanitize"
	"github.com/make-connect/make-connect/internal/words/i18n"
)

// signInWords says what went wrong connecting: auth's and the session's
// errors; "" when e is none of them.
func signInWords(e error, f Face) string {
	switch e := e.(type) {
	case *auth.PortError:
		return portWords(e, config.FromDefault, f)
	case *auth.NotTheCallbackError:
		switch {
		case e.WrongState:
			return i18n.L("That address is the answer to another sign-in, or was changed. Paste the address from the tab this sign-in opened.")
		case e.Finished:
			return i18n.L("This sign-in has already finished, so that address is not needed.")
		}
		return i18n.L("That is not the address this sign-in ended on: it should start with {{.Redirect}}. Copy the whole address from the browser's address bar.",
			vars{"Redirect": sanitize.Text(e.Redirect)})
	case *auth.HandOverError:
		// A folder that is not the person's alone says which and what to do.
		if s := classifyBy(e.Err, f, fileWords); s != "" {
			return s
		}
		return i18n.L("Make Connect cannot wait for the browser to hand the sign-in back to this app ({{.Scheme}}). The details say why.",
			vars{"Scheme": config.SchemeRedirectURI()})
	case *auth.TokenError:
		if e.Is(auth.ErrRefreshRefused) {
			return refreshRefused(f)
		}
		return refused(f)
	case *auth.AuthorizeError:
		return refused(f)
	case *auth.DiscoveryError:
		// Settings that could not be fetched are the network's problem,
		// or the redirect's: what it wraps says. Settings that were
		// fetched are the server's, whatever is wrong with them.
		if s := classifyBy(e.Err, f, networkWords); s != "" {
			return s
		}
		return i18n.L("The sign-in server {{.Issuer}} answered with sign-in settings Make Connect cannot use safely, so nothing was sent to it. "+
			"Check the issuer setting; the details say what was wrong.", vars{"Issuer": sanitize.Text(e.Issuer)})
	case *auth.NotKeptError:
		v := vars{"Reason": Plain(e.Err, f)}
		if e.RevokeErr != nil {
			return i18n.L("You signed in, but Make Connect could not keep the connection. {{.Reason}} "+
				"Make could not be told to withdraw the access it just gave, so it stays valid until it expires.", v)
		}
		return i18n.L("You signed in, but Make Connect could not keep the connection. {{.Reason}} "+
			"Make was told to withdraw the access it just gave, so nothing stays valid.", v)
	case *session.BrowserError:
		how := `run "make-connect connect --no-browser" for an address to open in any browser`
		if f.window {
			how = press(i18n.L("Copy link"))
		}
		return i18n.L("The browser could not be opened here. Open the sign-in page in a browser yourself: {{.How}}.", vars{"How": how})
	}
	switch {
	case is(e, auth.ErrNoClientID):
		return i18n.L("No client ID is set, so Make Connect cannot ask Make to connect. To fix it, {{.Fix}}.", vars{"Fix": f.clientID()})
	case is(e, auth.ErrNotTheCallback):
		return i18n.L("That is not the address this sign-in ended on. Copy the whole address from the browser's address bar.")
	case is(e, auth.ErrDeclined):
		return i18n.L("You pressed Deny in the browser, so nothing was connected.")
	case is(e, auth.ErrTimedOut):
		return i18n.L("The sign-in in your browser did not finish in time, so nothing was connected. {{.Action}} to try again.",
			vars{"Action": capital(f.startConnect())})
	case is(e, auth.ErrCancelled):
		return i18n.L("Connecting was cancelled.")
	case is(e, auth.ErrCompromised):
		return i18n.L("The sign-in link was opened twice, so someone else on this computer may have it. To keep your account safe, "+
			"nothing from this sign-in was kept. {{.Action}} to try again; if it happens again, ask whoever "+
			"looks after this computer who else can use it.", vars{"Action": capital(f.startConnect())})
	case is(e, auth.ErrIssuerMismatch):
		return i18n.L("The answer came from a different server than the one asked, so it was refused to keep your account safe.")
	case is(e, auth.ErrInvalidIDToken):
		return i18n.L("The answer did not pass the checks that prove it comes from Make for this sign-in (its ID token is not valid), " +
			"so nothing was connected. If this computer's clock is wrong, correct it; otherwise try again.")
	case is(e, auth.ErrRefreshRefused):
		return refreshRefused(f)
	case is(e, auth.ErrNoRefreshToken):
		return i18n.L("Make gave this account no way to renew its access. {{.Action}} to sign in again.", vars{"Action": capital(f.reconnect())})
	case is(e, auth.ErrNoRevocation):
		return i18n.L("The sign-in server offers no way to withdraw an account's access, so it stays valid until it expires.")
	case is(e, auth.ErrPortInUse):
		return i18n.L("The redirect port cannot be opened on this computer. Use another port: {{.Change}}.",
			vars{"Change": f.changeSetting(config.EnvRedirectURI, config.FromDefault, i18n.L("another redirect URI registered with Make"))})
	}
	return ""
}

// refused says that Make refused the sign-in. What the server said is in
// the details: its text is not ours to put in a sentence.
func refused(f Face) string {
	return i18n.L("Make refused the sign-in. Try again; if it keeps happening, check the client ID and scopes {{.Where}}.", vars{"Where": f.settings()})
}

// refreshRefused says that Make no longer renews an account.
func refreshRefused(f Face) string {
	return i18n.L("Make no longer renews this account's access. {{.Action}} to sign in again.", vars{"Action": capital(f.reconnect())})
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
