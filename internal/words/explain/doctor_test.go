package explain

import (
	"errors"
	"testing"
	"time"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/doctor"
)

// TestDoctorWords: the doctor's data become its lines — an account's by
// the same rules the window shows it with, an error by Plain.
func TestDoctorWords(t *testing.T) {
	ada := func(left time.Duration, rt string) *account.Connected {
		return &account.Connected{Connection: auth.Connection{Issuer: "https://www.make.com", Subject: "1", ExpiresAt: t0.Add(left), RefreshToken: rt}, Profile: account.Profile{Name: "Ada", Email: "ada@example.com"}}
	}
	acct := func(c *account.Connected, v account.Verdict) *doctor.AccountCheck {
		return &doctor.AccountCheck{Account: account.Account{Conn: c, Verdict: v}, At: t0}
	}
	id := ada(0, "").ID()
	cases := []struct {
		name  string
		check doctor.Check
		want  string
	}{
		{"accepted", doctor.Check{Account: acct(ada(time.Hour, "rt"), account.Accepted)},
			"Ada <ada@example.com>: expires 2026-11-25 15:04 CET (in 1h 00m); accepted by Make"},
		{"rejected", doctor.Check{Account: acct(ada(time.Hour, "rt"), account.Rejected)},
			"Ada <ada@example.com>: expires 2026-11-25 15:04 CET (in 1h 00m); rejected by Make (revoked or expired early); connect it again: make-connect connect --account " + id},
		{"expired, renews", doctor.Check{Account: acct(ada(-time.Hour, "rt"), account.NotAsked)},
			"Ada <ada@example.com>: expired 2026-11-25 13:04 CET; it renews when next used"},
		{"expiring, cannot renew", doctor.Check{Account: acct(ada(time.Minute, ""), account.Accepted)},
			"Ada <ada@example.com>: expires 2026-11-25 14:05 CET (in 1m); connect it again: make-connect connect --account " + id},
		{"not asked", doctor.Check{Account: acct(ada(time.Hour, ""), account.NotAsked)},
			"Ada <ada@example.com>: expires 2026-11-25 15:04 CET (in 1h 00m)"},
		{"an error alone", doctor.Check{Err: auth.ErrNoClientID}, Plain(auth.ErrNoClientID, CommandLine)},
		{"a fact and an error", doctor.Check{Message: "x could not be reached", Err: errors.New("boom")},
			"x could not be reached: " + Plain(errors.New("boom"), CommandLine)},
		{"a fact alone", doctor.Check{Message: "it can be opened"}, "it can be opened"},
	}
	for _, tc := range cases {
		got := Doctor(doctor.Report{Checks: []doctor.Check{tc.check}}).Checks[0].Message
		if got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}
