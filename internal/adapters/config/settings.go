package config

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
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
	path := filepath.Join(dir, settingsFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Settings{}, nil
	}
	if err != nil {
		return nil, &SettingsFileError{Path: path, Err: err}
	}
	var raw map[string]string
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, &SettingsFileError{Path: path, Damaged: true, Err: err}
	}
	s := Settings{}
	for _, env := range Saveable {
		if v := strings.TrimSpace(raw[jsonKey(env)]); v != "" {
			s[env] = v
		}
	}
	return s, nil
}

// SettingsFileError is the saved settings' file at Path that could not be
// read (Damaged: it is not a settings file) or saved (Save); Err is why,
// an *fs.PathError when the file or its folder could not be used.
type SettingsFileError struct {
	Path          string
	Save, Damaged bool
	Err           error
}

func (e *SettingsFileError) Error() string {
	switch {
	case e.Damaged:
		return fmt.Sprintf("read the saved settings: %s is not a settings file (%v); fix or delete it", e.Path, e.Err)
	case e.Save:
		return fmt.Sprintf("save the settings in %s: %v", e.Path, e.Err)
	}
	return fmt.Sprintf("read the saved settings: %v", e.Err)
}

func (e *SettingsFileError) Unwrap() error { return e.Err }

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
	tmp, err := settingsTemp(dir)
	if err != nil {
		return err
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
		return saveError(dir, werr)
	}
	writtenHere.Store(filepath.Clean(SettingsPath(dir)), sha256.Sum256(append(b, '\n')))
	return nil
}

// writtenHere is, by settings file, a digest of what this process wrote
// there last.
var writtenHere sync.Map

// WrittenHere reports whether the settings file at path holds what this
// process wrote there last, so that a window watching it can tell its own
// change (a Make default, a connect that kept the default) from another
// process's.
func WrittenHere(path string) bool {
	want, ok := writtenHere.Load(filepath.Clean(path))
	if !ok {
		return false
	}
	b, err := os.ReadFile(path)
	return err == nil && sha256.Sum256(b) == want.([32]byte)
}

// CheckWritable makes dir if it is missing and checks that settings can
// be saved in it, leaving the saved settings as they are.
func CheckWritable(dir string) error {
	tmp, err := settingsTemp(dir)
	if err != nil {
		return err
	}
	tmp.Close()
	return os.Remove(tmp.Name())
}

// settingsTemp makes dir if it is missing and a new file in it, beside
// the settings file, which a save renames over it.
func settingsTemp(dir string) (*os.File, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, saveError(dir, err)
	}
	tmp, err := os.CreateTemp(dir, settingsFile+".*")
	if err != nil {
		return nil, saveError(dir, err)
	}
	return tmp, nil
}

// saveError is err saving the settings in dir.
func saveError(dir string, err error) error {
	return &SettingsFileError{Path: SettingsPath(dir), Save: true, Err: err}
}

// UpdateSettings changes the settings saved in dir: change edits what is
// saved, and the result is written back, under a lock on a file beside
// them, so that two processes changing settings at once (the window's
// Make default, "make-connect use") both keep their change. An error from
// change leaves the file as it was.
func UpdateSettings(dir string, change func(Settings) error) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return &SettingsFileError{Path: SettingsPath(dir), Save: true, Err: err}
	}
	lock := flock.New(filepath.Join(dir, settingsFile+".lock"))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if ok, err := lock.TryLockContext(ctx, 20*time.Millisecond); !ok {
		if err == nil {
			err = ctx.Err()
		}
		return &SettingsFileError{Path: SettingsPath(dir), Save: true, Err: fmt.Errorf("another Make Connect is changing them: %w", err)}
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
