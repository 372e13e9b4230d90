package ui

import (
	"context"
	"runtime"
	"time"

	"github.com/make-connect/make-connect/accounts"
	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/doctor"
)

// Service is what the window needs from the account service. Every method
// but IsDefault may block on the network or the keychain, so the window
// calls them only off the UI goroutine. *accounts.Service provides it
// through Accounts.
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
	// Check asks Make whether c's access token still works.
	Check(ctx context.Context, c *auth.Connection) (accounts.Verdict, error)
	// Replaced reports, once, whether the last connect of the account id
	// replaced a stored connection, and why revoking its tokens failed.
	Replaced(id string) (replaced bool, revokeErr error)
	// IsDefault reports whether c is the account tools use when they name
	// none. It only compares; it does not block.
	IsDefault(c *auth.Connection, conns []*auth.Connection) bool
	// Doctor runs make-connect doctor's checks with the service's
	// configuration, HTTP client and keychain, under getenv.
	Doctor(ctx context.Context, getenv func(string) string) doctor.Report
}

// Attempt is one connect attempt (*auth.Attempt). Whichever of the
// loopback callback and Paste comes first gives its one result.
type Attempt interface {
	// AuthURL is the sign-in page, for the person to copy.
	AuthURL() string
	// LaunchURL is a new single-use link to it, for the browser.
	LaunchURL() string
	Paste(address string) error
	Wait(ctx context.Context) (*auth.Connection, error)
	// Settled reports auth.ErrCompromised when, after a success, a launch
	// link was requested again.
	Settled(ctx context.Context) error
	Close()
}

// Accounts adapts the account service to the window. Its HTTPClient must
// be set: the doctor's checks go through it.
func Accounts(s *accounts.Service) Service { return accountsService{s} }

type accountsService struct{ *accounts.Service }

func (s accountsService) Begin(ctx context.Context) (Attempt, error) {
	a, err := s.Service.Begin(ctx)
	if err != nil {
		return nil, err
	}
	return a, nil
}

func (s accountsService) Doctor(ctx context.Context, getenv func(string) string) doctor.Report {
	return doctor.Run(ctx, doctor.Inputs{
		Config: s.Config, HTTPClient: s.HTTPClient, Store: s.Store, Getenv: getenv, GOOS: runtime.GOOS, Now: s.Now,
	})
}
