package sandbox

import (
	"net/http"

	"github.com/make-connect/make-connect/internal/adapters/config"
)

// discovery is the OpenID Provider Metadata document (OpenID Connect
// Discovery 1.0 §3, RFC 8414 §2).
type discovery struct {
	Issuer                            string   `json:"issuer"`
	AuthorizationEndpoint             string   `json:"authorization_endpoint"`
	TokenEndpoint                     string   `json:"token_endpoint"`
	RevocationEndpoint                string   `json:"revocation_endpoint"`
	JWKSURI                           string   `json:"jwks_uri"`
	UserinfoEndpoint                  string   `json:"userinfo_endpoint"`
	ResponseTypesSupported            []string `json:"response_types_supported"`
	SubjectTypesSupported             []string `json:"subject_types_supported"`
	IDTokenSigningAlgValuesSupported  []string `json:"id_token_signing_alg_values_supported"`
	ScopesSupported                   []string `json:"scopes_supported"`
	ClaimsSupported                   []string `json:"claims_supported"`
	CodeChallengeMethodsSupported     []string `json:"code_challenge_methods_supported"`
	GrantTypesSupported               []string `json:"grant_types_supported"`
	TokenEndpointAuthMethodsSupported []string `json:"token_endpoint_auth_methods_supported"`
	// AuthorizationResponseIssParameterSupported says, per RFC 9207 §3, that
	// every authorization response (success or error) carries "iss". Make
	// does not advertise it; the sandbox does, so clients can test both.
	AuthorizationResponseIssParameterSupported bool `json:"authorization_response_iss_parameter_supported"`
}

// handleDiscovery serves GET /.well-known/openid-configuration.
func (s *Server) handleDiscovery(w http.ResponseWriter, _ *http.Request) {
	scopes := []string{scopeOpenID}
	grants := []string{"authorization_code"}
	if s.opts.RefreshTokens {
		scopes = append(scopes, scopeOfflineAccess)
		grants = append(grants, "refresh_token")
	}
	writeJSON(w, http.StatusOK, discovery{
		Issuer:                                     s.issuer,
		AuthorizationEndpoint:                      s.issuer + pathAuthorize,
		TokenEndpoint:                              s.issuer + pathToken,
		RevocationEndpoint:                         s.issuer + pathRevoke,
		JWKSURI:                                    s.issuer + pathJWKS,
		UserinfoEndpoint:                           s.issuer + pathUserinfo,
		ResponseTypesSupported:                     []string{"code"},
		SubjectTypesSupported:                      []string{"public"},
		IDTokenSigningAlgValuesSupported:           []string{"RS256"},
		ScopesSupported:                            append(scopes, config.Scopes...),
		ClaimsSupported:                            []string{"sub"},
		CodeChallengeMethodsSupported:              []string{"S256"},
		GrantTypesSupported:                        grants,
		TokenEndpointAuthMethodsSupported:          []string{"none"},
		AuthorizationResponseIssParameterSupported: true,
	})
}

// handleJWKS serves GET /oauth/v2/oidc/jwks: the public half of the
// id_token signing key.
func (s *Server) handleJWKS(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.key.publicJWKS())
}
