package auth

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// A Connection is one authorised Make account on this computer: the tokens
// from the token endpoint, who they belong to, what they allow and until when.
//
// It is what every face of the app (window, command line) shows and what
// the keychain stores, in a record type of its own (keychain/record.go): a
// field renamed here changes nothing that was saved.
type Connection struct {
	Issuer   string
	ClientID string
	// Subject is the id_token's verified "sub" claim. Without an id_token it
	// is the Make user ID from /users/me, prefixed "make-user:". It never
	// changes: a refresh that names someone else fails.
	Subject string

	// Name and Email come from Make's /users/me; IdentityGap says why they
	// are missing when they are.
	Name        string
	Email       string
	IdentityGap IdentityGap
	// APIBase is the account's Make API, e.g. https://eu1.make.com/api/v2:
	// the zone its organizations are in when Make said, else the configured
	// one. The access token is sent there and to the issuer, nowhere else.
	APIBase string
	// Organizations are the person's Make organizations with their zones,
	// listed when organizations:read was granted (ZonesChecked).
	Organizations []Organization
	ZonesChecked  bool

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

// IdentityGap is why a connection has no name and email; "" when it has
// them. It is a code, not words: explain says it to a person.
type IdentityGap string

const (
	// IdentityNoScope: the user:read scope was not granted, so Make's
	// profile could not be asked for.
	IdentityNoScope IdentityGap = "no-user-read"
	// IdentityNotTold: Make's /users/me did not answer with the profile.
	IdentityNotTold IdentityGap = "not-told"
)

// Organization is one of the person's Make organizations and the zone
// (e.g. us2.make.com) its data lives in.
type Organization struct {
	ID   int64
	Name string
	Zone string
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
