package accounts

import (
	"os"
	"testing"
	"time"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/testkit/sandbox"
)

// t0 is the tests' fixed "now"; local time is a fixed zone so the written
// times do not depend on the machine.
var t0 = time.Date(2026, 11, 25, 13, 4, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	time.Local = time.FixedZone("CET", 3600)
	os.Exit(sandbox.Run(m)) // the tests start the sandbox, built once for them all
}

// expiring is a connection whose token expires left after t0; a zero left
// means the server did not say.
func expiring(left time.Duration, refreshToken string) *auth.Connection {
	c := &auth.Connection{Issuer: "https://www.make.com", Subject: "1001", RefreshToken: refreshToken}
	if left != 0 {
		c.ExpiresAt = t0.Add(left)
	}
	return c
}

func TestStateAndDescription(t *testing.T) {
	cases := []struct {
		left     time.Duration
		state    State
		text     string
		timeLeft string // TimeLeft
	}{
		{time.Hour, Valid, "expires 2026-11-25 15:04 CET (in 1h 00m)", "1h 00m left"},
		{5 * time.Minute, Valid, "expires 2026-11-25 14:09 CET (in 5m)", "5m left"},
		{5*time.Minute - time.Second, ExpiringSoonState, "expires 2026-11-25 14:08 CET (in 4m)", "4m left"},
		{59 * time.Second, ExpiringSoonState, "expires 2026-11-25 14:04 CET (in 59s)", "59s left"},
		{3 * day, Valid, "expires 2026-11-28 14:04 CET (in 3d)", "3d left"},
		{-time.Nanosecond, Expired, "expired 2026-11-25 14:03 CET", ""},
		{-time.Hour, Expired, "expired 2026-11-25 13:04 CET", ""},
		{0, UnknownExpiry, "expiry unknown (Make did not say)", ""},
	}
	for _, tc := range cases {
		c := expiring(tc.left, "")
		if got := StateAt(c, t0); got != tc.state {
			t.Errorf("%v left: state %v, want %v", tc.left, got, tc.state)
		}
		if got := DescribeExpiry(c, t0); got != tc.text {
			t.Errorf("%v left: %q, want %q", tc.left, got, tc.text)
		}
		if got := TimeLeft(c, t0); got != tc.timeLeft {
			t.Errorf("%v left: TimeLeft %q, want %q", tc.left, got, tc.timeLeft)
		}
	}
	if c := expiring(time.Nanosecond, ""); !c.Expired(t0.Add(time.Nanosecond)) || StateAt(c, t0.Add(time.Nanosecond)) != Expired {
		t.Error("a token is not expired at the very moment it expires")
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

func TestNextChange(t *testing.T) {
	const ms = time.Millisecond
	cases := []struct {
		left time.Duration // until expiry
		want time.Duration // until the next change; 0: none
	}{
		{time.Hour, 1 * ms}, // "1h 00m" becomes "59m" at once
		{59*time.Minute + 30*time.Second, 30*time.Second + ms},
		{5*time.Minute + 10*time.Second, 10*time.Second + ms}, // then "4m" and expiring soon
		{90 * time.Second, 30*time.Second + ms},               // "1m" → "59s"
		{59*time.Second + 500*ms, 500*ms + ms},                // seconds in the last minute
		{400 * ms, 400*ms + ms},                               // "0s" → expired
		{72*time.Hour + time.Minute, time.Minute + ms},        // days: "3d" → "2d"
		{49 * time.Hour, time.Hour + ms},                      // "2d" → "47h 59m"
		{-time.Nanosecond, 0},                                 // expired: nothing counts
		{-time.Hour, 0},
		{0, 0}, // unknown expiry
	}
	for _, tc := range cases {
		c := expiring(tc.left, "")
		at, ok := NextChange(c, t0)
		if tc.want == 0 {
			if ok {
				t.Errorf("%v left: next change at +%v, want none", tc.left, at.Sub(t0))
			}
			continue
		}
		if !ok || at.Sub(t0) != tc.want {
			t.Errorf("%v left: next change at +%v (%v), want +%v", tc.left, at.Sub(t0), ok, tc.want)
		}
		// What is shown must really differ just after, and not just before.
		if DescribeExpiry(c, at) == DescribeExpiry(c, t0) {
			t.Errorf("%v left: nothing shown changes at +%v", tc.left, at.Sub(t0))
		}
		if before := at.Add(-2 * ms); before.After(t0) && DescribeExpiry(c, before) != DescribeExpiry(c, t0) {
			t.Errorf("%v left: what is shown changed before +%v", tc.left, at.Sub(t0))
		}
	}
}

func TestRefreshDue(t *testing.T) {
	cases := []struct {
		name    string
		c       *auth.Connection
		due     time.Duration // after t0, when ok
		ok      bool
		dueAtT0 bool
	}{
		{"refreshable, an hour left", expiring(time.Hour, "rt"), time.Hour - RefreshMargin, true, false},
		{"refreshable, inside the margin", expiring(RefreshMargin-time.Second, "rt"), -time.Second, true, true},
		{"refreshable, exactly at the margin", expiring(RefreshMargin, "rt"), 0, true, true},
		{"refreshable, expired", expiring(-time.Hour, "rt"), -time.Hour - RefreshMargin, true, true},
		{"no refresh token", expiring(time.Minute, ""), 0, false, false},
		{"unknown expiry", expiring(0, "rt"), 0, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			at, ok := RefreshDue(tc.c)
			if ok != tc.ok || ok && !at.Equal(t0.Add(tc.due)) {
				t.Errorf("RefreshDue = +%v, %v; want +%v, %v", at.Sub(t0), ok, tc.due, tc.ok)
			}
			if got := refreshDueAt(tc.c, t0); got != tc.dueAtT0 {
				t.Errorf("due at t0 = %v, want %v", got, tc.dueAtT0)
			}
		})
	}
}

func TestNoticeDue(t *testing.T) {
	cases := []struct {
		name string
		c    *auth.Connection
		want Notice
	}{
		{"valid", expiring(time.Hour, ""), NoNotice},
		{"expiring soon, cannot renew", expiring(4*time.Minute, ""), NoticeExpiresSoon},
		{"expiring soon, renews itself", expiring(4*time.Minute, "rt"), NoNotice},
		{"expired", expiring(-time.Minute, ""), NoticeExpired},
		{"expired though it could renew", expiring(-time.Minute, "rt"), NoticeExpired},
		{"unknown expiry", expiring(0, ""), NoNotice},
	}
	for _, tc := range cases {
		if got := NoticeDue(tc.c, t0); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
