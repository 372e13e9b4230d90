package config

// Scopes are the API scopes Make documents (authentication/api-scopes-overview),
// spelled as Make spells them: "teams-variables:read" next to
// "team-variables:write" is Make's. The last six are for White Label
// administrators only. openid is OpenID Connect's, not Make's, so it is not
// among them. They belong to the scope setting (DefaultScopes is what it
// asks for when unset; the window's "Read everything" asks for every
// :read one); Make's API client needs none of them by name.
var Scopes = []string{
	"analytics:read",
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
	"teams:read", "teams:write",
	"teams-variables:read", "team-variables:write",
	"templates:read", "templates:write",
	"udts:read", "udts:write",
	"user:read", "user:write",
	"admin:read", "admin:write", "apps:read", "apps:write", "system:read", "system:write",
}
