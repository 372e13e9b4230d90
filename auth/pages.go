package auth

import (
	"errors"
	"html/template"
	"net/http"

	"github.com/make-connect/make-connect/internal/platform/sanitize"
)

// A Page is the words of one page the browser shows after the redirect.
// Pages are small and self-contained (no scripts, images or links to
// load), and never show a code, token or state.
type Page struct {
	Title   string
	Message string
}

// PageTexts are every word the loopback listener's pages say, so that a
// face can give them in the person's language (Config.Pages). A field left
// empty is said in English, as EnglishPages says it.
type PageTexts struct {
	// Lang is the pages' language as a BCP 47 tag, for the browser (the
	// html element's lang): "en", "de", "pt-BR".
	Lang string
	// Connected is the success page when Make did not say who connected.
	Connected Page
	// ConnectedAs is the success page naming who connected: who is their
	// name and email as Make gave them, "Ada Lovelace <ada@example.com>",
	// or either alone.
	ConnectedAs func(who string) Page
	Declined    Page
	// Cancelled answers the browser for a while after the person cancelled
	// the attempt in the app (cancelledLinger).
	Cancelled      Page
	WrongState     Page
	AlreadyHandled Page
	OtherUser      Page
	Compromised    Page
	// Undone: a sign-in link opened again after it connected an account,
	// which the app then disconnects (Attempt.Settled).
	Undone Page
	// Failed is any other failure: the app says what happened.
	// IssuerMismatch and Refused are the failures the page names.
	Failed         Page
	IssuerMismatch Page
	Refused        Page
}

// EnglishPages are the pages' words in English: every field set.
var EnglishPages = PageTexts{
	Lang:      "en",
	Connected: Page{"Connected", "Your Make account is connected. You can close this tab and return to Make Connect."},
	ConnectedAs: func(who string) Page {
		return Page{"Connected", "Connected " + who + " to Make Connect. You can close this tab."}
	},
	Declined:       Page{"Not connected", "You declined the connection, so nothing was connected. You can close this tab and return to Make Connect."},
	Cancelled:      Page{"Sign-in cancelled", "This sign-in was cancelled in Make Connect, so nothing was connected. To connect, start again from Make Connect."},
	WrongState:     Page{"Not recognised", "This address does not belong to the connection Make Connect is waiting for. Return to Make Connect and start connecting from there."},
	AlreadyHandled: Page{"Already handled", "This connection attempt was already handled. You can close this tab and return to Make Connect."},
	OtherUser:      Page{"Not your sign-in", "This sign-in belongs to another user of this computer, so Make Connect did not answer. Nothing was sent to you, and their sign-in goes on."},
	Compromised:    Page{"Link already used", "This sign-in link works only once, and it was opened before. In case someone else on this computer has it, Make Connect stopped this connection attempt. Return to Make Connect and connect again."},
	Undone:         Page{"Link already used", "This sign-in link works only once, and it was opened again after it connected an account. In case someone else on this computer has it, Make Connect disconnects that account again and withdraws its access. Return to Make Connect and connect again."},
	Failed:         Page{"Not connected", "Connecting did not work, so nothing was connected. Return to Make Connect: it says what happened and what to do."},
	IssuerMismatch: Page{"Not connected", "The answer came from a different server than the one Make Connect asked, so it was refused for your safety. Return to Make Connect to try again."},
	Refused:        Page{"Not connected", "Make refused the sign-in, so nothing was connected. Return to Make Connect: it says what happened and what to do."},
}

// withDefaults fills each empty field of t from EnglishPages.
func (t PageTexts) withDefaults() PageTexts {
	e := EnglishPages
	if t.Lang == "" {
		t.Lang = e.Lang
	}
	if t.ConnectedAs == nil {
		t.ConnectedAs = e.ConnectedAs
	}
	for _, f := range []struct{ p, english *Page }{
		{&t.Connected, &e.Connected}, {&t.Declined, &e.Declined}, {&t.Cancelled, &e.Cancelled},
		{&t.WrongState, &e.WrongState}, {&t.AlreadyHandled, &e.AlreadyHandled}, {&t.OtherUser, &e.OtherUser},
		{&t.Compromised, &e.Compromised}, {&t.Undone, &e.Undone}, {&t.Failed, &e.Failed}, {&t.IssuerMismatch, &e.IssuerMismatch},
		{&t.Refused, &e.Refused},
	} {
		if f.p.Title == "" || f.p.Message == "" {
			*f.p = *f.english
		}
	}
	return t
}

// connected is the success page: it names who connected when Accept said
// (from what Make's API told), and is the plain one otherwise. The name is
// the server's text: sanitized here, escaped by the template.
func (t PageTexts) connected(who string) Page {
	if who = sanitize.Text(who); who != "" {
		return t.ConnectedAs(who)
	}
	return t.Connected
}

// failure tells the browser that connecting did not work, in the app's
// own words only: what a server sent (an error code, a description) is
// not ours to put on a page, and might carry anything, the state included.
// The app itself says what went wrong.
func (t PageTexts) failure(err error) Page {
	switch {
	case errors.Is(err, ErrIssuerMismatch):
		return t.IssuerMismatch
	case errors.As(err, new(*AuthorizeError)):
		return t.Refused
	}
	return t.Failed
}

var pageTemplate = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} – Make Connect</title>
<style>
body{font-family:system-ui,sans-serif;background:#f4f2fb;color:#1d1d29;display:flex;min-height:100vh;margin:0;align-items:center;justify-content:center}
main{background:#fff;border-radius:12px;padding:2rem 2.5rem;max-width:32rem;box-shadow:0 2px 12px #0002}
h1{margin-top:0;color:#6d00cc}
@media (prefers-color-scheme:dark){body{background:#1d1d29;color:#eee}main{background:#2a2a3a}h1{color:#c48bff}}
</style></head>
<body><main><h1>{{.Title}}</h1><p>{{.Message}}</p></main></body></html>
`))

// writePage writes p in the attempt's language.
func (a *Attempt) writePage(w http.ResponseWriter, status int, p Page) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	// The address bar holds the authorization code: nothing may be sent on.
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	h.Set("X-Frame-Options", "DENY")
	w.WriteHeader(status)
	pageTemplate.Execute(w, struct {
		Lang string
		Page
	}{a.cfg.Pages.Lang, p})
}
