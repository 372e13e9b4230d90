package auth

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// A Connection is what a sign-in or a refresh gave: the tokens from the
// token endpoint, whom they belong to (the verified subject), what they
// allow and until when. It is the protocol's result only; what Make's API
// says of the person (name, email, organizations, the API base) is
// makeapi.Profile, kept beside it (keychain.Account).
type Connection struct {
	Issuer   string
	ClientID string
	// Subject is the id_token's verified "sub" claim. Without an id_token it
	// is the Make user ID from /users/me, prefixed "make-user:". It never
	// changes: a refresh that names someone else fails.
	Subject string

	AccessToken  string
	TokenType    string
	RefreshToken string
	// The id_token is verified and its subject kept; the token itself is
	// not stored.

	// Scopes are the granted scopes. ScopesConfirmed is false when the token
	// response carried no "scope" and Scopes repeats the request instead
	// (RFC 6749 §5.1: absent means "as requested").
	Scopes          []string
	ScopesConfirmed bool

	// ObtainedAt is the clock reading taken just before the token request.
	ObtainedAt time.Time
	// ExpiresAt is ObtainedAt + expires_in. The zero time means the server
	// did not say: the expiry is unknown, not past.
	ExpiresAt time.Time
}

// ID names the account for people and scripts. It is stable across
// reconnects: the same issuer and subject always give the same ID.
func (c *Connection) ID() string {
	return AccountID(c.Issuer, c.Subject)
}

// AccountID is the stable ID of the account (issuer, subject).
func AccountID(issuer, subject string) string {
	sum := sha256.Sum256([]byte(issuer + "\x00" + subject))
	return hex.EncodeToString(sum[:6])
}

// ExpiryKnown reports whether the server said how long the token lives.
func (c *Connection) ExpiryKnown() bool { return !c.ExpiresAt.IsZero() }

// Expired reports whether the access token has expired at now. A token of
// unknown lifetime is not reported as expired.
func (c *Connection) Expired(now time.Time) bool {
	return c.ExpiryKnown() && !now.Before(c.ExpiresAt)
}
