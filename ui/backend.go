package ui

import (
	"context"
	"io"
	"os"
	"runtime"

	"github.com/make-connect/make-connect/accounts"
	"github.com/make-connect/make-connect/config"
	"github.com/make-connect/make-connect/doctor"
	"github.com/make-connect/make-connect/session"
)

// SystemBackend is the backend of the real app: the account service on
// the keychains newStore opens, with the HTTP client the configuration and
// this process's environment make, and the saved settings' folder for the
// default account.
func SystemBackend(newStore func(service string) accounts.Store) func(cfg config.Config, log io.Writer) (Backend, error) {
	return func(cfg config.Config, log io.Writer) (Backend, error) {
		hc, err := cfg.HTTPClient(os.Getenv, log)
		if err != nil { // the window says so and does not connect; doctor still needs a client
			withoutCA := cfg
			withoutCA.CAFile = ""
			hc, _ = withoutCA.HTTPClient(os.Getenv, log)
		}
		dir, _ := config.Dir(os.Getenv)
		svc := &accounts.Service{Config: cfg, Store: newStore(cfg.KeyringService), SettingsDir: dir, HTTPClient: hc}
		return Backend{
			Accounts: session.Live(svc),
			Doctor: func(ctx context.Context, getenv func(string) string) doctor.Report {
				return doctor.Run(ctx, doctor.Inputs{Config: cfg, HTTPClient: hc, Store: svc.Store, Getenv: getenv, GOOS: runtime.GOOS})
			},
		}, err
	}
}
