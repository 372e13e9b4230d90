package keychain

import (
	"errors"
	"time"
)

// Some keychains keep entries for a limited time (the kernel's keyring,
// kernel_linux.go). There every entry that holds a token lives a little
// longer than the token, never forever: an account whose access token
// cannot be renewed an hour past its expiry, one with a refresh token as
// long as an unused persistent keyring (three days past its expiry, or
// from when it was written). An account's head goes a second before its
// parts, so an account that has timed out reads as gone, not as damaged.
// The account list holds no token and lives with the keyring.

const (
	// expiredGrace is how long an account that cannot renew itself stays
	// past its token's expiry: long enough to be shown as expired.
	expiredGrace = time.Hour
	// renewableLife is how long an account that can renew itself, or
	// whose expiry is unknown, stays from its expiry or from now: the
	// kernel's default expiry of an unused persistent keyring.
	renewableLife = 72 * time.Hour
)

// lifetimeBackend keeps entries until a time.
type lifetimeBackend interface {
	SetUntil(service, user, value string, until time.Time) error
}

// errExpired means an account's entries have timed out: it is gone, not
// damaged.
var errExpired = errors.New("the account's entries timed out")

// expiring reports whether the store's backend keeps entries for a
// limited time.
func (s *Store) expiring() bool {
	_, ok := s.backend.(lifetimeBackend)
	return ok
}

// accountUntil is when c's entries may go on this store's backend: the
// zero time (never on their own) where entries are kept for good.
func (s *Store) accountUntil(c *Account) time.Time {
	if !s.expiring() {
		return time.Time{}
	}
	return accountUntil(c, time.Now())
}

// accountUntil is when c's entries may go, at now.
func accountUntil(c *Account, now time.Time) time.Time {
	switch {
	case !c.ExpiryKnown():
		return now.Add(renewableLife)
	case c.RefreshToken != "":
		return later(c.ExpiresAt, now).Add(renewableLife)
	}
	return c.ExpiresAt.Add(expiredGrace)
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// keeping sets when the entries the store writes next may go (the zero
// time: never on their own), and returns what puts the previous setting
// back. The write lock guards it.
func (s *Store) keeping(until time.Time) (restore func()) {
	was := s.until
	s.until = until
	return func() { s.until = was }
}
