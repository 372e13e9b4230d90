// Command make-connect connects Make accounts to this computer: with no
// arguments it opens the window, with a subcommand it works headless.
package main

import (
	"context"
	"io"
	"os"

	"fyne.io/fyne/v2/app"
	"github.com/cli/browser"

	"github.com/make-connect/make-connect/accounts"
	"github.com/make-connect/make-connect/cli"
	"github.com/make-connect/make-connect/config"
	"github.com/make-connect/make-connect/keychain"
	"github.com/make-connect/make-connect/ui"
)

func main() {
	newStore := func(service string) accounts.Store { return keychain.New(service) }
	if len(os.Args) > 1 {
		browser.Stdout, browser.Stderr = io.Discard, io.Discard
		os.Exit(cli.Run(context.Background(), cli.Env{
			Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv,
			OpenBrowser: browser.OpenURL, NewStore: newStore,
		}, os.Args[1:]))
	}
	cfg, err := config.Load(nil, os.Getenv)
	if err == nil {
		err = cfg.Validate()
	}
	a := app.NewWithID(config.AppID)
	w := ui.NewWindow(a, &accounts.Service{Config: cfg, Store: newStore(cfg.KeyringService)}, err)
	w.ShowAndRun()
}
