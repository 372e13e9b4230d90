package accounts

import (
	"context"
	"fmt"

	"github.com/make-connect/make-connect/auth"
)

// Disconnect revokes the account's tokens at the server and removes the
// account from this computer. The local copy is removed even when the
// revocation fails; that failure is returned as revokeErr.
func (s *Service) Disconnect(ctx context.Context, ref string) (c *auth.Connection, revokeErr, err error) {
	c, err = s.Find(ref)
	if err != nil {
		return nil, nil, err
	}
	revokeErr = auth.Revoke(ctx, s.authConfig(), c)
	if err := s.Store.Delete(c.ID()); err != nil {
		return c, revokeErr, fmt.Errorf("remove %s from the keychain: %w", c.Label(), err)
	}
	return c, revokeErr, nil
}
