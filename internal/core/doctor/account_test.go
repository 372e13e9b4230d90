package doctor

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/core/account"
)

// TestAccountCheck grades a stored account by account's rules, with
// Make's answer: rejected fails, what needs a reconnect or has expired
// warns, a Make that could not tell warns with why.
func TestAccountCheck(t *testing.T) {
	t0 := time.Date(2026, 11, 25, 13, 4, 0, 0, time.UTC)
	unreachable := errors.New("no route")
	conn := func(left time.Duration, rt string) *account.Connected {
		return &account.Connected{Connection: auth.Connection{Issuer: "https://www.make.com", Subject: "1", ExpiresAt: t0.Add(left), RefreshToken: rt}}
	}
	cases := []struct {
		name    string
		c       *account.Connected
		verdict account.Verdict
		err     error
		ask     bool // Make is asked at all
		want    Status
		asked   bool
	}{
		{"accepted", conn(time.Hour, "rt"), account.Accepted, nil, true, OK, true},
		{"rejected", conn(time.Hour, "rt"), account.Rejected, nil, true, Failure, true},
		{"Make could not tell", conn(time.Hour, "rt"), account.Unreachable, unreachable, true, Warning, true},
		{"expiring soon, cannot renew", conn(time.Minute, ""), account.Accepted, nil, true, Warning, true},
		{"expired: Make is not asked", conn(-time.Minute, "rt"), account.Rejected, nil, true, Warning, false},
		{"no one to ask", conn(time.Hour, ""), account.Rejected, nil, false, OK, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			asked := false
			in := Inputs{Now: func() time.Time { return t0 }}
			if tc.ask {
				in.Check = func(context.Context, *account.Connected) (account.Verdict, error) {
					asked = true
					return tc.verdict, tc.err
				}
			}
			got := accountCheck(context.Background(), in, tc.c)
			if got.Status != tc.want || asked != tc.asked {
				t.Errorf("status %v, asked %v; want %v, %v", got.Status, asked, tc.want, tc.asked)
			}
			if got.Account == nil || got.Account.Conn != tc.c || !got.Account.At.Equal(t0) {
				t.Errorf("the check does not carry the account: %+v", got.Account)
			}
			if tc.err != nil && !errors.Is(got.Err, tc.err) {
				t.Errorf("Err = %v, want %v", got.Err, tc.err)
			}
		})
	}
}

// TestDefaultAccount: the default account's check carries who tools use
// when they name none and the setting that chose them, by the rule every
// face follows; no default where one is needed warns.
func TestDefaultAccount(t *testing.T) {
	person := func(subject string) *account.Connected {
		return &account.Connected{Connection: auth.Connection{Issuer: "https://www.make.com", Subject: subject}}
	}
	ada, grace := person("1"), person("2")
	load := func(env map[string]string, saved config.Settings) config.Config {
		c, err := config.Load(nil, func(k string) string { return env[k] }, saved, config.Policy{})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	cases := []struct {
		name   string
		cfg    config.Config
		conns  []*account.Connected
		want   *account.Connected
		source config.Source
		status Status
		err    error
	}{
		{"none connected", load(nil, nil), nil, nil, config.FromDefault, OK, account.ErrNoAccount},
		{"the only one", load(nil, nil), []*account.Connected{ada}, ada, config.FromDefault, OK, nil},
		{"saved", load(nil, config.Settings{config.EnvAccount: grace.ID()}), []*account.Connected{ada, grace}, grace, config.FromSaved, OK, nil},
		{"from the environment", load(map[string]string{config.EnvAccount: ada.ID()}, nil), []*account.Connected{ada, grace}, ada, config.FromEnvironment, OK, nil},
		{"several, none chosen", load(nil, nil), []*account.Connected{ada, grace}, nil, config.FromDefault, Warning, account.ErrWhichAccount},
		{"saved, gone", load(nil, config.Settings{config.EnvAccount: grace.ID()}), []*account.Connected{ada}, nil, config.FromSaved, Warning, account.ErrAccountGone},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := defaultAccount(Inputs{Config: tc.cfg}, tc.conns)
			if got.Status != tc.status || !errors.Is(got.Err, tc.err) || (tc.err == nil) != (got.Err == nil) {
				t.Errorf("status %v, Err %v; want %v, %v", got.Status, got.Err, tc.status, tc.err)
			}
			if d := got.Default; d == nil || d.Conn != tc.want || d.Choice.Source != tc.source || len(d.Among) != len(tc.conns) {
				t.Errorf("Default = %+v; want %v from %v", d, tc.want, tc.source)
			}
		})
	}
}
