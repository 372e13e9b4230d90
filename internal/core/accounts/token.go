package accounts

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/make-connect/make-connect/internal/core/account"
)

// ErrExpired means the account's access token has expired and there is no
// way to renew it but connecting again.
var ErrExpired = errors.New("the access token has expired")

// ErrTooShort means the access token expires sooner than the caller needs
// and the account cannot renew itself. Match it with errors.Is on a
// *TooShortError.
var ErrTooShort = errors.New("the access token expires sooner than needed")

// TooShortError says how much too short the token's life is.
type TooShortError struct {
	// Left is how long the token has; Wanted what the caller asked for.
	Left, Wanted time.Duration
	// RenewErr is why renewing it failed; nil when the account has no way
	// to renew itself.
	RenewErr error
}

func (e *TooShortError) Error() string {
	why := "the account has no refresh token"
	if e.RenewErr != nil {
		why = "renewing it failed: " + e.RenewErr.Error()
	}
	return fmt.Sprintf("%v: it expires in %s, under the %s asked for, and %s", ErrTooShort, e.Left.Truncate(time.Second), e.Wanted, why)
}

func (e *TooShortError) Is(target error) bool { return target == ErrTooShort }

func (e *TooShortError) Unwrap() error { return e.RenewErr }

// Token returns the account ref names (see Find), with an access token
// good for at least minValid: refreshed first when it is not (or when it
// is due anyway) and the account can be. A failed refresh of a token that
// is still good enough is not the caller's problem yet: the next call
// tries again.
func (s *Service) Token(ctx context.Context, ref string, minValid time.Duration) (*account.Connected, error) {
	c, err := s.Find(ref)
	if err != nil {
		return nil, err
	}
	c, err = s.ensureValidFor(ctx, c, minValid)
	if c == nil {
		return nil, err
	}
	now := s.now()
	switch {
	case c.Expired(now) && err != nil:
		return nil, fmt.Errorf("account %s: %w (%w)", c.ID(), ErrExpired, err)
	case c.Expired(now):
		return nil, fmt.Errorf("account %s: %w", c.ID(), ErrExpired)
	case c.ExpiryKnown() && c.ExpiresAt.Sub(now) < minValid:
		return nil, fmt.Errorf("account %s: %w", c.ID(), &TooShortError{Left: c.ExpiresAt.Sub(now), Wanted: minValid, RenewErr: err})
	}
	return c, nil
}

// validFor reports whether c's token is good for at least d at now, the
// way a refresh decides: a token of unknown lifetime is taken as good.
func validFor(c *account.Connected, now time.Time, d time.Duration) bool {
	return !c.ExpiryKnown() || c.ExpiresAt.Sub(now) > d
}
