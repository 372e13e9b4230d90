package ui

import (
	"context"
	"errors"
	"time"

	"github.com/make-connect/make-connect/accounts"
	"github.com/make-connect/make-connect/auth"
)

// Accounts with a refresh token are renewed before they expire, through
// the service's EnsureFresh (which re-reads the keychain under its lock and
// stores the rotated tokens), off the UI goroutine. Accounts without one
// are left to expire; their card then says so and offers Reconnect.

// refreshRetry is how long the list waits after a refresh before it tries
// again, whether the refresh failed or did not change the expiry.
const refreshRetry = time.Minute

// refreshTimeout bounds one refresh.
const refreshTimeout = time.Minute

// refreshState is how renewing one account's token is going. It belongs
// to that token: an account connected again has a new refresh token,
// which owes nothing to the old one's failures or refusal.
type refreshState struct {
	token   string // tokenKey of the token being renewed
	running bool
	retryAt time.Time
	err     error // the last refresh's failure
}

// refused reports whether Make refused the refresh token for good
// (auth.ErrRefreshRefused): trying again cannot help, only reconnecting.
func (r *refreshState) refused() bool {
	return r != nil && errors.Is(r.err, auth.ErrRefreshRefused)
}

// refreshOf is how renewing c's token is going; nil before it was first
// due.
func (l *accountList) refreshOf(c *auth.Connection) *refreshState {
	if r := l.refreshes[c.ID()]; r != nil && r.token == tokenKey(c) {
		return r
	}
	return nil
}

// refreshIfDue starts refreshing c when it is due, and returns when the
// list should look again (zero: no need).
func (l *accountList) refreshIfDue(c *auth.Connection, now time.Time) time.Time {
	due, ok := accounts.RefreshDue(c)
	switch {
	case !ok:
		return time.Time{}
	case now.Before(due):
		return due
	}
	id := c.ID()
	r := l.refreshOf(c)
	if r == nil {
		r = &refreshState{token: tokenKey(c)}
		l.refreshes[id] = r
	}
	switch {
	case r.running || r.refused():
		return time.Time{}
	case now.Before(r.retryAt):
		return r.retryAt
	case l.resting(id, now):
		return l.limited[id]
	}
	r.running = true
	svc := l.svc
	l.bridge.backgroundFor(refreshTimeout, func(ctx context.Context) func() {
		n, err := svc.EnsureFresh(ctx, id)
		return func() { l.refreshed(r, id, n, err) }
	})
	return time.Time{}
}

// refreshed takes the result of the refresh r started: the account's
// current connection, renewed or not, and the error if renewing failed. A
// renewed account is not due again until shortly before its new expiry;
// one that is still due (the refresh failed, or changed nothing) is tried
// again after refreshRetry, or after the rate limit's rest. Only the
// account's own card is built again.
func (l *accountList) refreshed(r *refreshState, id string, n *auth.Connection, err error) {
	if l.refreshes[id] != r {
		return // the settings changed, or the account was connected again
	}
	r.running = false
	r.retryAt = l.bridge.clock.Now().Add(refreshRetry)
	r.err = err
	l.noteRateLimit(id, err)
	if n != nil {
		r.token = tokenKey(n) // the wait before trying again holds for it too
		l.replace(n)
	}
	l.tick()
}
