package ui

import (
	"context"
	"io"
	"os"
	"runtime"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/core/accounts"
	"github.com/make-connect/make-connect/internal/core/doctor"
	"github.com/make-connect/make-connect/internal/core/session"
)

// SystemBackend is the backend of the real app: the account service on
// the keychains newStore opens, with the HTTP client the configuration and
// this process's environment make, and the saved settings' folder for the
// default account.
func SystemBackend(newStore func(cfg config.Config) (accounts.Store, error)) func(cfg config.Config, log io.Writer) (Backend, error) {
	return func(cfg config.Config, log io.Writer) (Backend, error) {
		hc, err := cfg.HTTPClient(os.Getenv, log)
		if err != nil { // the window says so and does not connect; doctor still needs a client
			withoutCA := cfg
			withoutCA.CAFile = ""
			hc, _ = withoutCA.HTTPClient(os.Getenv, log)
		}
		dir, _ := config.Dir(os.Getenv)
		store, storeErr := newStore(cfg)
		if storeErr != nil {
			store, err = brokenStore{storeErr}, storeErr
		}
		svc := &accounts.Service{Config: cfg, Store: store, SettingsDir: dir, HTTPClient: hc}
		return Backend{
			Accounts: session.Live(svc),
			Doctor: func(ctx context.Context, getenv func(string) string) doctor.Report {
				return doctor.Run(ctx, doctor.Inputs{Config: cfg, HTTPClient: hc, Store: svc.Store, Check: svc.Check, Getenv: getenv, GOOS: runtime.GOOS})
			},
		}, err
	}
}

// brokenStore is a keychain that could not be opened: every call says why,
// so the window shows it where it shows the accounts.
type brokenStore struct{ err error }

func (b brokenStore) Save(*auth.Connection) error { return b.err }
func (b brokenStore) Replace(_, _ *auth.Connection) (*auth.Connection, error) {
	return nil, b.err
}
func (b brokenStore) List() ([]*auth.Connection, []error, error) { return nil, nil, b.err }
func (b brokenStore) Get(string) (*auth.Connection, error)       { return nil, b.err }
func (b brokenStore) Remove(string, func(*auth.Connection)) (*auth.Connection, error) {
	return nil, b.err
}
func (b brokenStore) Update(string, func(*auth.Connection) (*auth.Connection, error)) error {
	return b.err
}
