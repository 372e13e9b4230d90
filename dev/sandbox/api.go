package sandbox

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/ory/fosite"
	"github.com/ory/fosite/handler/openid"
)

// errNoScope means a valid access token lacks the scope a resource needs.
var errNoScope = errors.New("the token lacks a required scope")

// authenticate validates the request's bearer access token (RFC 6750 §2.1)
// with fosite's introspection and returns the signed-in user. A token
// without the given scope is errNoScope.
func (s *Server) authenticate(r *http.Request, scope string) (User, error) {
	token := fosite.AccessTokenFromRequest(r)
	if token == "" {
		return User{}, errors.New("no bearer token")
	}
	use, ar, err := s.provider.IntrospectToken(r.Context(), token, fosite.AccessToken, openid.NewDefaultSession())
	if err != nil {
		return User{}, fmt.Errorf("introspect token: %w", err)
	}
	// fosite's introspection also accepts a refresh token; a resource must not.
	if use != fosite.AccessToken {
		return User{}, fmt.Errorf("a %s is not an access token", use)
	}
	if !s.provider.config.GetScopeStrategy(r.Context())(ar.GetGrantedScopes(), scope) {
		return User{}, fmt.Errorf("%w %q", errNoScope, scope)
	}
	user, ok := userBySubject(ar.GetSession().GetSubject())
	if !ok {
		return User{}, errors.New("the token's subject is no built-in user")
	}
	return user, nil
}

// handleUserinfo serves GET /oauth/v2/oidc/userinfo (OpenID Connect Core
// §5.3), which Make documents as returning only "sub". It needs a token
// issued with the openid scope.
func (s *Server) handleUserinfo(w http.ResponseWriter, r *http.Request) {
	user, err := s.authenticate(r, scopeOpenID)
	switch {
	case errors.Is(err, errNoScope):
		w.Header().Set("WWW-Authenticate", `Bearer error="insufficient_scope", scope="openid"`)
		writeJSON(w, http.StatusForbidden, map[string]string{"error": "insufficient_scope"})
	case err != nil:
		s.opts.Logf("sandbox: userinfo: %v", err)
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_token"})
	default:
		writeJSON(w, http.StatusOK, map[string]string{"sub": fmt.Sprint(user.ID)})
	}
}

// apiError is the error body of Make's API: {"message","detail"?,"code"?}.
type apiError struct {
	Message string `json:"message"`
	Detail  string `json:"detail,omitempty"`
	Code    string `json:"code,omitempty"`
}

// authUser is the "authUser" object of GET /api/v2/users/me.
type authUser struct {
	ID       int    `json:"id"`
	Name     string `json:"name"`
	Email    string `json:"email"`
	Language string `json:"language"`
	Timezone string `json:"timezone"`
}

// handleUsersMe serves GET /api/v2/users/me, which needs scope user:read.
func (s *Server) handleUsersMe(w http.ResponseWriter, r *http.Request) {
	user, ok := s.apiUser(w, r, "users/me", scopeUserRead)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, map[string]authUser{"authUser": {
		ID: user.ID, Name: user.Name, Email: user.Email, Language: "en", Timezone: "Europe/Prague",
	}})
}

// organization is one row of GET /api/v2/organizations with cols id,
// name and zone.
type organization struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
	Zone string `json:"zone"`
}

// handleOrganizations serves GET /api/v2/organizations, which needs scope
// organizations:read: one organization per Options.OrganizationZones.
func (s *Server) handleOrganizations(w http.ResponseWriter, r *http.Request) {
	user, ok := s.apiUser(w, r, "organizations", scopeOrganizationsRead)
	if !ok {
		return
	}
	first, _, _ := strings.Cut(user.Name, " ")
	orgs := []organization{}
	for i, zone := range s.opts.OrganizationZones {
		orgs = append(orgs, organization{ID: user.ID*10 + i, Name: fmt.Sprintf("%s's team in %s", first, zone), Zone: zone})
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"organizations": orgs,
		"pg":            map[string]any{"sortBy": "name", "sortDir": "asc", "limit": 100, "offset": 0},
	})
}

// apiUser authenticates an API call as Make does, answering it when it
// fails: 429 over the rate limit, 403 without the scope, 401 for a token
// that is missing, expired or revoked.
func (s *Server) apiUser(w http.ResponseWriter, r *http.Request, what, scope string) (User, bool) {
	if s.opts.RateLimited {
		writeJSON(w, http.StatusTooManyRequests, apiError{Message: "Requests limit for organization exceeded, please try again later"})
		return User{}, false
	}
	user, err := s.authenticate(r, scope)
	switch {
	case errors.Is(err, errNoScope):
		writeJSON(w, http.StatusForbidden, apiError{"Permission denied", "Access denied.", "SC403"})
	case err != nil:
		s.opts.Logf("sandbox: %s: %v", what, err)
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		writeJSON(w, http.StatusUnauthorized, apiError{Message: "Unauthorized", Detail: "the access token is missing, invalid, expired or revoked"})
	default:
		return user, true
	}
	return User{}, false
}
