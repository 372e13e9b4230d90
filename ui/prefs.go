package ui

import (
	"os"
	"strings"

	"fyne.io/fyne/v2"

	"github.com/make-connect/make-connect/config"
)

// legacyKeys are where earlier versions kept the settings, in Fyne's
// preferences, which only the window could read. They move to the shared
// settings file (config.Settings) the first time the window reads it.
var legacyKeys = map[string]string{
	config.EnvClientID:    "settings.clientID",
	config.EnvScopes:      "settings.scopes",
	config.EnvZone:        "settings.zone",
	config.EnvRedirectURI: "settings.redirectURI",
}

// Other preference keys: what only the window keeps.
const (
	prefWidth    = "window.width"
	prefHeight   = "window.height"
	prefNotified = "notified"
)

// settingsStore reads and saves the settings the way the command line
// reads them — config.Load over the saved settings file — so a setting
// saved here is the one every command uses.
type settingsStore struct {
	prefs     fyne.Preferences
	lookupEnv func(string) (string, bool)
}

func newSettingsStore(prefs fyne.Preferences, lookupEnv func(string) (string, bool)) *settingsStore {
	if lookupEnv == nil {
		lookupEnv = os.LookupEnv
	}
	return &settingsStore{prefs: prefs, lookupEnv: lookupEnv}
}

// env returns the environment's value of name, if it sets one.
func (s *settingsStore) env(name string) (string, bool) {
	v, ok := s.lookupEnv(name)
	if !ok || strings.TrimSpace(v) == "" {
		return "", false
	}
	return v, true
}

func (s *settingsStore) getenv(name string) string {
	v, _ := s.env(name)
	return v
}

// overridden reports whether the environment decides the setting name.
func (s *settingsStore) overridden(name string) bool {
	_, ok := s.env(name)
	return ok
}

// read returns the saved settings, moving those of an earlier version out
// of the preferences first.
func (s *settingsStore) read() (config.Settings, string, error) {
	dir, err := config.Dir(s.getenv)
	if err != nil {
		return nil, "", err
	}
	saved, err := config.ReadSettings(dir)
	if err != nil || len(saved) > 0 {
		return saved, dir, err
	}
	for env, key := range legacyKeys {
		if v := s.prefs.String(key); v != "" {
			saved[env] = v
		}
	}
	if len(saved) > 0 && saved.Write(dir) == nil {
		for _, key := range legacyKeys {
			s.prefs.RemoveValue(key)
		}
	}
	return saved, dir, nil
}

// saved returns the saved value of the setting name ("" when none).
func (s *settingsStore) saved(name string) string {
	saved, _, _ := s.read()
	return saved[name]
}

// load resolves the configuration: environment, saved settings, built in,
// defaults.
func (s *settingsStore) load() (config.Config, error) {
	return s.loadWith(nil)
}

// loadWith is load with candidate values (not yet saved) over the saved
// ones; the settings dialog validates with it.
func (s *settingsStore) loadWith(candidate map[string]string) (config.Config, error) {
	saved, _, err := s.read()
	if err != nil {
		return config.Config{}, err
	}
	for name, v := range candidate {
		saved[name] = v
	}
	return config.Load(nil, s.getenv, saved)
}

// save stores the settings in values (environment variable name → value)
// over the saved ones.
func (s *settingsStore) save(values map[string]string) error {
	saved, dir, err := s.read()
	if err != nil {
		return err
	}
	for name, v := range values {
		saved[name] = strings.TrimSpace(v)
	}
	return saved.Write(dir)
}

// windowSize is the size the window had when it was last closed.
func windowSize(prefs fyne.Preferences, def fyne.Size) fyne.Size {
	w := prefs.FloatWithFallback(prefWidth, float64(def.Width))
	h := prefs.FloatWithFallback(prefHeight, float64(def.Height))
	if w < 360 || h < 300 {
		return def
	}
	return fyne.NewSize(float32(w), float32(h))
}

func saveWindowSize(prefs fyne.Preferences, s fyne.Size) {
	if s.Width > 0 && s.Height > 0 {
		prefs.SetFloat(prefWidth, float64(s.Width))
		prefs.SetFloat(prefHeight, float64(s.Height))
	}
}
