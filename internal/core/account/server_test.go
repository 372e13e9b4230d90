package account

import (
	"testing"

	"github.com/make-connect/make-connect/auth"
)

// TestServerTellsApart: the server is named when it is what tells two
// accounts apart — the same name or email at two sign-in servers — and
// only then.
func TestServerTellsApart(t *testing.T) {
	at := func(issuer, subject, name, email string) *Connected {
		return &Connected{Connection: auth.Connection{Issuer: issuer, Subject: subject}, Profile: Profile{Name: name, Email: email}}
	}
	const makecom, sandbox = "https://www.make.com", "http://127.0.0.1:8787"
	grace := at(makecom, "1", "Grace", "grace@example.com")
	cases := []struct {
		name  string
		other *Connected
		want  bool
	}{
		{"alone", nil, false},
		{"someone else at another server", at(sandbox, "2", "Ada", "ada@example.com"), false},
		{"the same name and email at another server", at(sandbox, "1", "Grace", "grace@example.com"), true},
		{"the same name at another server", at(sandbox, "2", "Grace", "grace@elsewhere.example"), true},
		{"the same email, in other case, at another server", at(sandbox, "2", "G. Hopper", "GRACE@example.com"), true},
		{"the same name at the same server", at(makecom, "2", "Grace", "other@example.com"), false},
		{"no identity at either, another server", at(sandbox, "1", "", ""), false},
	}
	for _, tc := range cases {
		conns := []*Connected{grace}
		if tc.other != nil {
			conns = append(conns, tc.other)
		}
		if got := ServerTellsApart(grace, conns); got != tc.want {
			t.Errorf("%s: ServerTellsApart = %v, want %v", tc.name, got, tc.want)
		}
	}
}
