package sandbox

import (
	"html/template"
	"maps"
	"net/http"
	"net/url"
	"slices"

	"github.com/ory/fosite"
)

// pageStyle keeps both pages self-contained: no external resources.
const pageStyle = `body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem}code{background:#f3f3f3;padding:0 .25rem}fieldset{border:1px solid #ccc;margin:1rem 0}
label{display:block;margin:.3rem 0}button{font-size:1rem;padding:.4rem 1.2rem;margin-right:.5rem}
.note{color:#666;font-size:.85rem}`

// consentPage lists the requested scopes and the built-in users, and posts
// the original request back with the person's decision.
var consentPage = template.Must(template.New("consent").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Make sandbox: allow access?</title><style>` + pageStyle + `</style></head>
<body>
<h1>Allow access to your Make account?</h1>
<p>The application <code>{{.ClientID}}</code> asks for these permissions:</p>
<ul>{{range .Scopes}}<li><code>{{.}}</code></li>{{end}}</ul>
<form method="post" action="{{.Action}}">
{{range .Hidden}}<input type="hidden" name="{{.Name}}" value="{{.Value}}">
{{end}}<fieldset><legend>Sign in as</legend>
{{range $i, $u := .Users}}<label><input type="radio" name="user" value="{{$u.Email}}"{{if eq $i 0}} checked{{end}}> {{$u.Name}} ({{$u.Email}})</label>
{{end}}</fieldset>
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>
<p class="note">This is the Make sandbox, a test server. Nothing here touches a real Make account.</p>
</body></html>
`))

// errorPage tells the person why an authorize request was refused when
// there is no trustworthy redirect URI to send the error to.
var errorPage = template.Must(template.New("error").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Make sandbox: {{.Error}}</title><style>` + pageStyle + `</style></head>
<body>
<h1>This request cannot be authorized</h1>
<p><code>{{.Error}}</code>: {{.Description}}</p>
<p class="note">This is the Make sandbox, a test server. You can close this window.</p>
</body></html>
`))

// hiddenField is one original request parameter carried through the form.
type hiddenField struct{ Name, Value string }

// showConsent renders the consent page for a request fosite accepted.
func (s *Server) showConsent(w http.ResponseWriter, ar fosite.AuthorizeRequester, query url.Values) {
	var hidden []hiddenField
	for _, name := range slices.Sorted(maps.Keys(query)) {
		if name == "decision" || name == "user" {
			continue // these come from the form itself
		}
		for _, v := range query[name] {
			hidden = append(hidden, hiddenField{name, v})
		}
	}
	data := struct {
		ClientID string
		Scopes   []string
		Action   string
		Hidden   []hiddenField
		Users    []User
	}{ar.GetClient().GetID(), ar.GetRequestedScopes(), pathAuthorize, hidden, builtinUsers}
	writePage(w, http.StatusOK, consentPage, data)
}

// showError renders the error page with the given HTTP status.
func (s *Server) showError(w http.ResponseWriter, status int, code, description string) {
	writePage(w, status, errorPage, struct{ Error, Description string }{code, description})
}

// writePage executes a page template into the response.
func writePage(w http.ResponseWriter, status int, t *template.Template, data any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = t.Execute(w, data)
}
