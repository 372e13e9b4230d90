package accounts

import (
	"time"

	"github.com/make-connect/make-connect/internal/core/account"
)

// The time rules of an account's schedule: when it is refreshed, when a
// person is told, and when what is shown of it next changes. Its state at
// a moment is package account's; how an expiry is written is explain's.

// RefreshMargin is how long before expiry an account with a refresh token
// is refreshed, so a token handed out is good for at least that long.
const RefreshMargin = 2 * time.Minute

const day = 24 * time.Hour

// CountdownUnit is the smallest unit a countdown of d shows: a second in
// the last minute, a day from two days on, else a minute.
func CountdownUnit(d time.Duration) time.Duration {
	switch {
	case d < time.Minute:
		return time.Second
	case d < 2*day:
		return time.Minute
	}
	return day
}

// NextChange is when what is shown of c next changes: the countdown drops
// by the unit it shows (a day, a minute, or a second in the last minute).
// State changes (expiring soon, expired) and refreshes fall on these
// moments too, since they are whole minutes before expiry. ok is false
// when nothing will change: the expiry is unknown or past.
func NextChange(c *account.Connected, now time.Time) (t time.Time, ok bool) {
	if !c.ExpiryKnown() || c.Expired(now) {
		return time.Time{}, false
	}
	left := c.ExpiresAt.Sub(now)
	unit := CountdownUnit(left)
	shown := left / unit * unit // what the countdown shows, rounded down
	// The value changes once less than shown is left; a millisecond later
	// is imperceptible and keeps the wake-up on the far side of the change.
	return c.ExpiresAt.Add(-shown + time.Millisecond), true
}

// RefreshDue is when c is to be refreshed: RefreshMargin before it
// expires. ok is false when it cannot be: no refresh token, or an expiry
// the server did not say.
func RefreshDue(c *account.Connected) (at time.Time, ok bool) {
	if c.RefreshToken == "" || !c.ExpiryKnown() {
		return time.Time{}, false
	}
	return c.ExpiresAt.Add(-RefreshMargin), true
}

// refreshDueAt reports whether c is to be refreshed at now.
func refreshDueAt(c *account.Connected, now time.Time) bool {
	at, ok := RefreshDue(c)
	return ok && !now.Before(at)
}

// Notice is a desktop notification an account's state calls for.
type Notice int

const (
	NoNotice Notice = iota
	// NoticeExpiresSoon: the access runs out within account.ExpiringSoon
	// and the account cannot renew itself, so the person must reconnect.
	NoticeExpiresSoon
	// NoticeExpired: the access has run out.
	NoticeExpired
)

// NoticeDue is the notification c's state calls for at now. An account
// that renews itself gets no "expires soon": nothing needs doing unless
// renewing fails, and then it expires.
func NoticeDue(c *account.Connected, now time.Time) Notice {
	a := account.Account{Conn: c}
	switch a.State(now) {
	case account.Expired:
		return NoticeExpired
	case account.ExpiringSoonState:
		if !a.Renews() {
			return NoticeExpiresSoon
		}
	}
	return NoNotice
}
