package accounts

import (
	"fmt"
	"time"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/words/i18n"
)

// The time rules every face of the app follows: when an account counts as
// expiring soon, when it is refreshed, when a person is told, how an expiry
// is written and when what is shown of it next changes. The window and the
// command line only call these.

// ExpiringSoon is how close to expiry an account is shown as "expiring
// soon".
const ExpiringSoon = 5 * time.Minute

// RefreshMargin is how long before expiry an account with a refresh token
// is refreshed, so a token handed out is good for at least that long.
const RefreshMargin = 2 * time.Minute

// State is an account's token state as a person sees it.
type State int

const (
	Valid State = iota
	ExpiringSoonState
	Expired
	UnknownExpiry
)

func (s State) String() string {
	return [...]string{"valid", "expiring soon", "expired", "expiry unknown"}[s]
}

// StateAt is c's state at now.
func StateAt(c *auth.Connection, now time.Time) State {
	switch {
	case !c.ExpiryKnown():
		return UnknownExpiry
	case c.Expired(now):
		return Expired
	case c.ExpiresAt.Sub(now) < ExpiringSoon:
		return ExpiringSoonState
	}
	return Valid
}

// timeLayout is how the app writes a moment: local time to the minute,
// with the zone, so a person in any zone reads it right.
const timeLayout = "2006-01-02 15:04 MST"

// FormatTime writes t in local time, the one way the app writes times.
func FormatTime(t time.Time) string { return t.Local().Format(timeLayout) }

// DescribeExpiry says when c's access token expires, in the words every
// face shows: "expires 2026-11-25 14:03 CET (in 59m)", "expired
// 2026-11-25 14:03 CET", or "expiry unknown (Make did not say)".
func DescribeExpiry(c *auth.Connection, now time.Time) string {
	switch {
	case !c.ExpiryKnown():
		return i18n.L("expiry unknown (Make did not say)")
	case c.Expired(now):
		return i18n.L("expired {{.Time}}", map[string]any{"Time": FormatTime(c.ExpiresAt)})
	}
	return i18n.L("expires {{.Time}} (in {{.Left}})", map[string]any{"Time": FormatTime(c.ExpiresAt), "Left": Countdown(c.ExpiresAt.Sub(now))})
}

// TimeLeft is how long the account's token has left, for a short line:
// "59m left"; "" when it has expired or Make did not say.
func TimeLeft(c *auth.Connection, now time.Time) string {
	if !c.ExpiryKnown() || c.Expired(now) {
		return ""
	}
	return i18n.L("{{.Time}} left", map[string]any{"Time": Countdown(c.ExpiresAt.Sub(now))})
}

// Countdown writes d the way people read a countdown: "59m", "1h 05m",
// "42s" under a minute, "3d" from two days on, rounded down so it never
// promises time that is not there. The units are the chosen language's.
func Countdown(d time.Duration) string {
	switch unit := countdownUnit(d); unit {
	case time.Second:
		return i18n.L("{{.Seconds}}s", map[string]any{"Seconds": int(d / time.Second)})
	case day:
		return i18n.L("{{.Days}}d", map[string]any{"Days": int(d / day)})
	}
	if d < time.Hour {
		return i18n.L("{{.Minutes}}m", map[string]any{"Minutes": int(d / time.Minute)})
	}
	return i18n.L("{{.Hours}}h {{.Minutes}}m", map[string]any{"Hours": int(d / time.Hour), "Minutes": fmt.Sprintf("%02d", int(d%time.Hour/time.Minute))})
}

const day = 24 * time.Hour

// countdownUnit is the smallest unit Countdown shows for d.
func countdownUnit(d time.Duration) time.Duration {
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
func NextChange(c *auth.Connection, now time.Time) (t time.Time, ok bool) {
	if !c.ExpiryKnown() || c.Expired(now) {
		return time.Time{}, false
	}
	left := c.ExpiresAt.Sub(now)
	unit := countdownUnit(left)
	shown := left / unit * unit // what the countdown shows, rounded down
	// The value changes once less than shown is left; a millisecond later
	// is imperceptible and keeps the wake-up on the far side of the change.
	return c.ExpiresAt.Add(-shown + time.Millisecond), true
}

// RefreshDue is when c is to be refreshed: RefreshMargin before it
// expires. ok is false when it cannot be: no refresh token, or an expiry
// the server did not say.
func RefreshDue(c *auth.Connection) (at time.Time, ok bool) {
	if c.RefreshToken == "" || !c.ExpiryKnown() {
		return time.Time{}, false
	}
	return c.ExpiresAt.Add(-RefreshMargin), true
}

// refreshDueAt reports whether c is to be refreshed at now.
func refreshDueAt(c *auth.Connection, now time.Time) bool {
	at, ok := RefreshDue(c)
	return ok && !now.Before(at)
}

// Notice is a desktop notification an account's state calls for.
type Notice int

const (
	NoNotice Notice = iota
	// NoticeExpiresSoon: the access runs out within ExpiringSoon and the
	// account cannot renew itself, so the person must reconnect.
	NoticeExpiresSoon
	// NoticeExpired: the access has run out.
	NoticeExpired
)

// NoticeDue is the notification c's state calls for at now. An account
// that renews itself gets no "expires soon": nothing needs doing unless
// renewing fails, and then it expires.
func NoticeDue(c *auth.Connection, now time.Time) Notice {
	switch StateAt(c, now) {
	case Expired:
		return NoticeExpired
	case ExpiringSoonState:
		if c.RefreshToken == "" {
			return NoticeExpiresSoon
		}
	}
	return NoNotice
}
