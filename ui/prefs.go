package ui

import (
	"os"
	"strings"

	"fyne.io/fyne/v2"

	"github.com/make-connect/make-connect/config"
)

// Preference keys: what only the window keeps.
const (
	prefWidth  = "window.width"
	prefHeight = "window.height"
)

// settingsStore reads and saves the settings the way the command line
// reads them — config.Load over the saved settings file — so a setting
// saved here is the one every command uses. Its load and save read and
// write the file: the window calls them off the UI goroutine only.
type settingsStore struct {
	lookupEnv func(string) (string, bool)
}

func newSettingsStore(lookupEnv func(string) (string, bool)) *settingsStore {
	if lookupEnv == nil {
		lookupEnv = os.LookupEnv
	}
	return &settingsStore{lookupEnv: lookupEnv}
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

// dir is the folder of the saved settings.
func (s *settingsStore) dir() (string, error) { return config.Dir(s.getenv) }

// load reads the saved settings and resolves the configuration:
// environment, saved settings, built in, defaults. It reads the file.
func (s *settingsStore) load() (config.Config, config.Settings, error) {
	dir, err := s.dir()
	if err != nil {
		return config.Config{}, nil, err
	}
	saved, err := config.ReadSettings(dir)
	if err != nil {
		return config.Config{}, nil, err
	}
	cfg, err := resolve(s.getenv, saved, nil)
	return cfg, saved, err
}

// resolve is the configuration saved settings with candidate values (not
// yet saved) over them give; the settings dialog validates with it. It
// reads no file.
func resolve(getenv func(string) string, saved config.Settings, candidate map[string]string) (config.Config, error) {
	merged := config.Settings{}
	for name, v := range saved {
		merged[name] = v
	}
	for name, v := range candidate {
		merged[name] = v
	}
	return config.Load(nil, getenv, merged)
}

// save stores the settings in values (environment variable name → value)
// over the saved ones. It writes the file.
func (s *settingsStore) save(values map[string]string) error {
	dir, err := s.dir()
	if err != nil {
		return err
	}
	return config.UpdateSettings(dir, func(saved config.Settings) error {
		for name, v := range values {
			saved[name] = strings.TrimSpace(v)
		}
		return nil
	})
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
