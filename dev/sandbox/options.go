package sandbox

import (
	"fmt"
	"time"
)

// Options configures a sandbox Server. The zero value is a server that
// behaves like Make as documented: one-hour access tokens, an RS256 id_token,
// and no refresh token for public clients.
type Options struct {
	// Addr is the listen address. Default "127.0.0.1:0" (a free port).
	Addr string

	// TokenDelay holds every token-endpoint response back this long, for
	// "slow server" tests. The request is processed first (a code is spent),
	// then the answer waits; if the client goes away meanwhile the server
	// gives up at once and writes nothing. Default 0.
	TokenDelay time.Duration

	// RefreshTokens also issues refresh tokens from the authorization_code
	// grant, and enables grant_type=refresh_token, which rotates the refresh
	// token on every use (a used one is refused). A client need not request
	// any extra scope (offline_access is accepted but not required), as Make
	// gives confidential clients a refresh token without one. Default false.
	RefreshTokens bool

	// TokenEntropy is how many random bytes each access token, refresh
	// token and code carries (fosite's TokenEntropy; base64 makes the token
	// about 4/3 as long), for tests of storage size limits: Make's access
	// tokens are JWTs of a kilobyte or more. Default 32.
	TokenEntropy int

	// AccessTokenLifespan is how long access tokens live; expires_in in the
	// token response says the same. Default one hour (expires_in 3600).
	AccessTokenLifespan time.Duration

	// TLS serves https with a certificate signed by a CA the sandbox makes
	// at start (see Server.CA), as Make serves https. Default false: plain
	// http, which the app accepts only on the loopback interface.
	TLS bool

	// Host is the host name clients use for the sandbox: in its issuer URL,
	// every endpoint and, with TLS, its certificate. Default the listen
	// address's IP. A name lets tests reach the sandbox only through a
	// proxy that knows where it is.
	Host string

	// ClockSkew sets the sandbox's clock this far from the real one in the
	// Date header of every answer, as on a server (or a client) whose clock
	// is wrong. Default 0.
	ClockSkew time.Duration

	// TamperIDToken is a fault: every token response carries an id_token
	// whose signature has one byte flipped, so verification must fail.
	// Default false.
	TamperIDToken bool

	// OrganizationZones gives every user one organization in each of
	// these zones, written as Make writes them ("us2.make.com", or "eu1"),
	// listed by GET /api/v2/organizations. Default one, in eu1.make.com.
	OrganizationZones []string

	// RateLimited makes every API call (/api/v2/…) answer 429 with Make's
	// message, as when an organization's requests a minute are used up.
	// Default false.
	RateLimited bool

	// Secrets, if set, receives every secret the token endpoint sees or
	// hands out: codes, code verifiers, access, refresh and id tokens, for
	// tests that check none of them leaks into an app's output. Default
	// none.
	Secrets func(secret string)

	// RedirectURIs are registered for every client besides the loopback
	// ones (which match on any port), as an organization may register
	// several for its client at Make: each is matched exactly. Default
	// DefaultRedirectURIs, the app's private-use scheme and an https page.
	RedirectURIs []string

	// Logf, if set, receives one line per notable event. It is never given a
	// token, code, code verifier, nonce or state value. Default: no logging.
	Logf func(format string, args ...any)
}

// validateAndSetDefaults fills in the documented defaults and rejects
// values that cannot work.
func (o *Options) validateAndSetDefaults() error {
	if o.Addr == "" {
		o.Addr = "127.0.0.1:0"
	}
	if o.AccessTokenLifespan == 0 {
		o.AccessTokenLifespan = time.Hour
	}
	if o.AccessTokenLifespan < 0 {
		return fmt.Errorf("access token lifespan %v is negative", o.AccessTokenLifespan)
	}
	if o.TokenDelay < 0 {
		return fmt.Errorf("token delay %v is negative", o.TokenDelay)
	}
	if o.TokenEntropy < 0 {
		return fmt.Errorf("token entropy %d is negative", o.TokenEntropy)
	}
	if o.RedirectURIs == nil {
		o.RedirectURIs = DefaultRedirectURIs
	}
	if o.OrganizationZones == nil {
		o.OrganizationZones = []string{"eu1.make.com"}
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	return nil
}
