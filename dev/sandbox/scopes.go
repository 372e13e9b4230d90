package sandbox

import (
	"net/http"
	"strings"

	"github.com/make-connect/make-connect/internal/adapters/config"
)

const (
	scopeOpenID        = "openid"
	scopeOfflineAccess = "offline_access"
	scopeUserRead      = "user:read"
	// scopeOrganizationsRead lists the person's organizations and zones.
	scopeOrganizationsRead = "organizations:read"
)

// allowedScopes is what every client may request: openid, offline_access
// and all of Make's scopes.
func allowedScopes() []string {
	return append([]string{scopeOpenID, scopeOfflineAccess}, config.Scopes...)
}

// normaliseScope rewrites a comma-separated scope parameter into the
// space-separated form of RFC 6749 §3.3, which is what fosite parses. Make
// documents that its scopes "may be separated by a space or a comma".
func normaliseScope(r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	scope := r.Form.Get("scope")
	if !strings.Contains(scope, ",") {
		return nil
	}
	parts := strings.FieldsFunc(scope, func(c rune) bool { return c == ',' || c == ' ' })
	r.Form.Set("scope", strings.Join(parts, " "))
	return nil
}
