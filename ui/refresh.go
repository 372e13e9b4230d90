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

// refreshRetry is how long the window waits after a refresh before it
// tries again, whether the refresh failed or did not change the expiry.
const refreshRetry = time.Minute

// refreshTimeout bounds one refresh.
const refreshTimeout = time.Minute

// refreshState is how renewing one account is going.
type refreshState struct {
	running bool
	retryAt time.Time
	err     error // the last refresh's failure
}

// refused reports whether Make refused the refresh token for good
// (auth.ErrRefreshRefused): trying again cannot help, only reconnecting.
func (r *refreshState) refused() bool {
	return r != nil && errors.Is(r.err, auth.ErrRefreshRefused)
}

// refreshIfDue starts refreshing c when it is due, and returns when the
// window should look again (zero: no need).
func (w *Window) refreshIfDue(c *auth.Connection, now time.Time) time.Time {
	due, ok := accounts.RefreshDue(c)
	switch {
	case !ok:
		return time.Time{}
	case now.Before(due):
		return due
	}
	id := c.ID()
	r := w.refreshes[id]
	if r == nil {
		r = &refreshState{}
		w.refreshes[id] = r
	}
	switch {
	case r.running || r.refused():
		return time.Time{}
	case now.Before(r.retryAt):
		return r.retryAt
	}
	r.running = true
	svc := w.svc
	w.bridge.background(func() func() {
		ctx, cancel := context.WithTimeout(context.Background(), refreshTimeout)
		defer cancel()
		n, err := svc.EnsureFresh(ctx, id)
		return func() { w.refreshed(svc, id, n, err) }
	})
	return time.Time{}
}

// refreshed takes a refresh's result: the account's current connection,
// renewed or not, and the error if renewing failed. A renewed account is
// not due again until shortly before its new expiry; one that is still due
// (the refresh failed, or changed nothing) is tried again after
// refreshRetry.
func (w *Window) refreshed(svc Service, id string, n *auth.Connection, err error) {
	r := w.refreshes[id]
	if r == nil || svc != w.svc {
		return
	}
	r.running = false
	r.retryAt = w.bridge.clock.Now().Add(refreshRetry)
	r.err = err
	if n != nil {
		for i, c := range w.conns {
			if c.ID() == id {
				w.conns[i] = n
			}
		}
	}
	w.showAccounts()
}
