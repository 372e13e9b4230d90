package explain

import (
	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/words/i18n"
)

// BrowserPages are the words of the pages the browser shows after the
// sign-in (auth.Config.Pages), in the language chosen: the window's. In
// English they are auth.EnglishPages, word for word. The command line
// leaves the pages English.
func BrowserPages() auth.PageTexts {
	notConnected := i18n.L("Not connected")
	return auth.PageTexts{
		Lang: i18n.Language(),
		Connected: auth.Page{Title: i18n.L("Connected"),
			Message: i18n.L("Your Make account is connected. You can close this tab and return to Make Connect.")},
		ConnectedAs: func(who string) auth.Page {
			return auth.Page{Title: i18n.L("Connected"),
				Message: i18n.L("Connected {{.Who}} to Make Connect. You can close this tab.", vars{"Who": who})}
		},
		Declined: auth.Page{Title: notConnected,
			Message: i18n.L("You declined the connection, so nothing was connected. You can close this tab and return to Make Connect.")},
		Cancelled: auth.Page{Title: i18n.L("Sign-in cancelled"),
			Message: i18n.L("This sign-in was cancelled in Make Connect, so nothing was connected. To connect, start again from Make Connect.")},
		WrongState: auth.Page{Title: i18n.L("Not recognised"),
			Message: i18n.L("This address does not belong to the connection Make Connect is waiting for. Return to Make Connect and start connecting from there.")},
		AlreadyHandled: auth.Page{Title: i18n.L("Already handled"),
			Message: i18n.L("This connection attempt was already handled. You can close this tab and return to Make Connect.")},
		OtherUser: auth.Page{Title: i18n.L("Not your sign-in"),
			Message: i18n.L("This sign-in belongs to another user of this computer, so Make Connect did not answer. Nothing was sent to you, and their sign-in goes on.")},
		Compromised: auth.Page{Title: i18n.L("Link already used"),
			Message: i18n.L("This sign-in link works only once, and it was opened before. In case someone else on this computer has it, Make Connect stopped this connection attempt. Return to Make Connect and connect again.")},
		Undone: auth.Page{Title: i18n.L("Link already used"),
			Message: i18n.L("This sign-in link works only once, and it was opened again after it connected an account. In case someone else on this computer has it, Make Connect disconnects that account again and withdraws its access. Return to Make Connect and connect again.")},
		Failed: auth.Page{Title: notConnected,
			Message: i18n.L("Connecting did not work, so nothing was connected. Return to Make Connect: it says what happened and what to do.")},
		IssuerMismatch: auth.Page{Title: notConnected,
			Message: i18n.L("The answer came from a different server than the one Make Connect asked, so it was refused for your safety. Return to Make Connect to try again.")},
		Refused: auth.Page{Title: notConnected,
			Message: i18n.L("Make refused the sign-in, so nothing was connected. Return to Make Connect: it says what happened and what to do.")},
	}
}
