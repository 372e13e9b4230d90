package app

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/core/accounts"
)

// env is an Env over a private settings folder and the environment vars.
func env(t *testing.T, vars map[string]string) (Env, string) {
	dir := t.TempDir()
	all := map[string]string{config.EnvConfigDir: dir, config.EnvKeyringService: "com.makeconnect.app-test",
		config.EnvIssuer: "http://127.0.0.1:9"} // nothing listens: the doctor's check fails at once
	for k, v := range vars {
		all[k] = v
	}
	return Env{Getenv: func(k string) string { return all[k] }}, dir
}

// TestLoadSaysWhatIsWrong: a configuration that cannot be read is an
// error, never a half-made configuration to go on with, whatever the file
// or the policy holds.
func TestLoadSaysWhatIsWrong(t *testing.T) {
	cases := []struct {
		name   string
		file   func(dir string) error
		policy func() (config.Policy, error)
		vars   map[string]string
		want   func(error) bool
	}{
		{name: "a damaged settings file",
			file: func(dir string) error { return os.WriteFile(config.SettingsPath(dir), []byte(`{"zone": `), 0o600) },
			want: func(err error) bool { return err != nil }},
		{name: "a settings file that cannot be read",
			file: func(dir string) error { return os.Mkdir(config.SettingsPath(dir), 0o700) },
			want: func(err error) bool { return err != nil }},
		{name: "a policy that cannot be read",
			policy: func() (config.Policy, error) {
				return config.ParsePolicyJSON("policy.json", []byte(`{"Zone": `))
			},
			want: func(err error) bool { return errors.As(err, new(*config.PolicyError)) }},
		{name: "a value that cannot work",
			vars: map[string]string{config.EnvZone: "not a zone"},
			want: func(err error) bool { return errors.As(err, new(*config.SettingError)) }},
		{name: "nothing wrong",
			want: func(err error) bool { return err == nil }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, dir := env(t, tc.vars)
			e.ReadPolicy = tc.policy
			if tc.file != nil {
				if err := tc.file(dir); err != nil {
					t.Fatal(err)
				}
			}
			l, err := Load(e, nil)
			if !tc.want(err) {
				t.Fatalf("Load: %v", err)
			}
			if err == nil && l.Config.KeyringService == "" {
				t.Errorf("a loaded configuration names no keychain service")
			}
			// Even so, building over what came back does not panic.
			a := Build(e, l, nil)
			if a.Accounts == nil || a.HTTPClient == nil {
				t.Errorf("Build left the account service or the HTTP client unmade")
			}
		})
	}
}

// TestBuildDecidesTheFallbacks: a CA file that cannot be used blocks
// requests but leaves a client for the doctor; a keychain that does not
// open leaves a store that says so on every call.
func TestBuildDecidesTheFallbacks(t *testing.T) {
	e, _ := env(t, map[string]string{config.EnvCAFile: filepath.Join(t.TempDir(), "missing.pem")})
	opened := errors.New("the keychain is locked")
	e.OpenStore = func(config.Config) (accounts.Store, error) { return nil, opened }
	l, err := Load(e, nil)
	if err != nil {
		t.Fatal(err)
	}
	a := Build(e, l, nil)
	if a.Blocked == nil || a.HTTPClient == nil {
		t.Errorf("a missing CA file: Blocked %v, client %v; want a reason and a client without it", a.Blocked, a.HTTPClient)
	}
	if !errors.Is(a.StoreErr, opened) {
		t.Errorf("StoreErr = %v, want the keychain's error", a.StoreErr)
	}
	if _, _, err := a.Accounts.List(); !errors.Is(err, opened) {
		t.Errorf("listing the accounts: %v, want the keychain's error", err)
	}
	if r := a.Doctor(t.Context(), nil); len(r.Checks) == 0 {
		t.Errorf("the doctor ran no check")
	}
}

// TestAPolicyKeyDegrades: a policy value that cannot be used is no error
// of Load: everything else in the policy applies, and what the value
// governs is stopped — the connect, the requests, the keychain — with
// the rest of the app built. An unknown key stops nothing.
func TestAPolicyKeyDegrades(t *testing.T) {
	cases := []struct {
		name, policy                string
		noConnect, blocked, noStore bool
	}{
		{name: "an unknown key", policy: `{"Zoen": "x"}`},
		{name: "a key of another case", policy: `{"zone": "eu2"}`},
		{name: "a bad ManagedByOrganization", policy: `{"ManagedByOrganization": ["x"]}`},
		{name: "a bad AllowedZones", policy: `{"AllowedZones": ["http://evil.example"]}`, noConnect: true},
		{name: "a bad MaxAccounts", policy: `{"MaxAccounts": "many"}`, noConnect: true},
		{name: "a bad Zone", policy: `{"Zone": "not a zone"}`, noConnect: true},
		{name: "a bad CAFile", policy: `{"CAFile": 1}`, blocked: true},
		{name: "a bad Keychain", policy: `{"Keychain": "file"}`, noStore: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, _ := env(t, nil)
			e.ReadPolicy = func() (config.Policy, error) {
				p, err := config.ParsePolicyJSON("policy.json", []byte(`{"ManagedByOrganization": "Example Ltd", "Scopes": "openid", `+tc.policy[1:]))
				return p, err
			}
			opened := false
			e.OpenStore = func(config.Config) (accounts.Store, error) {
				opened = true
				return nil, errors.New("no keychain in this test")
			}
			l, err := Load(e, nil)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if l.Config.Auth.Scopes[0] != "openid" || len(l.Config.Auth.Scopes) != 1 || l.Config.Policy.ManagedBy == "" && tc.name != "a bad ManagedByOrganization" {
				t.Errorf("the rest of the policy does not apply: %+v", l.Config)
			}
			if len(l.Config.Policy.Problems) != 1 {
				t.Errorf("problems %v, want the one", l.Config.Policy.Problems)
			}
			a := Build(e, l, nil)
			stopped := ConnectStopped(l.Config)
			if (stopped != nil) != tc.noConnect || (a.Blocked != nil) != tc.blocked || opened == tc.noStore {
				t.Errorf("connect stopped %v, requests blocked %v, keychain opened %v", stopped, a.Blocked, opened)
			}
			if !tc.noConnect {
				return
			}
			if _, err := a.Accounts.Begin(t.Context(), nil); !errors.As(err, new(*config.PolicyError)) {
				t.Errorf("a connect began: %v", err)
			}
		})
	}
}
