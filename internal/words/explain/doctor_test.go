package explain

import (
	"errors"
	"testing"
	"time"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
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
	sandboxAda := &account.Connected{Connection: auth.Connection{Issuer: "http://127.0.0.1:8787", Subject: "1"}, Profile: account.Profile{Name: "Ada", Email: "ada@example.com"}}
	among := func(a *doctor.AccountCheck, conns ...*account.Connected) *doctor.AccountCheck {
		a.Among = conns
		return a
	}
	defaultIs := func(c *account.Connected, choice account.Choice, err error) doctor.Check {
		among := []*account.Connected{}
		if c != nil {
			among = append(among, c)
		}
		return doctor.Check{Err: err, Default: &doctor.DefaultCheck{Conn: c, Choice: choice, Among: among}}
	}
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
		{"an account beside a namesake at another server", doctor.Check{Account: among(acct(ada(time.Hour, ""), account.NotAsked), ada(time.Hour, ""), sandboxAda)},
			"Ada <ada@example.com> at www.make.com: expires 2026-11-25 15:04 CET (in 1h 00m)"},

		{"the default, saved", defaultIs(ada(0, ""), account.Choice{Ref: id, Source: config.FromSaved}, nil),
			"Ada <ada@example.com> (" + id + "): the saved default (set by make-connect use or the window's Make default, or kept when a second account was connected)"},
		{"the default, from the environment", defaultIs(ada(0, ""), account.Choice{Ref: "ada@example.com", Source: config.FromEnvironment}, nil),
			"Ada <ada@example.com> (" + id + "): set by MAKE_CONNECT_ACCOUNT in the environment"},
		{"the default, the only account", defaultIs(ada(0, ""), account.Choice{}, nil),
			"Ada <ada@example.com> (" + id + "): the only account connected (connecting another keeps it the default)"},
		{"the default beside a namesake", func() doctor.Check {
			ck := defaultIs(ada(0, ""), account.Choice{Ref: id, Source: config.FromSaved}, nil)
			ck.Default.Among = append(ck.Default.Among, sandboxAda)
			return ck
		}(), "Ada <ada@example.com> at www.make.com (" + id + "): the saved default (set by make-connect use or the window's Make default, or kept when a second account was connected)"},
		{"no default, no account", defaultIs(nil, account.Choice{}, account.ErrNoAccount), "none, as no account is connected"},
		{"no default among several", defaultIs(nil, account.Choice{}, &account.WhichAccountError{IDs: []string{"a", "b"}}),
			"none: " + Plain(&account.WhichAccountError{IDs: []string{"a", "b"}}, CommandLine)},
	}
	for _, tc := range cases {
		got := Doctor(doctor.Report{Checks: []doctor.Check{tc.check}}).Checks[0].Message
		if got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}
