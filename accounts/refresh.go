package accounts

import (
	"context"

	"github.com/make-connect/make-connect/auth"
)

// EnsureFresh returns the account's current connection, refreshed first
// when it has a refresh token and its refresh is due (RefreshDue). The
// refresh runs inside the keychain's Update, which re-reads the account
// under the lock every process shares: of two processes refreshing at once
// the second sees the first one's new tokens and keeps them, instead of
// spending a rotated refresh token (as rclone does). On a failed refresh
// the stored connection is returned with the error.
func (s *Service) EnsureFresh(ctx context.Context, id string) (*auth.Connection, error) {
	c, err := s.Store.Get(id)
	if err != nil || !refreshDueAt(c, s.now()) {
		return c, err
	}
	cfg := s.Config.Auth
	cfg.HTTPClient = s.httpClient()
	cfg.Now = s.now
	current := c
	err = s.Store.Update(id, func(stored *auth.Connection) (*auth.Connection, error) {
		current = stored
		if !refreshDueAt(stored, s.now()) {
			return nil, nil // another process refreshed it meanwhile
		}
		n, err := auth.Refresh(ctx, cfg, stored)
		if err != nil {
			return nil, err
		}
		current = n
		return n, nil
	})
	return current, err
}
