package auth

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// A Connection is one authorised Make account on this computer: the tokens
// from the token endpoint, who they belong to, what they allow and until when.
//
// It is what the keychain stores and what every face of the app (window,
// command line) shows. Its JSON form is the stored record, so field names are
// part of the storage format.
type Connection struct {
	Issuer   string `json:"issuer"`
	ClientID string `json:"client_id"`
	// Subject is the id_token's verified "sub" claim. Without an id_token it
	// is the Make user ID from /users/me, prefixed "make-user:". It never
	// changes: a refresh that names someone else fails.
	Subject string `json:"subject"`

	// Name and Email come from Make's /users/me. IdentityNote says, in plain
	// words, why they are missing when they are.
	Name         string `json:"name,omitempty"`
	Email        string `json:"email,omitempty"`
	IdentityNote string `json:"identity_note,omitempty"`
	// APIBase is the account's Make API, e.g. https://eu1.make.com/api/v2:
	// the zone its organizations are in when Make said, else the configured
	// one. The access token is sent there and to the issuer, nowhere else.
	APIBase string `json:"api_base,omitempty"`
	// Organizations are the person's Make organizations with their zones,
	// listed when organizations:read was granted (ZonesChecked).
	Organizations []Organization `json:"organizations,omitempty"`
	ZonesChecked  bool           `json:"zones_checked,omitempty"`

	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type,omitempty"`
	RefreshToken string `json:"refresh_token,omitempty"`
	// The id_token is verified and its subject kept; the token itself is
	// not stored. (Earlier records also held it and its claims, which
	// loading ignores.)

	// Scopes are the granted scopes. ScopesConfirmed is false when the token
	// response carried no "scope" and Scopes repeats the request instead
	// (RFC 6749 §5.1: absent means "as requested").
	Scopes          []string `json:"scopes"`
	ScopesConfirmed bool     `json:"scopes_confirmed"`

	// ObtainedAt is the clock reading taken just before the token request.
	ObtainedAt time.Time `json:"obtained_at"`
	// ExpiresAt is ObtainedAt + expires_in. The zero time means the server
	// did not say: the expiry is unknown, not past.
	ExpiresAt time.Time `json:"expires_at,omitzero"`
}

// Organization is one of the person's Make organizations and the zone
// (e.g. us2.make.com) its data lives in.
type Organization struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Zone string `json:"zone"`
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

// Label is how the account is shown: name and email when Make told us,
// otherwise the subject.
func (c *Connection) Label() string {
	switch {
	case c.Name != "" && c.Email != "":
		return c.Name + " <" + c.Email + ">"
	case c.Email != "":
		return c.Email
	case c.Name != "":
		return c.Name
	}
	return c.Subject
}
