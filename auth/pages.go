package auth

import (
	"errors"
	"html/template"
	"net/http"
)

// A page is what the browser shows after the redirect. Pages are small and
// self-contained (no scripts, images or links to load), and never show a
// code, token or state.
type page struct {
	Title   string
	Message string
}

var (
	pageConnected      = page{"Connected", "Your Make account is connected. You can close this tab and return to Make Connect."}
	pageDeclined       = page{"Not connected", "You declined the connection, so nothing was connected. You can close this tab and return to Make Connect."}
	pageWrongState     = page{"Not recognised", "This address does not belong to the connection Make Connect is waiting for. Return to Make Connect and start connecting from there."}
	pageAlreadyHandled = page{"Already handled", "This connection attempt was already handled. You can close this tab and return to Make Connect."}
	pageOtherUser      = page{"Not your sign-in", "This sign-in belongs to another user of this computer, so Make Connect did not answer. Nothing was sent to you, and their sign-in goes on."}
	pageCompromised    = page{"Link already used", "This sign-in link works only once, and it was opened before. In case someone else on this computer has it, Make Connect stopped this connection attempt. Return to Make Connect and connect again."}
)

// failurePage tells the browser that connecting did not work, in the
// app's own words only: what a server sent (an error code, a description)
// is not ours to put on a page, and might carry anything, the state
// included. The app itself says what went wrong.
func failurePage(err error) page {
	msg := "Connecting did not work, so nothing was connected. Return to Make Connect: it says what happened and what to do."
	switch {
	case errors.Is(err, ErrIssuerMismatch):
		msg = "The answer came from a different server than the one Make Connect asked, so it was refused for your safety. Return to Make Connect to try again."
	case errors.As(err, new(*AuthorizeError)):
		msg = "Make refused the sign-in, so nothing was connected. Return to Make Connect: it says what happened and what to do."
	}
	return page{"Not connected", msg}
}

var pageTemplate = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
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

func writePage(w http.ResponseWriter, status int, p page) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	// The address bar holds the authorization code: nothing may be sent on.
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	h.Set("X-Frame-Options", "DENY")
	w.WriteHeader(status)
	pageTemplate.Execute(w, p)
}
