package cli

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/core/accounts"
)

// TestABrokenConfigurationIsSaid: whatever the settings file or the
// organization's policy holds, every command ends with a sentence that
// names what is wrong and where — never a panic, never the network — and
// an exit code a script can tell: a value that cannot work is a usage
// error (2), a file or a policy that cannot be read a failure (1).
func TestABrokenConfigurationIsSaid(t *testing.T) {
	policy := func(doc string) func() (config.Policy, error) {
		return func() (config.Policy, error) { return config.ParsePolicyJSON(policyFile, []byte(doc)) }
	}
	cases := []struct {
		name   string
		file   func(dir string) error
		policy func() (config.Policy, error)
		env    map[string]string
		says   string
		code   int
	}{
		{name: "a damaged settings file",
			file: func(dir string) error { return os.WriteFile(config.SettingsPath(dir), []byte(`{"zone": `), 0o600) },
			says: "settings.json", code: ExitFailure},
		{name: "a settings file that cannot be read",
			file: func(dir string) error { return os.Mkdir(config.SettingsPath(dir), 0o700) },
			says: "settings.json", code: ExitFailure},
		{name: "a policy with an unknown key", policy: policy(`{"Zoen": "eu2.make.com"}`), says: "Zoen", code: ExitFailure},
		{name: "a policy value of the wrong type", policy: policy(`{"MaxAccounts": "many"}`), says: "MaxAccounts", code: ExitFailure},
		{name: "a policy value that cannot work", policy: policy(`{"Zone": "not a zone"}`), says: "Zone", code: ExitFailure},
		{name: "a saved value that cannot work",
			file: func(dir string) error { return config.Settings{config.EnvZone: "not a zone"}.Write(dir) },
			says: "Saved in Settings", code: ExitUsage},
		{name: "an environment value that cannot work", env: map[string]string{config.EnvZone: "not a zone"},
			says: config.EnvZone, code: ExitUsage},
	}
	for _, tc := range cases {
		for _, command := range []string{"status", "token", "doctor"} {
			t.Run(tc.name+"/"+command, func(t *testing.T) {
				dir := t.TempDir()
				if tc.file != nil {
					if err := tc.file(dir); err != nil {
						t.Fatal(err)
					}
				}
				env := map[string]string{config.EnvClientID: "test-client", config.EnvConfigDir: dir,
					config.EnvKeyringService: "com.makeconnect.cli-test.broken"}
				for k, v := range tc.env {
					env[k] = v
				}
				readPolicy := tc.policy
				if readPolicy == nil {
					readPolicy = func() (config.Policy, error) { return config.Policy{}, nil }
				}
				var out, errOut bytes.Buffer
				code := Run(context.Background(), Env{
					Stdout: &out, Stderr: &errOut, Getenv: func(k string) string { return env[k] }, GOOS: "linux",
					OpenBrowser: func(string) error { t.Error("opened a browser"); return nil },
					NewStore: func(config.Config) (accounts.Store, error) {
						t.Error("opened the keychain under a configuration that did not load")
						return nil, os.ErrInvalid
					},
					ReadPolicy: readPolicy,
				}, []string{command})
				if code != tc.code {
					t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, errOut.String())
				}
				if !strings.Contains(errOut.String(), tc.says) {
					t.Errorf("stderr does not name %q:\n%s", tc.says, errOut.String())
				}
				if strings.Contains(errOut.String(), "could not be reached") {
					t.Errorf("the network is blamed:\n%s", errOut.String())
				}
			})
		}
	}
}
