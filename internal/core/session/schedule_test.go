package session

import (
	"errors"
	"testing"
	"time"

	"github.com/make-connect/make-connect/internal/core/account"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/makeapi"
	"github.com/make-connect/make-connect/internal/core/accounts"
)

// t0 is the tests' fixed "now".
var t0 = time.Date(2026, 11, 25, 13, 4, 0, 0, time.UTC)

// conn is a connection whose token expires left after t0 (0: the
// server did not say), renewable when refresh is true.
func conn(left time.Duration, refresh bool) *account.Connected {
	c := &account.Connected{Connection: auth.Connection{Issuer: "https://www.make.com", Subject: "1001", AccessToken: "at"}}
	if left != 0 {
		c.ExpiresAt = t0.Add(left)
	}
	if refresh {
		c.RefreshToken = "rt"
	}
	return c
}

func TestRefreshStep(t *testing.T) {
	const m = accounts.RefreshMargin
	refused := &RefreshStatus{Err: &auth.TokenError{Refresh: true, Code: "invalid_grant"}}
	cases := []struct {
		name      string
		c         *account.Connected
		r         *RefreshStatus
		restUntil time.Time
		start     bool
		next      time.Time // zero: no need to look again
	}{
		{"no refresh token", conn(time.Minute, false), nil, time.Time{}, false, time.Time{}},
		{"expiry unknown", conn(0, true), nil, time.Time{}, false, time.Time{}},
		{"not yet due", conn(time.Hour, true), nil, time.Time{}, false, t0.Add(time.Hour - m)},
		{"due at the margin", conn(m, true), nil, time.Time{}, true, time.Time{}},
		{"past due and expired", conn(-time.Hour, true), nil, time.Time{}, true, time.Time{}},
		{"running", conn(m, true), &RefreshStatus{Running: true}, time.Time{}, false, time.Time{}},
		{"failed: retry later", conn(m, true), &RefreshStatus{RetryAt: t0.Add(RefreshRetry), Err: errors.New("x")}, time.Time{}, false, t0.Add(RefreshRetry)},
		{"failed: retry now", conn(m, true), &RefreshStatus{RetryAt: t0, Err: errors.New("x")}, time.Time{}, true, time.Time{}},
		{"refused for good", conn(m, true), refused, time.Time{}, false, time.Time{}},
		{"resting after the rate limit", conn(m, true), nil, t0.Add(30 * time.Second), false, t0.Add(30 * time.Second)},
		{"the rest is over", conn(m, true), nil, t0, true, time.Time{}},
	}
	for _, tc := range cases {
		start, next := refreshStep(tc.c, tc.r, tc.restUntil, t0)
		if start != tc.start || !next.Equal(tc.next) {
			t.Errorf("%s: start %v, next %v; want %v, %v", tc.name, start, next, tc.start, tc.next)
		}
	}
}

func TestCheckStep(t *testing.T) {
	cases := []struct {
		name      string
		c         *account.Connected
		ck        *CheckStatus
		restUntil time.Time
		ask, rest bool
	}{
		{"never asked", conn(time.Hour, false), nil, time.Time{}, true, false},
		{"asked before: asked again", conn(time.Hour, false), &CheckStatus{Verdict: account.Accepted}, time.Time{}, true, false},
		{"expired: Make is not asked", conn(-time.Second, false), nil, time.Time{}, false, false},
		{"being asked", conn(time.Hour, false), &CheckStatus{Running: true}, time.Time{}, false, false},
		{"resting", conn(time.Hour, false), nil, t0.Add(time.Second), false, true},
		{"rest over", conn(time.Hour, false), nil, t0, true, false},
		{"unknown expiry is asked", conn(0, false), nil, time.Time{}, true, false},
	}
	for _, tc := range cases {
		ask, rest := checkStep(tc.c, tc.ck, tc.restUntil, t0)
		if ask != tc.ask || rest != tc.rest {
			t.Errorf("%s: ask %v, rest %v; want %v, %v", tc.name, ask, rest, tc.ask, tc.rest)
		}
	}
}

func TestRestAfter(t *testing.T) {
	cases := []struct {
		err  error
		want time.Time
	}{
		{nil, time.Time{}},
		{errors.New("dial tcp: refused"), time.Time{}},
		{&makeapi.Error{Status: 429}, t0.Add(RateLimitPause)},
	}
	for _, tc := range cases {
		if got := restAfter(tc.err, t0); !got.Equal(tc.want) {
			t.Errorf("restAfter(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}

func TestWakeAt(t *testing.T) {
	cases := []struct {
		name        string
		c           *account.Connected
		refreshNext time.Time
		want        time.Time
	}{
		// "1h 00m" turns "59m" at once.
		{"a countdown", conn(time.Hour, false), time.Time{}, t0.Add(time.Millisecond)},
		{"the refresh first", conn(time.Hour+30*time.Second, true), t0.Add(10 * time.Second), t0.Add(10 * time.Second)},
		{"expired: nothing", conn(-time.Minute, false), time.Time{}, time.Time{}},
		{"unknown: only the refresh", conn(0, true), t0.Add(time.Minute), t0.Add(time.Minute)},
	}
	for _, tc := range cases {
		if got := wakeAt(tc.c, tc.refreshNext, t0); !got.Equal(tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got.Sub(t0), tc.want.Sub(t0))
		}
	}
}
