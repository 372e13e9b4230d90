package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/core/account"
)

// TestABrokenConfigurationIsShownNotFatal: whatever the settings file or
// the organization's policy holds, the window opens, lists nothing it
// cannot vouch for, says in its idle panel what is wrong and where, and
// offers Settings only where Settings can change it. A policy value that
// cannot be used degrades: the header's policy line names it, the
// accounts are listed, and only what it governs (connecting) is stopped.
func TestABrokenConfigurationIsShownNotFatal(t *testing.T) {
	policy := func(doc string) func() (config.Policy, error) {
		return func() (config.Policy, error) {
			return config.ParsePolicyJSON("/etc/make-connect/policy.json", []byte(doc))
		}
	}
	cases := []struct {
		name     string
		file     func(dir string) error // the saved settings
		policy   func() (config.Policy, error)
		env      map[string]string
		says     []string // in the idle panel
		settings bool     // Open Settings is offered
		header   string   // in the header's policy line
		connects bool     // nothing stops connecting: Connect is offered
	}{
		{name: "a damaged settings file",
			file: func(dir string) error { return os.WriteFile(config.SettingsPath(dir), []byte(`{"zone": `), 0o600) },
			says: []string{"settings.json"}},
		{name: "a settings file that cannot be read",
			file: func(dir string) error { return os.Mkdir(config.SettingsPath(dir), 0o700) },
			says: []string{"settings.json"}},
		{name: "a policy that is not JSON",
			policy: policy(`{"Zone": `),
			says:   []string{"policy.json"}},
		{name: "a policy with an unknown key",
			policy: policy(`{"Zoen": "eu2.make.com"}`),
			header: "Zoen", connects: true},
		{name: "a policy value of the wrong type",
			policy: policy(`{"MaxAccounts": "many"}`),
			says:   []string{"MaxAccounts"}, header: "MaxAccounts"},
		{name: "a policy value that cannot work",
			policy: policy(`{"Zone": "not a zone"}`),
			says:   []string{"Zone"}, header: "Zone"},
		{name: "a saved value that cannot work",
			file: func(dir string) error {
				return config.Settings{config.EnvZone: "not a zone"}.Write(dir)
			},
			says: []string{"Open Settings"}, settings: true},
		{name: "an environment value that cannot work",
			env:  map[string]string{config.EnvZone: "not a zone"},
			says: []string{config.EnvZone}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if tc.file != nil {
				if err := tc.file(dir); err != nil {
					t.Fatal(err)
				}
			}
			env := map[string]string{config.EnvClientID: "test-client", config.EnvConfigDir: dir}
			for k, v := range tc.env {
				env[k] = v
			}
			svc := &fakeService{stored: []*account.Connected{ada(time.Hour)}}
			h := newHarness(t, svc, withEnv(env))
			if tc.policy != nil {
				h.policy, h.policyErr = tc.policy()
				h.w.applyConfig()
			}
			if tc.connects {
				h.pumpUntil("the policy line", func() bool { return strings.Contains(h.w.managed.Text, tc.header) })
				h.settle()
				if h.w.setup.problem != nil || !h.w.panels.idle.connect.Visible() || len(h.w.accounts.cards) != 1 {
					t.Errorf("an ignored policy value stops the window: %v; Connect offered %v; %d accounts",
						h.w.setup.problem, h.w.panels.idle.connect.Visible(), len(h.w.accounts.cards))
				}
				return
			}
			h.pumpUntil("the problem in the idle panel", func() bool { return h.w.setup.problem != nil })
			h.settle()
			if tc.header != "" && (!h.w.managed.Visible() || !strings.Contains(h.w.managed.Text, tc.header)) {
				t.Errorf("the header's policy line says %q; want it to name %q", h.w.managed.Text, tc.header)
			}
			if tc.header != "" && len(h.w.accounts.cards) != 1 {
				t.Errorf("a policy value that stops connecting hides the accounts: %d listed", len(h.w.accounts.cards))
			}
			text := h.w.panels.idle.text.Text
			for _, want := range tc.says {
				if !strings.Contains(text, want) {
					t.Errorf("the idle panel says %q; want it to name %q", text, want)
				}
			}
			if strings.Contains(text, "could not be reached") {
				t.Errorf("the idle panel blames the network: %q", text)
			}
			if got := h.w.panels.idle.openSettings.Visible(); got != tc.settings {
				t.Errorf("Open Settings shown: %v, want %v", got, tc.settings)
			}
			if h.w.panels.idle.connect.Visible() {
				t.Errorf("Connect is offered under a configuration that does not work")
			}
			if tc.file != nil && !tc.settings && len(h.w.accounts.cards) != 0 {
				// Which keychain, under which name, is in the file.
				t.Errorf("the window lists %d accounts from a configuration it could not read", len(h.w.accounts.cards))
			}
			if log, _ := os.ReadFile(filepath.Join(h.logDir, logName)); !strings.Contains(string(log), "connecting is stopped") {
				t.Errorf("the window's log does not say why connecting is stopped:\n%s", log)
			}
		})
	}
}
