package accounts

import (
	"errors"
	"testing"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/core/account"
)

func TestCurlCommand(t *testing.T) {
	cases := []struct {
		name, token, apiBase, want string
		err                        error
	}{
		{"a token", "eyJ.the-access_token~+/==", "https://eu1.make.com/api/v2/",
			" curl -H @- https://eu1.make.com/api/v2/users/me <<'END'\nAuthorization: Bearer eyJ.the-access_token~+/==\nEND\n", nil},
		{"an API base to quote", "t0k", "https://make.example/a b'$(x)",
			" curl -H @- 'https://make.example/a b'\\''$(x)/users/me' <<'END'\nAuthorization: Bearer t0k\nEND\n", nil},
		{"a line break would end the here-document", "t0k\nEND\nrm -rf ~", "https://eu1.make.com/api/v2", "", ErrTokenNotForShell},
		{"a space", "t0k en", "https://eu1.make.com/api/v2", "", ErrTokenNotForShell},
		{"empty", "", "https://eu1.make.com/api/v2", "", ErrTokenNotForShell},
	}
	for _, tc := range cases {
		got, err := CurlCommand(&account.Connected{Connection: auth.Connection{AccessToken: tc.token}, Profile: account.Profile{APIBase: tc.apiBase}})
		if got != tc.want || !errors.Is(err, tc.err) {
			t.Errorf("%s: CurlCommand = %q, %v; want %q, %v", tc.name, got, err, tc.want, tc.err)
		}
	}
}

func TestShellWord(t *testing.T) {
	cases := []struct{ in, want string }{
		{"https://eu1.make.com/api/v2/users/me", "https://eu1.make.com/api/v2/users/me"},
		{"https://make.example/a b", "'https://make.example/a b'"},
		{"it's", `'it'\''s'`},
		{"$(rm -rf ~)", "'$(rm -rf ~)'"},
	}
	for _, tc := range cases {
		if got := shellWord(tc.in); got != tc.want {
			t.Errorf("shellWord(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
