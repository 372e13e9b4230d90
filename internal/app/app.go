// Package app is the one place the app is built, for every face alike
// (the window, the command line, doctor): it reads the configuration —
// the organization's policy, the flags, the environment, the saved
// settings — opens the keychain it names, and builds the account service
// and the doctor's inputs over them. What to do when a piece cannot be had
// (a CA file that cannot be used, a keychain that does not open) is
// decided here once; the faces show what it reports.
package app

import (
	"context"
	"errors"

	"github.com/make-connect/make-connect/auth"
	"io"
	"net/http"
	"os"
	"runtime"
	"time"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/adapters/keychain"
	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/accounts"
	"github.com/make-connect/make-connect/internal/core/doctor"
	"github.com/make-connect/make-connect/internal/platform/httpclient"
)

// Env is what the app is built from: the outside world, which tests
// replace in parts. The zero value is the real one.
type Env struct {
	// Getenv reads the environment. Default os.Getenv.
	Getenv func(string) string
	// ReadPolicy reads the organization's managed policy
	// (config.ReadPolicy). Default: no policy.
	ReadPolicy func() (config.Policy, error)
	// OpenStore opens the keychain a configuration names. Default
	// OpenKeychain.
	OpenStore func(cfg config.Config) (accounts.Store, error)
	// Now is the clock. Default time.Now.
	Now func() time.Time
	// GOOS is the operating system. Default runtime.GOOS.
	GOOS string
	// Pages are the words of the browser's pages after a sign-in, in the
	// face's language. Default auth.EnglishPages.
	Pages auth.PageTexts
	// LaunchWatch is how long a connect keeps watching its single-use
	// launch link after it completed. Default auth.DefaultLaunchWatch.
	LaunchWatch time.Duration
}

func (e Env) withDefaults() Env {
	if e.Getenv == nil {
		e.Getenv = os.Getenv
	}
	if e.ReadPolicy == nil {
		e.ReadPolicy = func() (config.Policy, error) { return config.Policy{}, nil }
	}
	if e.OpenStore == nil {
		e.OpenStore = OpenKeychain
	}
	if e.Now == nil {
		e.Now = time.Now
	}
	if e.GOOS == "" {
		e.GOOS = runtime.GOOS
	}
	return e
}

// OpenKeychain opens the keychain cfg names: its kind (Config.Keychain)
// under its service (Config.KeyringService).
func OpenKeychain(cfg config.Config) (accounts.Store, error) {
	return keychain.Open(cfg.KeyringService, keychain.Kind(cfg.Keychain))
}

// Loaded is the configuration as read: what it resolves to, the saved
// settings it was resolved from and their folder.
type Loaded struct {
	Config config.Config
	Saved  config.Settings
	Dir    string
	// Problems are every problem Load found, the one it returned first:
	// what doctor reports, whose report is made even then.
	Problems []error

	err error // what Load returned
}

// Load reads the configuration: the policy above the flags (f may be nil)
// above the environment above the saved settings above what was built
// in. An error means there is no configuration to go on with — a settings
// file or a policy that cannot be read at all, a value that cannot work —
// and says which; what it returns beside the error is only for showing
// the problem (doctor reports on it). A policy key that cannot be used is
// no error: it is in the Config's Policy.Problems, and stops only what it
// governs (Build decides how).
func Load(env Env, f *config.Flags) (Loaded, error) {
	env = env.withDefaults()
	var l Loaded
	var unusable error
	dir, err := config.Dir(env.Getenv)
	if err != nil {
		unusable = err
	} else if l.Saved, err = config.ReadSettings(dir); err != nil {
		unusable = err
	}
	l.Dir = dir
	policy, err := env.ReadPolicy()
	if err != nil && unusable == nil {
		unusable = err
	}
	l.Config, err = config.Load(f, env.Getenv, l.Saved, policy)
	l.Problems = config.ProblemsIn(err)
	if unusable != nil {
		l.Problems = append([]error{unusable}, l.Problems...)
		err = unusable
	}
	l.err = err
	return l, err
}

// App is the app built over one configuration.
type App struct {
	Config config.Config
	// SettingsDir is the saved settings' folder, where the default
	// account is kept.
	SettingsDir string
	// HTTPClient makes every request: the environment's proxy, the CA
	// file, the request log. When the CA file cannot be used it is the
	// client without it, for the doctor's checks; Blocked says why
	// nothing else may use it.
	HTTPClient *http.Client
	// Accounts is the account service. When the keychain did not open,
	// its store answers every call with that error, so a face can show
	// it where it shows the accounts.
	Accounts *accounts.Service
	// Blocked is what stops connecting, and any other request to Make:
	// the CA file cannot be used (Make's certificate could not be checked
	// as the settings ask), the policy's CAFile among them. Nil when
	// nothing does.
	Blocked error
	// StoreErr is why the keychain did not open, or nil: it does not
	// under a configuration that did not load, nor when the policy's
	// Keychain cannot be used.
	StoreErr error

	problems []error

	env Env
}

