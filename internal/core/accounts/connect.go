package accounts

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/adapters/makeapi"
	"github.com/make-connect/make-connect/internal/core/account"
)

// Begin starts a connect attempt with this service's configuration. accept
// is called with the verified connection before the browser is told that
// connecting worked (auth.Config.Accept). A redirect port that cannot be
// opened is a *config.SettingError about the redirect URI, wrapping the
// *auth.PortError: the setting, and where it was set, is what to change.
// A policy key that governs connecting and cannot be used refuses it, as
// its *config.PolicyError.
func (s *Service) Begin(ctx context.Context, accept func(context.Context, *account.Connected) error) (*Attempt, error) {
	if pe := s.Config.Policy.Stopped(config.StopsConnect); pe != nil {
		return nil, pe
	}
	cfg := s.authConfig()
	at := &Attempt{}
	cfg.Accept = func(ctx context.Context, c *auth.Connection) (string, error) {
		a := &account.Connected{Connection: *c}
		if err := accept(ctx, a); err != nil {
			return "", err
		}
		at.mu.Lock()
		at.kept = a
		at.mu.Unlock()
		return a.Profile.Label(), nil
	}
	a, err := auth.Begin(ctx, cfg)
	if pe := (*auth.PortError)(nil); errors.As(err, &pe) {
		return nil, s.Config.SettingError(config.EnvRedirectURI, err)
	}
	if err != nil {
		return nil, err
	}
	at.Attempt = a
	return at, nil
}

// Attempt is a connect attempt (auth.Attempt) whose Wait returns the
// account as Begin's accept kept it: the connection and Make's profile of
// the person.
type Attempt struct {
	*auth.Attempt
	mu   sync.Mutex
	kept *account.Connected
}

// Wait waits for the attempt's result: the account accept kept.
func (a *Attempt) Wait(ctx context.Context) (*account.Connected, error) {
	if _, err := a.Attempt.Wait(ctx); err != nil {
		return nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	// auth sends a connection only after Accept returned without an error,
	// which set kept.
	if a.kept == nil {
		return nil, errors.New("the sign-in ended without an account to keep")
	}
	return a.kept, nil
}

// ErrNoIdentity means the server said neither who connected (no id_token)
// nor let the app ask Make (no user:read).
var ErrNoIdentity = errors.New("the server said neither who connected (no id_token) nor gave access to the user's profile")

// Describe asks Make who c is (users/me) and where their organizations are,
// both at once, and notes what it learns in c. Neither is needed for the
// account to work: what Make does not say is left out, with IdentityGap
// saying why. It returns ErrNoIdentity when nothing says whose account
// this is.
func (s *Service) Describe(ctx context.Context, c *account.Connected) error {
	c.APIBase = s.Config.APIBase
	var wg sync.WaitGroup
	wg.Go(func() { s.identify(ctx, c) })
	wg.Go(func() { s.locate(ctx, c) })
	wg.Wait()
	if c.Subject == "" {
		return ErrNoIdentity
	}
	return nil
}

// identify asks Make's API for the person's name and email. It writes
// only c's identity fields; locate writes the others.
func (s *Service) identify(ctx context.Context, c *account.Connected) {
	if !slices.Contains(c.Scopes, "user:read") {
		c.IdentityGap = account.IdentityNoScope
		return
	}
	u, err := s.api(s.Config.APIBase).Me(ctx, c.AccessToken)
	if err != nil {
		c.IdentityGap = account.IdentityNotTold
		return
	}
	c.Name, c.Email = u.Name, u.Email
	if c.Subject == "" {
		c.Subject = fmt.Sprintf("make-user:%d", u.ID)
	}
}

// Save stores c and returns the connection of the same account it
// replaced, if there was one (one that cannot be read is replaced all the
// same). guess is what the caller last read of the account, if anything:
// when it is still what is stored, the keychain need not be read again.
func (s *Service) Save(c, guess *account.Connected) (replaced *account.Connected, err error) {
	if err := s.roomFor(c.ID()); err != nil {
		return nil, err
	}
	old, err := s.Store.Replace(c, guess)
	if err != nil {
		return nil, fmt.Errorf("store the connection: %w", err)
	}
	return old, nil
}

// Revoke asks c's server to revoke its tokens (RFC 7009).
func (s *Service) Revoke(ctx context.Context, c *account.Connected) error {
	return auth.Revoke(ctx, s.authConfig(), &c.Connection)
}

func (s *Service) api(base string) makeapi.Client {
	return makeapi.Client{BaseURL: base, HTTPClient: s.httpClient()}
}

// TooManyAccountsError is a new account beyond the organization's policy's
// MaxAccounts.
type TooManyAccountsError struct {
	Max    int
	Source string // where the policy was read
}

func (e *TooManyAccountsError) Error() string {
	n := fmt.Sprintf("%d connected accounts", e.Max)
	if e.Max == 1 {
		n = "one connected account"
	}
	return fmt.Sprintf("your organization allows at most %s on this computer (MaxAccounts in %s)", n, e.Source)
}

// roomFor checks that account id may be stored under the policy's
// MaxAccounts: a reconnect always may, a new account only below it. (Two
// connects finishing at the same moment can each see room for one.)
func (s *Service) roomFor(id string) error {
	limit := s.Config.Policy.MaxAccounts
	if limit <= 0 {
		return nil
	}
	conns, _, err := s.Store.List()
	if err != nil {
		return fmt.Errorf("count the connected accounts: %w", err)
	}
	if len(conns) < limit || slices.ContainsFunc(conns, func(c *account.Connected) bool { return c.ID() == id }) {
		return nil
	}
	return &TooManyAccountsError{Max: limit, Source: s.Config.Policy.Sources["MaxAccounts"]}
}
