package sandbox

import (
	"net/http"
	"net/url"

	"github.com/ory/fosite"
)

// handleAuthorize serves GET /oauth/v2/authorize: fosite validates the
// request (client, redirect URI, scopes, state, PKCE) and, if it is sound,
// the person sees the consent page.
func (s *Server) handleAuthorize(w http.ResponseWriter, r *http.Request) {
	ar, ok := s.authorizeRequest(w, r, "The request could not be parsed.")
	if !ok {
		return
	}
	if err := s.provider.checkPKCE(r.Context(), ar); err != nil {
		s.refuse(w, r, ar, err)
		return
	}
	s.opts.Logf("sandbox: authorize: consent page for client %q, scopes %v", ar.GetClient().GetID(), []string(ar.GetRequestedScopes()))
	s.showConsent(w, ar, r.URL.Query())
}

// handleConsent serves POST /oauth/v2/authorize, the consent form's submit.
// fosite validates the carried-over request again; Deny answers
// access_denied, Allow grants every requested scope to the chosen user.
func (s *Server) handleConsent(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ar, ok := s.authorizeRequest(w, r, "The form could not be parsed.")
	if !ok {
		return
	}
	if r.PostForm.Get("decision") != "allow" {
		s.opts.Logf("sandbox: authorize: the person denied client %q", ar.GetClient().GetID())
		s.refuse(w, r, ar, fosite.ErrAccessDenied.WithHint("The person pressed Deny."))
		return
	}
	user, ok := userByEmail(r.PostForm.Get("user"))
	if !ok {
		s.showError(w, http.StatusBadRequest, "invalid_request", "Choose who signs in.")
		return
	}
	for _, scope := range ar.GetRequestedScopes() {
		ar.GrantScope(scope)
	}
	resp, err := s.provider.NewAuthorizeResponse(ctx, ar, s.newSession(user, ar))
	if err != nil {
		s.refuse(w, r, ar, err)
		return
	}
	resp.AddParameter("iss", s.issuer) // RFC 9207 §2
	s.opts.Logf("sandbox: authorize: %s allowed client %q", user.Email, ar.GetClient().GetID())
	s.provider.WriteAuthorizeResponse(ctx, w, ar, resp)
}

// authorizeRequest has fosite read and check the authorize request in r;
// when it is not sound, the answer has been written and ok is false.
// unparsable is what the person reads when r cannot even be parsed.
func (s *Server) authorizeRequest(w http.ResponseWriter, r *http.Request, unparsable string) (ar fosite.AuthorizeRequester, ok bool) {
	if err := normaliseScope(r); err != nil {
		s.showError(w, http.StatusBadRequest, "invalid_request", unparsable)
		return nil, false
	}
	ar, err := s.provider.NewAuthorizeRequest(r.Context(), r)
	if err != nil {
		s.refuse(w, r, ar, err)
		return nil, false
	}
	return ar, true
}

// refuse answers an authorize request fosite (or the person) turned down.
// With a redirect URI fosite trusts, the error goes back to the client as
// RFC 6749 §4.1.2.1 says, with "iss" added (RFC 9207 §2); otherwise the
// person sees an error page and nothing is redirected.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, ar fosite.AuthorizeRequester, err error) {
	rfcErr := fosite.ErrorToRFC6749Error(err)
	s.opts.Logf("sandbox: authorize: refused: %s: %s", rfcErr.ErrorField, rfcErr.HintField)
	if ar == nil || !ar.IsRedirectURIValid() {
		s.showError(w, rfcErr.CodeField, rfcErr.ErrorField, rfcErr.GetDescription())
		return
	}
	s.provider.WriteAuthorizeError(r.Context(), issRedirectWriter{w, s.issuer}, ar, err)
}

// issRedirectWriter adds the RFC 9207 "iss" parameter to the Location of a
// redirect that fosite writes, since fosite's error redirect has no hook
// for extra parameters.
type issRedirectWriter struct {
	http.ResponseWriter
	issuer string
}

// WriteHeader rewrites Location before a 3xx status goes out.
func (w issRedirectWriter) WriteHeader(status int) {
	if loc := w.Header().Get("Location"); status >= 300 && status < 400 && loc != "" {
		if u, err := url.Parse(loc); err == nil {
			q := u.Query()
			q.Set("iss", w.issuer)
			u.RawQuery = q.Encode()
			w.Header().Set("Location", u.String())
		}
	}
	w.ResponseWriter.WriteHeader(status)
}