// Build builds the app over a loaded configuration; log, if not nil,
// receives a line for each HTTP request (config.Config.HTTPClient).
func Build(env Env, l Loaded, log io.Writer) *App {
	env = env.withDefaults()
	a := &App{Config: l.Config, SettingsDir: l.Dir, env: env, problems: l.Problems}
	a.HTTPClient, a.Blocked = l.Config.HTTPClient(env.Getenv, log)
	if a.Blocked != nil {
		withoutCA := l.Config
		withoutCA.CAFile = ""
		a.HTTPClient, _ = withoutCA.HTTPClient(env.Getenv, log)
	}
	policy := l.Config.Policy
	if pe := policy.Stopped(config.StopsRequests); pe != nil {
		a.Blocked = pe
	}
	var store accounts.Store
	var err error
	switch pe := policy.Stopped(config.StopsKeychain); {
	case l.err != nil: // which keychain, under which name, is not known
		err = l.err
	case pe != nil:
		err = pe
	default:
		store, err = env.OpenStore(l.Config)
		if kernelUnusable(err) && l.Config.Sources[config.EnvKeychain] == config.FromPolicy {
			// The policy's choice cannot work here: its key is to blame,
			// not a variable the person could unset.
			err = l.Config.SettingError(config.EnvKeychain, err)
		}
	}
	if err != nil {
		store, a.StoreErr = brokenStore{err}, err
	}
	a.Accounts = &accounts.Service{Config: l.Config, Store: store, SettingsDir: l.Dir, HTTPClient: a.HTTPClient, Now: env.Now,
		Pages: env.Pages, LaunchWatch: env.LaunchWatch}
	return a
}

// kernelUnusable reports whether err says the kernel keyring cannot be
// used on this computer at all (not that it is full).
func kernelUnusable(err error) bool {
	var ke *keychain.KernelError
	return errors.Is(err, keychain.ErrNoKernelKeyring) || errors.As(err, &ke) && !errors.Is(err, keychain.ErrQuota)
}

// ConnectStopped is what stops connecting alone under cfg: a policy key
// that governs it whose value cannot be used (the account service refuses
// to begin then too); nil when nothing does. A face shows it where it
// offers Connect.
func ConnectStopped(cfg config.Config) error {
	if pe := cfg.Policy.Stopped(config.StopsConnect); pe != nil {
		return pe
	}
	return nil
}

// Doctor runs make-connect doctor's checks with the app's HTTP client and
// keychain; getenv is the environment they report on. It reports also
// on a configuration that did not load (Load's Problems first).
func (a *App) Doctor(ctx context.Context, getenv func(string) string) doctor.Report {
	if getenv == nil {
		getenv = a.env.Getenv
	}
	store := a.Accounts.Store
	if len(a.problems) > 0 { // not opened: which keychain is not certain
		store = nil
	}
	return doctor.Run(ctx, doctor.Inputs{Config: a.Config, Problems: a.problems, HTTPClient: a.HTTPClient, Store: store,
		Check: a.Accounts.Check, NoSystemRoots: httpclient.SystemRootsMissing(), Getenv: getenv, GOOS: a.env.GOOS, Now: a.env.Now,
		Ready: func(existing []*account.Connected) error { return a.Accounts.ReadyToConnect(existing, "") }})
}

// Problems are what stopped the configuration from loading: none when it
// loaded (a face other than doctor runs only then).
func (a *App) Problems() []error { return a.problems }

// ChangeMark is the file the keychain rewrites whenever an account of
// this configuration changes, in any process (keychain.ChangeMark).
func (a *App) ChangeMark() (string, error) { return ChangeMark(a.Config) }

// Close waits, for keychain.CloseWait at most, for the keychain's work a
// write left running (the replaced version's deletion, the change mark):
// every face calls it before it exits, or before it drops this app for
// another. An error says it stopped waiting, for the log.
func (a *App) Close() error { return a.Accounts.Close() }

// ChangeMark is the change mark of the keychain cfg names.
func ChangeMark(cfg config.Config) (string, error) { return keychain.ChangeMark(cfg.KeyringService) }
