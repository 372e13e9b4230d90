package account_test

import (
	"testing"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/core/account"
)

func named(issuer, subject, name, email string) *account.Connected {
	return &account.Connected{Connection: auth.Connection{Issuer: issuer, Subject: subject},
		Profile: account.Profile{Name: name, Email: email}}
}

func TestServerTellsApartNamesakes(t *testing.T) {
	grace := named("https://auth.one.example", "1", "Grace Hopper", "grace@example.com")
	cases := []struct {
		name   string
		others []*account.Connected
		want   bool
	}{
		{"alone", nil, false},
		{"itself only", []*account.Connected{grace}, false},
		{"the same person at another server", []*account.Connected{named("https://auth.two.example", "1", "Grace Hopper", "grace@example.com")}, true},
		{"the same name, another email, at another server", []*account.Connected{named("https://auth.two.example", "2", "Grace Hopper", "g.hopper@example.org")}, true},
		{"the same email in other case, at another server", []*account.Connected{named("https://auth.two.example", "3", "G. Hopper", "Grace@Example.com")}, true},
		{"the same name at the same server: the server tells nothing", []*account.Connected{named("https://auth.one.example", "2", "Grace Hopper", "g.hopper@example.org")}, false},
		{"someone else", []*account.Connected{named("https://auth.one.example", "4", "Ada Lovelace", "ada@example.com")}, false},
		{"an empty name is no namesake", []*account.Connected{named("https://auth.two.example", "5", "", "other@example.com")}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := account.ServerTellsApart(grace, append(tc.others, grace)); got != tc.want {
				t.Errorf("ServerTellsApart = %v, want %v", got, tc.want)
			}
		})
	}
	// Accounts Make told neither name nor email are named by their subject.
	a, b := named("https://auth.one.example", "7", "", ""), named("https://auth.two.example", "7", "", "")
	if !account.ServerTellsApart(a, []*account.Connected{a, b}) {
		t.Error("two accounts with the same subject at two servers are not namesakes")
	}
	if got := account.Server(grace); got != "auth.one.example" {
		t.Errorf("Server = %q", got)
	}
}
