package accounts

import (
	"context"
	"fmt"

	"github.com/make-connect/make-connect/auth"
)

// Disconnected is what a disconnect did.
type Disconnected struct {
	Conn *auth.Connection
	// RevokeErr says why Make could not be told to revoke the tokens; the
	// account is removed from this computer all the same.
	RevokeErr error
	// WasDefault: the account was the saved default, which is cleared now
	// (DefaultErr when that failed).
	WasDefault bool
	DefaultErr error
}

// Disconnect revokes the account's tokens at the server and removes the
// account from this computer, and clears the saved default if it named
// the account. The local copy is removed even when the revocation fails.
func (s *Service) Disconnect(ctx context.Context, ref string) (*Disconnected, error) {
	c, err := s.Find(ref)
	if err != nil {
		return nil, err
	}
	d := &Disconnected{Conn: c, RevokeErr: s.Revoke(ctx, c)}
	if err := s.Store.Delete(c.ID()); err != nil {
		return d, fmt.Errorf("remove %s from the keychain: %w", c.ID(), err)
	}
	d.WasDefault, d.DefaultErr = s.forgetDefault(c)
	return d, nil
}
