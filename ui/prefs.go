package ui

import (
	"os"
	"strings"

	"fyne.io/fyne/v2"

	"github.com/make-connect/make-connect/config"
)

// The settings a person can change in the window, each kept in Fyne's
// preferences under a key and overridden by its environment variable.
var settingKeys = map[string]string{
	config.EnvClientID:    "settings.clientID",
	config.EnvScopes:      "settings.scopes",
	config.EnvZone:        "settings.zone",
	config.EnvRedirectURI: "settings.redirectURI",
}

// Other preference keys.
const (
	prefWidth    = "window.width"
	prefHeight   = "window.height"
	prefNotified = "notified"
)

// settingsStore reads the configuration the way the command line does —
// config.Load — with the saved settings standing in for environment
// variables that are not set.
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

// overridden reports whether the environment decides the setting name.
func (s *settingsStore) overridden(name string) bool {
	_, ok := s.env(name)
	return ok
}

// saved returns the saved value of the setting name ("" when none).
func (s *settingsStore) saved(name string) string {
	return s.prefs.String(settingKeys[name])
}

// load resolves the configuration from the environment, then the saved
// settings, then the defaults.
func (s *settingsStore) load() (config.Config, error) {
	return s.loadWith(nil)
}

// loadWith is load with candidate values (not yet saved) in place of the
// saved ones; the settings dialog validates with it.
func (s *settingsStore) loadWith(candidate map[string]string) (config.Config, error) {
	return config.Load(nil, func(name string) string {
		if v, ok := s.env(name); ok {
			return v
		}
		if v, ok := candidate[name]; ok {
			return v
		}
		if key, ok := settingKeys[name]; ok {
			return s.prefs.String(key)
		}
		return ""
	}, nil)
}

// save stores the settings in values (environment variable name → value).
func (s *settingsStore) save(values map[string]string) {
	for name, v := range values {
		s.prefs.SetString(settingKeys[name], strings.TrimSpace(v))
	}
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
