package ui

import (
	"os"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/app"
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
// The organization's managed policy is above them all: load reads it
// each time, and the form locks what it sets.
type settingsStore struct {
	lookupEnv  func(string) (string, bool)
	readPolicy func() (config.Policy, error)

	mu     sync.Mutex
	policy config.Policy // as load read it last
}

func newSettingsStore(lookupEnv func(string) (string, bool), readPolicy func() (config.Policy, error)) *settingsStore {
	if lookupEnv == nil {
		lookupEnv = os.LookupEnv
	}
	if readPolicy == nil {
		readPolicy = func() (config.Policy, error) { return config.Policy{}, nil }
	}
	return &settingsStore{lookupEnv: lookupEnv, readPolicy: readPolicy}
}

// currentPolicy is the managed policy as load read it last.
func (s *settingsStore) currentPolicy() config.Policy {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.policy
}

// locked says whether the policy or the environment decides the setting
// env, with its value and a line saying which.
func (s *settingsStore) locked(env string) (value, why string, ok bool) {
	p := s.currentPolicy()
	if key, ok := p.Locks(env); ok { // also when its value cannot be used: Settings says so
		return p.Values[env], lang.L("Set by your organization ({{.Key}} in {{.Source}}); it cannot be changed here.", vars{"Key": key, "Source": p.Source(key)}), true
	}
	if v, ok := s.env(env); ok {
		return v, lang.L("Set by {{.Variable}} in the environment, which overrides this setting.", vars{"Variable": env}), true
	}
	return "", "", false
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

// overridden reports whether the policy or the environment decides the
// setting name.
func (s *settingsStore) overridden(name string) bool {
	_, _, ok := s.locked(name)
	return ok
}

// dir is the folder of the saved settings.
func (s *settingsStore) dir() (string, error) { return config.Dir(s.getenv) }

// path is the saved settings' file.
func (s *settingsStore) path() (string, error) {
	dir, err := s.dir()
	return config.SettingsPath(dir), err
}

// load reads the configuration as every face does (app.Load): the
// policy, the environment, the saved settings. It reads the files. On an
// error the configuration is not to be used; what it returns beside the
// error only shows the problem.
func (s *settingsStore) load() (app.Loaded, error) {
	l, err := app.Load(s.appEnv(), nil)
	s.mu.Lock()
	s.policy = l.Config.Policy
	s.mu.Unlock()
	return l, err
}

// appEnv is the environment the app is built from: the window's view of
// the environment and the policy's reader.
func (s *settingsStore) appEnv() app.Env {
	return app.Env{Getenv: s.getenv, ReadPolicy: s.readPolicy}
}

// resolve is the configuration saved settings with candidate values (not
// yet saved) over them give, under the policy load read last; the
// settings dialog validates with it. It reads no file.
func (s *settingsStore) resolve(saved config.Settings, candidate map[string]string) (config.Config, error) {
	merged := config.Settings{}
	for name, v := range saved {
		merged[name] = v
	}
	for name, v := range candidate {
		merged[name] = v
	}
	return config.Load(nil, s.getenv, merged, s.currentPolicy())
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
