package config

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gofrs/flock"
)

// Settings are the values a person saved in the window's Settings, by the
// environment variable each stands in for. The window writes them; the
// window and every command read them, so a client ID saved once is known
// everywhere.
type Settings map[string]string

// Saveable are the settings the window can save.
var Saveable = []string{EnvClientID, EnvZone, EnvScopes, EnvRedirectURI, EnvCAFile, EnvAccount, EnvKeychain}

// settingsFile is the file's name in Dir.
const settingsFile = "settings.json"

// Dir is the directory of the saved settings (and the window's log):
// MAKE_CONNECT_CONFIG_DIR when set, otherwise make-connect in the user's
// configuration directory (~/.config, %AppData%, ~/Library/Application
// Support).
func Dir(getenv func(string) string) (string, error) {
	if d := strings.TrimSpace(getenv(EnvConfigDir)); d != "" {
		return d, nil
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the directory for settings: %w", err)
	}
	return filepath.Join(d, "make-connect"), nil
}

// SettingsPath is the saved settings' file in dir.
func SettingsPath(dir string) string { return filepath.Join(dir, settingsFile) }

// jsonKey is the key of the setting env in the file: "client_id" for
// MAKE_CONNECT_CLIENT_ID.
func jsonKey(env string) string { return strings.ToLower(strings.TrimPrefix(env, "MAKE_CONNECT_")) }

// ReadSettings reads the settings saved in dir; none saved is no error. A
// file that cannot be read or parsed is, since ignoring it would connect
// with other settings than the person chose.
func ReadSettings(dir string) (Settings, error) {
	b, err := os.ReadFile(filepath.Join(dir, settingsFile))
	if errors.Is(err, fs.ErrNotExist) {
		return Settings{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the saved settings: %w", err)
	}
	var raw map[string]string
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("read the saved settings: %s is not a settings file (%v); fix or delete it", filepath.Join(dir, settingsFile), err)
	}
	s := Settings{}
	for _, env := range Saveable {
		if v := strings.TrimSpace(raw[jsonKey(env)]); v != "" {
			s[env] = v
		}
	}
	return s, nil
}

// Write saves s in dir, readable by this user only, replacing the file in
// one step so a reader never sees half of it.
func (s Settings) Write(dir string) error {
	raw := map[string]string{}
	for _, env := range Saveable {
		if v := strings.TrimSpace(s[env]); v != "" {
			raw[jsonKey(env)] = v
		}
	}
	b, err := json.MarshalIndent(raw, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("save the settings: %w", err)
	}
	tmp, err := os.CreateTemp(dir, settingsFile+".*")
	if err != nil {
		return fmt.Errorf("save the settings: %w", err)
	}
	_, werr := tmp.Write(append(b, '\n'))
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), filepath.Join(dir, settingsFile))
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("save the settings: %w", werr)
	}
	return nil
}

// UpdateSettings changes the settings saved in dir: change edits what is
// saved, and the result is written back, under a lock on a file beside
// them, so that two processes changing settings at once (the window's
// Make default, "make-connect use") both keep their change. An error from
// change leaves the file as it was.
func UpdateSettings(dir string, change func(Settings) error) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("save the settings: %w", err)
	}
	lock := flock.New(filepath.Join(dir, settingsFile+".lock"))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if ok, err := lock.TryLockContext(ctx, 20*time.Millisecond); !ok {
		if err == nil {
			err = ctx.Err()
		}
		return fmt.Errorf("save the settings: another Make Connect is changing them: %w", err)
	}
	defer lock.Unlock()
	saved, err := ReadSettings(dir)
	if err != nil {
		return err
	}
	if err := change(saved); err != nil {
		return err
	}
	return saved.Write(dir)
}
