package keychain

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/make-connect/make-connect/auth"
)

// storedAccount is an account's record as it is kept in the keychain: the
// storage format, owned here. Its JSON names are the ones every version
// wrote, so renaming a field of auth.Connection orphans nothing; changing a
// name here would (TestRecordsWrittenTodayStillLoad).
type storedAccount struct {
	Issuer   string `json:"issuer"`
	ClientID string `json:"client_id"`
	Subject  string `json:"subject"`

	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	// IdentityGap is auth.IdentityGap's code. Versions before it kept a
	// sentence in identity_note instead, which loading turns into a code.
	IdentityGap  string `json:"identity_gap,omitempty"`
	IdentityNote string `json:"identity_note,omitempty"`

	APIBase       string               `json:"api_base,omitempty"`
	Organizations []storedOrganization `json:"organizations,omitempty"`
	ZonesChecked  bool                 `json:"zones_checked,omitempty"`

	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type,omitempty"`
	RefreshToken string `json:"refresh_token,omitempty"`

	Scopes          []string  `json:"scopes"`
	ScopesConfirmed bool      `json:"scopes_confirmed"`
	ObtainedAt      time.Time `json:"obtained_at"`
	ExpiresAt       time.Time `json:"expires_at,omitzero"`
	// Earlier versions also kept the id_token and its claims (id_token,
	// claims); loading ignores them.
}

type storedOrganization struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Zone string `json:"zone"`
}

func toStored(c *auth.Connection) storedAccount {
	s := storedAccount{
		Issuer: c.Issuer, ClientID: c.ClientID, Subject: c.Subject,
		Name: c.Name, Email: c.Email, IdentityGap: string(c.IdentityGap),
		APIBase: c.APIBase, ZonesChecked: c.ZonesChecked,
		AccessToken: c.AccessToken, TokenType: c.TokenType, RefreshToken: c.RefreshToken,
		Scopes: c.Scopes, ScopesConfirmed: c.ScopesConfirmed,
		ObtainedAt: c.ObtainedAt, ExpiresAt: c.ExpiresAt,
	}
	for _, o := range c.Organizations {
		s.Organizations = append(s.Organizations, storedOrganization(o))
	}
	return s
}

func (s storedAccount) connection() *auth.Connection {
	c := &auth.Connection{
		Issuer: s.Issuer, ClientID: s.ClientID, Subject: s.Subject,
		Name: s.Name, Email: s.Email, IdentityGap: auth.IdentityGap(s.IdentityGap),
		APIBase: s.APIBase, ZonesChecked: s.ZonesChecked,
		AccessToken: s.AccessToken, TokenType: s.TokenType, RefreshToken: s.RefreshToken,
		Scopes: s.Scopes, ScopesConfirmed: s.ScopesConfirmed,
		ObtainedAt: s.ObtainedAt, ExpiresAt: s.ExpiresAt,
	}
	if c.IdentityGap == "" && s.IdentityNote != "" {
		// The sentence an earlier version kept: which gap it described is
		// told by the scope it names.
		c.IdentityGap = auth.IdentityNotTold
		if !slices.Contains(s.Scopes, "user:read") {
			c.IdentityGap = auth.IdentityNoScope
		}
	}
	for _, o := range s.Organizations {
		c.Organizations = append(c.Organizations, auth.Organization(o))
	}
	return c
}

// encode returns the stored form of c.
func encode(c *auth.Connection) ([]byte, error) {
	if c == nil {
		return nil, errors.New("no connection")
	}
	if c.Issuer == "" || c.Subject == "" {
		return nil, errors.New("connection has no issuer or subject")
	}
	payload, err := json.Marshal(toStored(c))
	if err != nil {
		// Marshal errors name types and fields, never values.
		return nil, fmt.Errorf("encode: %w", err)
	}
	if len(payload) > maxRecord {
		return nil, fmt.Errorf("record of %d bytes is over the limit of %d", len(payload), maxRecord)
	}
	return payload, nil
}

// load reads and checks the account with the given ID.
func (s *Store) load(id string) (*auth.Connection, error) {
	payload, _, err := s.readRecord(accountName(id))
	switch {
	case errors.Is(err, errAbsent) && s.expiring():
		return nil, errExpired // its time is up: gone, not damaged
	case errors.Is(err, errAbsent):
		return nil, fmt.Errorf("listed but not stored: %w", ErrCorrupt)
	}
	if err != nil {
		return nil, err
	}
	return decode(id, payload)
}

// decode reads a stored account record and checks that it is id's.
func decode(id string, payload []byte) (*auth.Connection, error) {
	var stored storedAccount
	if err := json.Unmarshal(payload, &stored); err != nil {
		// The decoder's message can quote the record; it holds tokens.
		return nil, fmt.Errorf("not a connection record: %w", ErrCorrupt)
	}
	c := stored.connection()
	if c.ID() != id {
		return nil, fmt.Errorf("record belongs to another account: %w", ErrCorrupt)
	}
	return c, nil
}
