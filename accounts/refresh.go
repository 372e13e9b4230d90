package accounts

import (
	"context"
	"errors"
	"time"

	"github.com/make-connect/make-connect/auth"
)

// RefreshMargin is how long before expiry an account with a refresh token
// is refreshed, so a token handed out is good for at least that long.
const RefreshMargin = 2 * time.Minute

// needsRefresh reports whether c should be refreshed at now.
func needsRefresh(c *auth.Connection, now time.Time) bool {
	return c.RefreshToken != "" && c.ExpiryKnown() && c.ExpiresAt.Sub(now) < RefreshMargin
}

// EnsureFresh returns the account's current connection, refreshed first
// when it has a refresh token and expires within RefreshMargin. The
// refresh runs inside the keychain's Update, which re-reads the account
// under the lock every process shares: of two processes refreshing at once
// the second sees the first one's new tokens and keeps them, instead of
// spending a rotated refresh token (as rclone does). On a failed refresh
// the stored connection is returned with the error.
func (s *Service) EnsureFresh(ctx context.Context, id string) (*auth.Connection, error) {
	c, err := s.Store.Get(id)
	if err != nil || !needsRefresh(c, s.now()) {
		return c, err
	}
	cfg := s.Config.Auth
	cfg.HTTPClient = s.httpClient()
	cfg.Now = s.now
	var current *auth.Connection
	err = s.Store.Update(id, func(stored *auth.Connection) (*auth.Connection, error) {
		current = stored
		if !needsRefresh(stored, s.now()) {
			return nil, nil // another process refreshed it meanwhile
		}
		n, err := auth.Refresh(ctx, cfg, stored)
		if err != nil {
			return nil, err
		}
		current = n
		return n, nil
	})
	if current == nil {
		current = c
	}
	if err != nil && errors.Is(err, auth.ErrNoRefreshToken) {
		err = nil
	}
	return current, err
}
