package explain

import (
	"fmt"
	"time"

	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/accounts"
	"github.com/make-connect/make-connect/internal/words/i18n"
)

// How every face writes an expiry and a moment. The core gives the times;
// these are its words.

// timeLayout is how the app writes a moment: local time to the minute,
// with the zone, so a person in any zone reads it right.
const timeLayout = "2006-01-02 15:04 MST"

// FormatTime writes t in local time, the one way the app writes times.
func FormatTime(t time.Time) string { return t.Local().Format(timeLayout) }

// DescribeExpiry says when c's access token expires, in the words every
// face shows: "expires 2026-11-25 14:03 CET (in 59m)", "expired
// 2026-11-25 14:03 CET", or "expiry unknown (Make did not say)".
func DescribeExpiry(c *account.Connected, now time.Time) string {
	switch {
	case !c.ExpiryKnown():
		return i18n.L("expiry unknown (Make did not say)")
	case c.Expired(now):
		return i18n.L("expired {{.Time}}", vars{"Time": FormatTime(c.ExpiresAt)})
	}
	return i18n.L("expires {{.Time}} (in {{.Left}})", vars{"Time": FormatTime(c.ExpiresAt), "Left": Countdown(c.ExpiresAt.Sub(now))})
}

// TimeLeft is how long the account's token has left, for a short line:
// "59m left"; "" when it has expired or Make did not say.
func TimeLeft(c *account.Connected, now time.Time) string {
	if !c.ExpiryKnown() || c.Expired(now) {
		return ""
	}
	return i18n.L("{{.Time}} left", vars{"Time": Countdown(c.ExpiresAt.Sub(now))})
}

// Countdown writes d the way people read a countdown: "59m", "1h 05m",
// "42s" under a minute, "3d" from two days on (accounts.CountdownUnit),
// rounded down so it never promises time that is not there. The units are
// the chosen language's.
func Countdown(d time.Duration) string {
	const day = 24 * time.Hour
	switch accounts.CountdownUnit(d) {
	case time.Second:
		return i18n.L("{{.Seconds}}s", vars{"Seconds": int(d / time.Second)})
	case day:
		return i18n.L("{{.Days}}d", vars{"Days": int(d / day)})
	}
	if d < time.Hour {
		return i18n.L("{{.Minutes}}m", vars{"Minutes": int(d / time.Minute)})
	}
	return i18n.L("{{.Hours}}h {{.Minutes}}m", vars{"Hours": int(d / time.Hour), "Minutes": fmt.Sprintf("%02d", int(d%time.Hour/time.Minute))})
}
