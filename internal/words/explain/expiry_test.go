package explain

import (
	"os"
	"testing"
	"time"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/accounts"
)

// t0 is the expiry tests' fixed "now"; local time is a fixed zone so the
// written times do not depend on the machine.
var t0 = time.Date(2026, 11, 25, 13, 4, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	time.Local = time.FixedZone("CET", 3600)
	os.Exit(m.Run())
}

const day = 24 * time.Hour

// expiring is a connection whose token expires left after t0; a zero left
// means the server did not say.
func expiring(left time.Duration) *account.Connected {
	c := &account.Connected{Connection: auth.Connection{Issuer: "https://www.make.com", Subject: "1001"}}
	if left != 0 {
		c.ExpiresAt = t0.Add(left)
	}
	return c
}

func TestDescribeExpiry(t *testing.T) {
	cases := []struct {
		left     time.Duration
		text     string
		timeLeft string // TimeLeft
	}{
		{time.Hour, "expires 2026-11-25 15:04 CET (in 1h 00m)", "1h 00m left"},
		{5 * time.Minute, "expires 2026-11-25 14:09 CET (in 5m)", "5m left"},
		{5*time.Minute - time.Second, "expires 2026-11-25 14:08 CET (in 4m)", "4m left"},
		{59 * time.Second, "expires 2026-11-25 14:04 CET (in 59s)", "59s left"},
		{3 * day, "expires 2026-11-28 14:04 CET (in 3d)", "3d left"},
		{-time.Nanosecond, "expired 2026-11-25 14:03 CET", ""},
		{-time.Hour, "expired 2026-11-25 13:04 CET", ""},
		{0, "expiry unknown (Make did not say)", ""},
	}
	for _, tc := range cases {
		c := expiring(tc.left)
		if got := DescribeExpiry(c, t0); got != tc.text {
			t.Errorf("%v left: %q, want %q", tc.left, got, tc.text)
		}
		if got := TimeLeft(c, t0); got != tc.timeLeft {
			t.Errorf("%v left: TimeLeft %q, want %q", tc.left, got, tc.timeLeft)
		}
	}
}

func TestCountdown(t *testing.T) {
	cases := []struct {
		d    time.Duration
		want string
	}{
		{0, "0s"},
		{999 * time.Millisecond, "0s"},
		{59*time.Second + 999*time.Millisecond, "59s"},
		{time.Minute, "1m"},
		{59*time.Minute + 59*time.Second, "59m"},
		{time.Hour + 5*time.Minute + 59*time.Second, "1h 05m"},
		{47*time.Hour + 59*time.Minute, "47h 59m"},
		{2 * day, "2d"},
		{10*day - time.Second, "9d"},
	}
	for _, tc := range cases {
		if got := Countdown(tc.d); got != tc.want {
			t.Errorf("Countdown(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

// TestNextChangeIsWhatIsShown: the session wakes when accounts.NextChange
// says, and what DescribeExpiry writes really changes then, and not
// before.
func TestNextChangeIsWhatIsShown(t *testing.T) {
	const ms = time.Millisecond
	for _, left := range []time.Duration{time.Hour, 59*time.Minute + 30*time.Second, 5*time.Minute + 10*time.Second,
		90 * time.Second, 59*time.Second + 500*ms, 400 * ms, 3*day + time.Minute, 49 * time.Hour} {
		c := expiring(left)
		at, ok := accounts.NextChange(c, t0)
		if !ok {
			t.Errorf("%v left: no next change", left)
			continue
		}
		if DescribeExpiry(c, at) == DescribeExpiry(c, t0) {
			t.Errorf("%v left: nothing shown changes at +%v", left, at.Sub(t0))
		}
		if before := at.Add(-2 * ms); before.After(t0) && DescribeExpiry(c, before) != DescribeExpiry(c, t0) {
			t.Errorf("%v left: what is shown changed before +%v", left, at.Sub(t0))
		}
	}
}
