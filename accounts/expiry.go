package accounts

import (
	"fmt"
	"time"

	"github.com/make-connect/make-connect/auth"
)

// ExpiringSoon is how close to expiry an account is shown as "expiring
// soon".
const ExpiringSoon = 5 * time.Minute

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

// DescribeExpiry says when c expires in local time and how long that is
// from now: "2026-11-25 14:03 CET (in 59m)" or "… (expired 3m ago)".
func DescribeExpiry(c *auth.Connection, now time.Time) string {
	if !c.ExpiryKnown() {
		return "unknown (the server did not say)"
	}
	at := c.ExpiresAt.Local().Format("2006-01-02 15:04:05 MST")
	d := c.ExpiresAt.Sub(now)
	if d <= 0 {
		return fmt.Sprintf("%s (expired %s ago)", at, Countdown(-d))
	}
	return fmt.Sprintf("%s (in %s)", at, Countdown(d))
}

// Countdown writes d the way people read a countdown: "59m", "1h 05m",
// "42s" under a minute, rounded down so it never promises time that is not
// there.
func Countdown(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d/time.Minute))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh %02dm", int(d/time.Hour), int(d%time.Hour/time.Minute))
	}
	return fmt.Sprintf("%dd", int(d/(24*time.Hour)))
}
