package accounts

import (
	"os"
	"testing"
	"time"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/testkit/sandbox"
)

// t0 is the tests' fixed "now".
var t0 = time.Date(2026, 11, 25, 13, 4, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	time.Local = time.FixedZone("CET", 3600)
	os.Exit(sandbox.Run(m)) // the tests start the sandbox, built once for them all
}

// expiring is a connection whose token expires left after t0; a zero left
// means the server did not say.
func expiring(left time.Duration, refreshToken string) *account.Connected {
	c := &account.Connected{Connection: auth.Connection{Issuer: "https://www.make.com", Subject: "1001", RefreshToken: refreshToken}}
	if left != 0 {
		c.ExpiresAt = t0.Add(left)
	}
	return c
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
		{3*day + time.Minute, time.Minute + ms},               // days: "3d" → "2d"
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
	}
}

func TestRefreshDue(t *testing.T) {
	cases := []struct {
		name    string
		c       *account.Connected
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
		c    *account.Connected
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
