package account

import (
	"testing"
	"time"

	"github.com/make-connect/make-connect/auth"
)

// t0 is the tests' fixed "now".
var t0 = time.Date(2026, 11, 25, 13, 4, 0, 0, time.UTC)

// expiring is an account whose token expires left after t0 (zero: the
// server did not say), with a refresh token or none.
func expiring(left time.Duration, refreshToken string) Account {
	c := &Connected{Connection: auth.Connection{Issuer: "https://www.make.com", Subject: "1001", RefreshToken: refreshToken}}
	if left != 0 {
		c.ExpiresAt = t0.Add(left)
	}
	return Account{Conn: c}
}

func refused(a Account) Account { a.RefreshRefused = true; return a }

// TestRules is every question a face asks of an account, on one clock:
// the window's row, the doctor's line, status and Copy read these.
func TestRules(t *testing.T) {
	cases := []struct {
		name      string
		a         Account
		state     State
		renews    bool
		reconnect bool
		mayCopy   bool
	}{
		{"valid", expiring(time.Hour, ""), Valid, false, false, true},
		{"valid, renews itself", expiring(time.Hour, "rt"), Valid, true, false, true},
		{"valid at exactly five minutes", expiring(ExpiringSoon, ""), Valid, false, false, true},
		{"expiring soon", expiring(ExpiringSoon-time.Second, ""), ExpiringSoonState, false, true, true},
		{"expiring soon, renews itself", expiring(time.Minute, "rt"), ExpiringSoonState, true, false, true},
		{"expired", expiring(-time.Nanosecond, ""), Expired, false, true, false},
		{"expired, renews when next used", expiring(-time.Hour, "rt"), Expired, true, false, false},
		{"expired at the very moment", expiring(0, "").withExpiry(t0), Expired, false, true, false},
		{"expiry unknown", expiring(0, ""), UnknownExpiry, false, false, true},
		{"accepted by Make", expiring(time.Hour, "rt").withVerdict(Accepted), Valid, true, false, true},
		{"Make could not be reached", expiring(time.Hour, "rt").withVerdict(Unreachable), Valid, true, false, true},
		{"rejected by Make", expiring(time.Hour, "rt").withVerdict(Rejected), RejectedState, true, true, false},
		{"rejected, expiry unknown", expiring(0, "").withVerdict(Rejected), RejectedState, false, true, false},
		{"rejected, then expired", expiring(-time.Minute, "").withVerdict(Rejected), Expired, false, true, false},
		{"rejected, then expired, with a refresh token", expiring(-time.Minute, "rt").withVerdict(Rejected), Expired, true, true, false},
		{"refresh refused, an hour left", refused(expiring(time.Hour, "rt")), Valid, false, true, true},
		{"refresh refused, expiring soon", refused(expiring(time.Minute, "rt")), ExpiringSoonState, false, true, true},
		{"refresh refused, expired", refused(expiring(-time.Minute, "rt")), Expired, false, true, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.a.State(t0); got != tc.state {
				t.Errorf("State = %v, want %v", got, tc.state)
			}
			if got := tc.a.Renews(); got != tc.renews {
				t.Errorf("Renews = %v, want %v", got, tc.renews)
			}
			if got := tc.a.NeedsReconnect(t0); got != tc.reconnect {
				t.Errorf("NeedsReconnect = %v, want %v", got, tc.reconnect)
			}
			if got := tc.a.MayCopy(t0, false); got != tc.mayCopy {
				t.Errorf("MayCopy = %v, want %v", got, tc.mayCopy)
			}
			if tc.a.MayCopy(t0, true) {
				t.Error("MayCopy with DisableTokenCopy set")
			}
		})
	}
}

func (a Account) withExpiry(at time.Time) Account {
	c := *a.Conn
	c.ExpiresAt = at
	a.Conn = &c
	return a
}

func (a Account) withVerdict(v Verdict) Account { a.Verdict = v; return a }
