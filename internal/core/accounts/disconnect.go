package accounts

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/make-connect/make-connect/internal/core/account"
)

// revokeUnderLock bounds the revocation a disconnect makes while it holds
// the keychain's lock: well under the 45 s another process waits for it
// before it gives up.
const revokeUnderLock = 20 * time.Second

// errNotRead is why nothing was revoked when the account's record could
// not be read under the lock (it was removed all the same).
var errNotRead = errors.New("the account's stored tokens could not be read, so they could not be revoked")

// Disconnected is what a disconnect did.
type Disconnected struct {
	Conn *account.Connected
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
// The tokens revoked are the ones stored when the keychain's lock is
// taken, and the account goes before the lock is let go: a refresh in
// this or another process either ran before (and its rotated tokens are
// the ones revoked) or finds the account gone.
func (s *Service) Disconnect(ctx context.Context, ref string) (*Disconnected, error) {
	c, err := s.Find(ref)
	if err != nil {
		return nil, err
	}
	d := &Disconnected{Conn: c, RevokeErr: errNotRead}
	removed, err := s.Store.Remove(c.ID(), func(current *account.Connected) {
		ctx, cancel := context.WithTimeout(ctx, revokeUnderLock)
		defer cancel()
		d.RevokeErr = s.Revoke(ctx, current)
	})
	if removed != nil {
		d.Conn = removed
	}
	if err != nil {
		return d, fmt.Errorf("remove %s from the keychain: %w", c.ID(), err)
	}
	d.WasDefault, d.DefaultErr = s.forgetDefault(c)
	return d, nil
}
