package accounts

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/make-connect/make-connect/auth"
)

// ErrExpired means the account's access token has expired and there is no
// way to renew it but connecting again.
var ErrExpired = errors.New("the access token has expired; connect the account again")

// ErrTooShort means the access token expires sooner than the caller needs
// and the account cannot renew itself. The error's text says how long it
// has left.
var ErrTooShort = errors.New("the access token expires sooner than needed")

// Token returns the account ref names (see Find), with an access token
// good for at least minValid: refreshed first when it is not (or when it
// is due anyway) and the account can be. A failed refresh of a token that
// is still good enough is not the caller's problem yet: the next call
// tries again.
func (s *Service) Token(ctx context.Context, ref string, minValid time.Duration) (*auth.Connection, error) {
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
		return nil, fmt.Errorf("%s: %w (%w)", c.Label(), ErrExpired, err)
	case c.Expired(now):
		return nil, fmt.Errorf("%s: %w", c.Label(), ErrExpired)
	case c.ExpiryKnown() && c.ExpiresAt.Sub(now) < minValid:
		why := "Make gave it no way to renew itself"
		if err != nil {
			why = "renewing it failed: " + err.Error()
		}
		return nil, fmt.Errorf("%s: %w: it expires in %s, under the %s asked for, and %s; connect it again",
			c.Label(), ErrTooShort, Countdown(c.ExpiresAt.Sub(now)), minValid, why)
	}
	return c, nil
}

// validFor reports whether c's token is good for at least d at now, the
// way a refresh decides: a token of unknown lifetime is taken as good.
func validFor(c *auth.Connection, now time.Time, d time.Duration) bool {
	return !c.ExpiryKnown() || c.ExpiresAt.Sub(now) > d
}
