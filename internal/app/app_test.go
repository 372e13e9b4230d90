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
