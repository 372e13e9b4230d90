package session

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/make-connect/make-connect/internal/adapters/config"
)

// TestOwnChangesAreNotOthers: a change this process made — a change mark
// naming it, settings it saved — is not reported as another process's;
// one another process made is, and so is a mark that names no process.
func TestOwnChangesAreNotOthers(t *testing.T) {
	dir := t.TempDir()
	mark := filepath.Join(dir, "accounts.changed")
	settingsDir := filepath.Join(dir, "config")
	settings := config.SettingsPath(settingsDir)
	files := []Watched{
		{Path: mark, Change: AccountsChanged, Mine: MarkedHere},
		{Path: settings, Change: SettingsChanged, Mine: config.WrittenHere},
	}
	markedBy := func(pid int) func() error {
		return func() error { return os.WriteFile(mark, fmt.Appendf(nil, "1 %d\n", pid), 0o600) }
	}
	cases := []struct {
		name string
		do   func() error
		saw  Change
		want Change
	}{
		{"this process marked", markedBy(os.Getpid()), AccountsChanged, 0},
		{"another process marked", markedBy(os.Getpid() + 1), AccountsChanged, AccountsChanged},
		{"a mark that names no one", func() error { return os.WriteFile(mark, nil, 0o600) }, AccountsChanged, AccountsChanged},
		{"this process saved the settings", func() error {
			return config.UpdateSettings(settingsDir, func(s config.Settings) error { s[config.EnvAccount] = "abc"; return nil })
		}, SettingsChanged, 0},
		{"another process saved them", func() error {
			return os.WriteFile(settings, []byte(`{"account": "def"}`+"\n"), 0o600)
		}, SettingsChanged, SettingsChanged},
	}
	for _, tc := range cases {
		if err := tc.do(); err != nil {
			t.Fatal(err)
		}
		if got := others(tc.saw, files); got != tc.want {
			t.Errorf("%s: reported %v, want %v", tc.name, got, tc.want)
		}
	}
}
