package keychain

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/makeapi"
)

// Account is what the keychain keeps of one connected account: the
// connection the sign-in gave (tokens, subject, scopes, expiry) and what
// Make's API said of the person. Its fields are those of both, promoted.
type Account struct {
	auth.Connection
	makeapi.Profile
}

// Label is how the account is shown: name and email when Make told, else
// the subject.
func (a *Account) Label() string {
	if l := a.Profile.Label(); l != "" {
		return l
	}
	return a.Subject
}

// storedAccount is an account's record as it is kept in the keychain: the
// storage format, owned here. Its JSON names are the ones every version
// wrote, so renaming a field of auth.Connection or makeapi.Profile orphans
// nothing; changing a name here would (TestRecordsWrittenTodayStillLoad).
type storedAccount struct {
	Issuer   string `json:"issuer"`
	ClientID string `json:"client_id"`
	Subject  string `json:"subject"`

	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	// IdentityGap is makeapi.IdentityGap's code. Versions before it kept a
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

func toStored(a *Account) storedAccount {
	s := storedAccount{
		Issuer: a.Issuer, ClientID: a.ClientID, Subject: a.Subject,
		Name: a.Name, Email: a.Email, IdentityGap: string(a.IdentityGap),
		APIBase: a.APIBase, ZonesChecked: a.ZonesChecked,
		AccessToken: a.AccessToken, TokenType: a.TokenType, RefreshToken: a.RefreshToken,
		Scopes: a.Scopes, ScopesConfirmed: a.ScopesConfirmed,
		ObtainedAt: a.ObtainedAt, ExpiresAt: a.ExpiresAt,
	}
	for _, o := range a.Organizations {
		s.Organizations = append(s.Organizations, storedOrganization{o.ID, o.Name, o.Zone})
	}
	return s
}

func (s storedAccount) account() *Account {
	a := &Account{
		Connection: auth.Connection{
			Issuer: s.Issuer, ClientID: s.ClientID, Subject: s.Subject,
			AccessToken: s.AccessToken, TokenType: s.TokenType, RefreshToken: s.RefreshToken,
			Scopes: s.Scopes, ScopesConfirmed: s.ScopesConfirmed,
			ObtainedAt: s.ObtainedAt, ExpiresAt: s.ExpiresAt,
		},
		Profile: makeapi.Profile{
			Name: s.Name, Email: s.Email, IdentityGap: makeapi.IdentityGap(s.IdentityGap),
			APIBase: s.APIBase, ZonesChecked: s.ZonesChecked,
		},
	}
	if a.IdentityGap == "" && s.IdentityNote != "" {
		// The sentence an earlier version kept: which gap it described is
		// told by the scope it names.
		a.IdentityGap = makeapi.IdentityNotTold
		if !slices.Contains(s.Scopes, "user:read") {
			a.IdentityGap = makeapi.IdentityNoScope
		}
	}
	for _, o := range s.Organizations {
		a.Organizations = append(a.Organizations, makeapi.Organization{ID: o.ID, Name: o.Name, Zone: o.Zone})
	}
	return a
}

// encode returns the stored form of c.
func encode(c *Account) ([]byte, error) {
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
func (s *Store) load(id string) (*Account, error) {
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
func decode(id string, payload []byte) (*Account, error) {
	var stored storedAccount
	if err := json.Unmarshal(payload, &stored); err != nil {
		// The decoder's message can quote the record; it holds tokens.
		return nil, fmt.Errorf("not a connection record: %w", ErrCorrupt)
	}
	c := stored.account()
	if c.ID() != id {
		return nil, fmt.Errorf("record belongs to another account: %w", ErrCorrupt)
	}
	return c, nil
}
