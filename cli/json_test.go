package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/accounts"
	"github.com/make-connect/make-connect/internal/testkit/keychaintest"
)

// TestJSONOnFailure: a command asked for --json that fails prints
// {"error": …} on stdout, the same plain words stderr starts with, so a
// script always reads valid JSON; status's keeps its empty list. Whether
// a setting cannot work (before the keychain opens), the keychain cannot
// be read, or there is no account.
func TestJSONOnFailure(t *testing.T) {
	const service = "com.makeconnect.test.json-failure"
	damaged, m := keychaintest.Memory(service)
	c := &account.Connected{Connection: auth.Connection{Issuer: "https://www.make.com", Subject: "ada", AccessToken: "SECRET"}}
	if err := damaged.Save(c); err != nil {
		t.Fatal(err)
	}
	if err := m.Set(service, "index", "{"); err != nil {
		t.Fatal(err)
	}
	empty, _ := keychaintest.Memory(service)
	for _, tc := range []struct {
		name  string
		args  []string
		store accounts.Store
		code  int
		keys  []string
		says  string
	}{
		{"token, no account", []string{"token", "--json"}, empty, ExitFailure, []string{"error"}, "No Make account is connected"},
		{"token, a damaged keychain", []string{"token", "--json"}, damaged, ExitFailure, []string{"error"}, "keychain"},
		{"token, a setting that cannot work", []string{"token", "--json", "--keychain", "bogus"}, empty, ExitUsage, []string{"error"}, "is not a keychain"},
		{"token, which account", []string{"token", "--json", "--account", "grace@example.com"}, empty, ExitFailure, []string{"error"}, ""},
		{"status, a damaged keychain", []string{"status", "--json"}, damaged, ExitFailure, []string{"accounts", "error"}, "keychain"},
		{"status, a setting that cannot work", []string{"status", "--json", "--keychain", "bogus"}, empty, ExitUsage, []string{"accounts", "error"}, "is not a keychain"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := Run(context.Background(), Env{
				Stdout: &out, Stderr: &errOut, GOOS: "linux",
				Getenv: func(k string) string {
					return map[string]string{config.EnvKeyringService: service, config.EnvConfigDir: t.TempDir()}[k]
				},
				NewStore:   func(config.Config) (accounts.Store, error) { return tc.store, nil },
				ReadPolicy: func() (config.Policy, error) { return config.Policy{}, nil },
			}, tc.args)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tc.code, errOut.String())
			}
			var v map[string]any
			if err := json.Unmarshal(out.Bytes(), &v); err != nil {
				t.Fatalf("stdout is not JSON (%v): %q", err, out.String())
			}
			var keys []string
			for k := range v {
				keys = append(keys, k)
			}
			if !equalSets(keys, tc.keys) {
				t.Errorf("keys %v, want %v: %s", keys, tc.keys, out.String())
			}
			msg, _ := v["error"].(string)
			first, _, _ := strings.Cut(errOut.String(), "\n")
			if msg == "" || first != "make-connect: "+msg || !strings.Contains(msg, tc.says) {
				t.Errorf("error %q; stderr starts %q", msg, first)
			}
			if a, ok := v["accounts"]; ok {
				if list, ok := a.([]any); !ok || len(list) != 0 {
					t.Errorf("accounts = %v, want []", a)
				}
			}
			if strings.Contains(out.String()+errOut.String(), "SECRET") {
				t.Errorf("a token is printed:\n%s%s", out.String(), errOut.String())
			}
		})
	}
}

func equalSets(a, b []string) bool {
	return strings.Join(sorted(a), " ") == strings.Join(sorted(b), " ")
}
