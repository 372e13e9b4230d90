package cli

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/core/accounts"
	"github.com/make-connect/make-connect/internal/testkit/keychaintest"
)

// TestABrokenConfigurationIsSaid: whatever the settings file or the
// organization's policy holds, every command ends with a sentence that
// names what is wrong and where — never a panic, never the network — and
// an exit code a script can tell: a value the person gave that cannot
// work is a usage error (2); a file that cannot be read, and every
// problem of the policy, whatever its kind, a failure (1). A
// policy value that cannot be used degrades: it is said on every command,
// which runs — status works — and stops only what it governs (connect).
// Doctor prints its whole report whatever is wrong, the problem first.
func TestABrokenConfigurationIsSaid(t *testing.T) {
	policy := func(doc string) func() (config.Policy, error) {
		return func() (config.Policy, error) { return config.ParsePolicyJSON(policyFile, []byte(doc)) }
	}
	cases := []struct {
		name   string
		file   func(dir string) error
		policy func() (config.Policy, error)
		env    map[string]string
		// storeErr is what opening the keychain fails with.
		storeErr error
		says     string
		codes    map[string]int // by command
	}{
		{name: "a damaged settings file",
			file:  func(dir string) error { return os.WriteFile(config.SettingsPath(dir), []byte(`{"zone": `), 0o600) },
			says:  "settings.json",
			codes: map[string]int{"status": ExitFailure, "token": ExitFailure, "doctor": ExitFailure}},
		{name: "a settings file that cannot be read",
			file:  func(dir string) error { return os.Mkdir(config.SettingsPath(dir), 0o700) },
			says:  "settings.json",
			codes: map[string]int{"status": ExitFailure, "token": ExitFailure, "doctor": ExitFailure}},
		{name: "a policy that is not JSON", policy: policy(`{"Zone": `), says: policyFile,
			codes: map[string]int{"status": ExitFailure, "token": ExitFailure, "doctor": ExitFailure}},
		{name: "a policy with an unknown key", policy: policy(`{"Zoen": "eu2.make.com"}`), says: "Zoen",
			codes: map[string]int{"status": ExitOK}},
		{name: "a policy value of the wrong type", policy: policy(`{"MaxAccounts": "many"}`), says: "MaxAccounts",
			codes: map[string]int{"status": ExitOK, "connect": ExitFailure, "doctor": ExitFailure}},
		{name: "a policy value that cannot work", policy: policy(`{"Zone": "not a zone"}`), says: "Zone",
			codes: map[string]int{"status": ExitOK, "connect": ExitFailure, "doctor": ExitFailure}},
		{name: "a policy that contradicts itself", policy: policy(`{"AllowedZones": ["eu2.make.com"], "Zone": "us1.make.com"}`),
			says: "(Zone in " + policyFile + ")", codes: map[string]int{"status": ExitFailure, "token": ExitFailure, "doctor": ExitFailure}},
		{name: "a policy number out of range", policy: policy(`{"MaxAccounts": 0}`), says: "from 1 to 1000, not 0",
			codes: map[string]int{"status": ExitOK, "connect": ExitFailure, "doctor": ExitFailure}},
		{name: "a policy's kernel keyring where there is none", policy: policy(`{"Keychain": "kernel"}`), storeErr: keychaintest.ErrNoKernelKeyring,
			says: "policy chooses it (Keychain in " + policyFile + ")", codes: map[string]int{"status": ExitFailure, "token": ExitFailure, "connect": ExitFailure}},
		{name: "a saved value that cannot work",
			file:  func(dir string) error { return config.Settings{config.EnvZone: "not a zone"}.Write(dir) },
			says:  "Saved in Settings",
			codes: map[string]int{"status": ExitUsage, "token": ExitUsage, "doctor": ExitUsage}},
		{name: "an environment value that cannot work", env: map[string]string{config.EnvZone: "not a zone"},
			says:  config.EnvZone,
			codes: map[string]int{"status": ExitUsage, "token": ExitUsage, "doctor": ExitUsage}},
	}
	for _, tc := range cases {
		for _, command := range []string{"status", "token", "connect", "doctor"} {
			want, ok := tc.codes[command]
			if !ok {
				continue
			}
			t.Run(tc.name+"/"+command, func(t *testing.T) {
				dir := t.TempDir()
				if tc.file != nil {
					if err := tc.file(dir); err != nil {
						t.Fatal(err)
					}
				}
				env := map[string]string{config.EnvClientID: "test-client", config.EnvConfigDir: dir,
					config.EnvKeyringService: "com.makeconnect.cli-test.broken",
					config.EnvIssuer:         "http://127.0.0.1:9"} // nothing listens: doctor's check fails at once
				for k, v := range tc.env {
					env[k] = v
				}
				readPolicy := tc.policy
				if readPolicy == nil {
					readPolicy = func() (config.Policy, error) { return config.Policy{}, nil }
				}
				loads := tc.codes["status"] == ExitOK || tc.storeErr != nil // the configuration loads: the keychain may open
				var out, errOut bytes.Buffer
				code := Run(context.Background(), Env{
					Stdout: &out, Stderr: &errOut, Getenv: func(k string) string { return env[k] }, GOOS: "linux",
					OpenBrowser: func(string) error { t.Error("opened a browser"); return nil },
					NewStore: func(config.Config) (accounts.Store, error) {
						if !loads {
							t.Error("opened the keychain under a configuration that did not load")
						}
						if tc.storeErr != nil {
							return nil, tc.storeErr
						}
						s, _ := keychaintest.Memory("com.makeconnect.cli-test.broken")
						return s, nil
					},
					ReadPolicy: readPolicy,
				}, []string{command})
				if code != want {
					t.Errorf("exit %d, want %d; stderr:\n%s", code, want, errOut.String())
				}
				if !strings.Contains(errOut.String(), tc.says) && !(command == "doctor" && strings.Contains(out.String(), tc.says)) {
					t.Errorf("does not name %q:\nstdout:\n%s\nstderr:\n%s", tc.says, out.String(), errOut.String())
				}
				if tc.policy != nil && strings.Contains(errOut.String(), "unset ") {
					t.Errorf("a variable is blamed for the policy:\n%s", errOut.String())
				}
				if strings.Contains(errOut.String(), "could not be reached") {
					t.Errorf("the network is blamed:\n%s", errOut.String())
				}
				if command == "doctor" && (!strings.Contains(out.String(), "client ID:") || !strings.Contains(out.String(), "keychain")) {
					t.Errorf("doctor did not print its whole report:\n%s", out.String())
				}
			})
		}
	}
}
