package sandbox

import (
	"net/http"
	"strings"
)

// makeScopes are the scopes Make documents (authentication/api-scopes-overview),
// including the White Label admin scopes, spelled as Make spells them
// ("team-variables:write" next to "teams-variables:read" is Make's).
var makeScopes = []string{
	"admin:read", "admin:write",
	"analytics:read",
	"apps:read", "apps:write",
	"connections:read", "connections:write",
	"custom-property-structures:read", "custom-property-structures:write",
	"datastores:read", "datastores:write",
	"devices:read", "devices:write",
	"dlqs:read", "dlqs:write",
	"functions:read", "functions:write",
	"hooks:read", "hooks:write",
	"keys:read", "keys:write",
	"notifications:read", "notifications:write",
	"organizations:read", "organizations:write",
	"organizations-variables:read", "organizations-variables:write",
	"scenarios:read", "scenarios:write", "scenarios:run",
	"sdk-apps:read", "sdk-apps:write",
	"system:read", "system:write",
	"teams:read", "teams:write",
	"teams-variables:read",
	"team-variables:write",
	"templates:read", "templates:write",
	"udts:read", "udts:write",
	"user:read", "user:write",
}

const (
	scopeOpenID        = "openid"
	scopeOfflineAccess = "offline_access"
	scopeUserRead      = "user:read"
)

// allowedScopes is what every client may request: openid, offline_access
// and all of Make's scopes.
func allowedScopes() []string {
	return append([]string{scopeOpenID, scopeOfflineAccess}, makeScopes...)
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
