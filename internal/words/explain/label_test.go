package explain

import (
	"testing"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/core/account"
)

// TestLabelAmong: an account is named with its sign-in server only when
// that is what tells it apart from another.
func TestLabelAmong(t *testing.T) {
	at := func(issuer, subject string) *account.Connected {
		return &account.Connected{Connection: auth.Connection{Issuer: issuer, Subject: subject}, Profile: account.Profile{Name: "Grace", Email: "grace@example.com"}}
	}
	make1, sandbox := at("https://www.make.com", "1"), at("http://127.0.0.1:8787", "1")
	cases := []struct {
		name  string
		c     *account.Connected
		conns []*account.Connected
		want  string
	}{
		{"alone", make1, []*account.Connected{make1}, "Grace <grace@example.com>"},
		{"beside her namesake, at Make", make1, []*account.Connected{make1, sandbox}, "Grace <grace@example.com> at www.make.com"},
		{"beside her namesake, at the sandbox", sandbox, []*account.Connected{make1, sandbox}, "Grace <grace@example.com> at 127.0.0.1:8787"},
	}
	for _, tc := range cases {
		if got := LabelAmong(tc.c, tc.conns); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
