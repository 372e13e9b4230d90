package explain

import (
	"strings"
	"testing"
	"time"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/accounts"
	"github.com/make-connect/make-connect/internal/core/session"
)

// TestNotificationsNameTheServerOfANamesake: a notice about one of two
// accounts of the same person at two sign-in servers says which server;
// with no namesake among the accounts it does not.
func TestNotificationsNameTheServerOfANamesake(t *testing.T) {
	grace := func(issuer string) *account.Connected {
		return &account.Connected{
			Connection: auth.Connection{Issuer: issuer, Subject: "7", ExpiresAt: time.Date(2026, 12, 8, 10, 0, 0, 0, time.UTC)},
			Profile:    account.Profile{Name: "Grace Hopper", Email: "grace@example.com"},
		}
	}
	make1, eu2 := grace("https://www.make.com"), grace("https://eu2.make.example")
	cases := []struct {
		name   string
		among  []*account.Connected
		server bool
	}{
		{"alone", []*account.Connected{make1}, false},
		{"beside a namesake", []*account.Connected{make1, eu2}, true},
	}
	for _, tc := range cases {
		for _, kind := range []accounts.Notice{accounts.NoticeExpired, accounts.NoticeExpiresSoon} {
			_, text := Notification(session.Notice{Kind: kind, Conn: make1, Among: tc.among})
			if got := strings.Contains(text, "www.make.com"); got != tc.server {
				t.Errorf("%s, %v: %q names the server: %v, want %v", tc.name, kind, text, got, tc.server)
			}
		}
	}
}
