package sandbox

import (
	"context"
	"crypto/rand"
	"fmt"

	"github.com/ory/fosite"
	"github.com/ory/fosite/compose"
	"github.com/ory/fosite/handler/pkce"
	"github.com/ory/fosite/token/jwt"
)

// provider is the fosite OAuth2Provider plus the pieces the HTTP handlers
// need next to it.
type provider struct {
	fosite.OAuth2Provider
	config *fosite.Config
	// pkcePreflight is fosite's own PKCE handler, run before the consent
	// page so that a request fosite would refuse is refused before a person
	// is asked. It writes to a storage that forgets everything.
	pkcePreflight *pkce.Handler
}

// newProvider composes fosite with the authorization code grant, OpenID
// Connect, PKCE, refresh tokens, introspection and revocation.
func newProvider(opts Options, issuer string, key signingKey) (*provider, error) {
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return nil, fmt.Errorf("generate hmac secret: %w", err)
	}
	config := &fosite.Config{
		AccessTokenLifespan:            opts.AccessTokenLifespan,
		TokenEntropy:                   opts.TokenEntropy,
		IDTokenIssuer:                  issuer,
		AccessTokenIssuer:              issuer,
		TokenURL:                       issuer + pathToken,
		GlobalSecret:                   secret,
		ScopeStrategy:                  fosite.ExactScopeStrategy,
		EnforcePKCE:                    true,
		EnforcePKCEForPublicClients:    true,
		EnablePKCEPlainChallengeMethod: false,
		// Make's callback is documented as REDIRECT_URI?code=…&state=…
		// (the sandbox adds only iss); fosite would also echo the scope.
		OmitRedirectScopeParam: true,
		// Empty, not nil: every exchange by a client allowed the
		// refresh_token grant gets a refresh token, without offline_access.
		RefreshTokenScopes: []string{},
	}
	keyGetter := func(context.Context) (any, error) { return key.private, nil }
	hmac := compose.NewOAuth2HMACStrategy(config)
	strategy := &compose.CommonStrategy{
		CoreStrategy:               hmac,
		OpenIDConnectTokenStrategy: compose.NewOpenIDConnectStrategy(keyGetter, config),
		Signer:                     &jwt.DefaultSigner{GetPrivateKey: keyGetter},
	}
	composed := compose.Compose(config, newStore(opts.RefreshTokens, opts.RedirectURIs), strategy,
		compose.OAuth2AuthorizeExplicitFactory,
		compose.OAuth2RefreshTokenGrantFactory,
		compose.OpenIDConnectExplicitFactory,
		compose.OpenIDConnectRefreshFactory,
		compose.OAuth2TokenIntrospectionFactory,
		compose.OAuth2TokenRevocationFactory,
		compose.OAuth2PKCEFactory, // after the code handler, as fosite requires
	)
	return &provider{
		OAuth2Provider: composed,
		config:         config,
		pkcePreflight:  &pkce.Handler{AuthorizeCodeStrategy: hmac, Storage: forgetfulPKCEStorage{}, Config: config},
	}, nil
}

// checkPKCE asks fosite's PKCE handler whether it would accept the
// authorize request's code_challenge and code_challenge_method.
func (p *provider) checkPKCE(ctx context.Context, ar fosite.AuthorizeRequester) error {
	resp := fosite.NewAuthorizeResponse()
	resp.AddParameter("code", "preflight") // the handler wants a code to key its (discarded) record
	return p.pkcePreflight.HandleAuthorizeEndpointRequest(ctx, ar, resp)
}

// forgetfulPKCEStorage is a pkce.PKCERequestStorage that stores nothing.
type forgetfulPKCEStorage struct{}

func (forgetfulPKCEStorage) GetPKCERequestSession(context.Context, string, fosite.Session) (fosite.Requester, error) {
	return nil, fosite.ErrNotFound
}

func (forgetfulPKCEStorage) CreatePKCERequestSession(context.Context, string, fosite.Requester) error {
	return nil
}

func (forgetfulPKCEStorage) DeletePKCERequestSession(context.Context, string) error {
	return nil
}
