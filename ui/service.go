package ui

import (
	"context"
	"time"

	"github.com/make-connect/make-connect/accounts"
	"github.com/make-connect/make-connect/auth"
)

// Service is what the window needs from the account service. Every method
// may block on the network or the keychain, so the window calls them only
// off the UI goroutine. *accounts.Service provides it through Accounts.
type Service interface {
	// Begin starts a connect attempt; its result is stored before the
	// browser is told it worked.
	Begin(ctx context.Context) (Attempt, error)
	// List returns the stored accounts and the entries that were skipped.
	List() ([]*auth.Connection, []error, error)
	// Token returns the account with an access token valid for at least
	// minValid, or refuses.
	Token(ctx context.Context, ref string, minValid time.Duration) (*auth.Connection, error)
	// Disconnect revokes and removes the account; the account is removed
	// even when revokeErr says the revocation failed.
	Disconnect(ctx context.Context, ref string) (c *auth.Connection, revokeErr, err error)
	// EnsureFresh refreshes the account when it has a refresh token and is
	// about to expire, and returns its current connection.
	EnsureFresh(ctx context.Context, id string) (*auth.Connection, error)
}

// Attempt is one connect attempt (*auth.Attempt). Whichever of the
// loopback callback and Paste comes first gives its one result.
type Attempt interface {
	AuthURL() string
	Paste(address string) error
	Wait(ctx context.Context) (*auth.Connection, error)
	Close()
}

// Accounts adapts the account service to the window.
func Accounts(s *accounts.Service) Service { return accountsService{s} }

type accountsService struct{ *accounts.Service }

func (s accountsService) Begin(ctx context.Context) (Attempt, error) {
	a, err := s.Service.Begin(ctx)
	if err != nil {
		return nil, err
	}
	return a, nil
}
