package session

import (
	"context"
	"time"

	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/accounts"
)

// What a face asks of its session's accounts. Each call blocks on the
// network or the keychain (call it off a UI goroutine) and reads the
// accounts again afterwards, so the view shows what it did.

// Connect begins connecting an account (see Connect). The accounts are
// read again when Wait returns, whatever the outcome (an exchange that
// finished just before a Cancel may have stored the account), and after a
// compromised sign-in was disconnected.
func (s *Session) Connect(ctx context.Context, reconnect string) (*Connecting, error) {
	c, err := Connect(ctx, s.Accounts(), reconnect)
	if c != nil {
		c.done = s.Reload
	}
	return c, err
}

// Disconnect revokes and removes the account id.
func (s *Session) Disconnect(ctx context.Context, id string) (*accounts.Disconnected, error) {
	defer s.Reload()
	return s.Accounts().Disconnect(ctx, id)
}

// Token returns the account id with an access token good for at least
// minValid, renewed first when it must be and can be. An account that is
// gone gives an error wrapping accounts.ErrAccountGone.
func (s *Session) Token(ctx context.Context, id string, minValid time.Duration) (*account.Connected, error) {
	defer s.Reload() // it may have been renewed, or be gone
	return s.Accounts().Token(ctx, id, minValid)
}

// MakeDefault saves the account id as the default. The saved settings
// change: the face then reads them again and calls Use. An account that
// is gone gives an error wrapping accounts.ErrAccountGone.
func (s *Session) MakeDefault(id string) error {
	_, err := s.Accounts().SetDefault(id)
	if err != nil {
		s.Reload()
	}
	return err
}
