// Command make-connect connects Make accounts to this computer: with no
// arguments it opens the window, with a subcommand it works headless.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"github.com/cli/browser"

	"github.com/make-connect/make-connect/accounts"
	"github.com/make-connect/make-connect/assets"
	"github.com/make-connect/make-connect/cli"
	"github.com/make-connect/make-connect/config"
	"github.com/make-connect/make-connect/instance"
	"github.com/make-connect/make-connect/keychain"
	"github.com/make-connect/make-connect/ui"
)

func main() {
	loadMetadata()
	newStore := func(cfg config.Config) (accounts.Store, error) {
		return keychain.Open(cfg.KeyringService, keychain.Kind(cfg.Keychain))
	}
	if len(os.Args) > 1 {
		if !commandConsole() {
			os.Exit(cli.ExitUsage)
		}
		browser.Stdout, browser.Stderr = io.Discard, io.Discard
		os.Exit(cli.Run(context.Background(), cli.Env{
			Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin, Getenv: os.Getenv,
			OpenBrowser: browser.OpenURL, NewStore: newStore,
		}, os.Args[1:]))
	}
	if handOverWindow() {
		return
	}
	// One window per user: a second launch brings the first to the front.
	claim, err := claimWindow()
	if errors.Is(err, instance.ErrHandedOver) {
		return
	}
	a := app.NewWithID(config.AppID)
	a.SetIcon(assets.Icon)
	var firstFrame func()
	if os.Getenv("MAKE_CONNECT_BENCH") == "1" { // make bench times start-up by this line
		firstFrame = func() { fmt.Println("make-connect: first frame") }
	}
	w := ui.New(a, ui.Options{
		NewBackend:   ui.SystemBackend(newStore),
		Icon:         assets.Icon,
		OnFirstFrame: firstFrame,
	})
	if claim != nil {
		claim.OnRaise(func() { fyne.Do(w.Raise) })
		defer claim.Close()
	} else {
		fmt.Fprintf(os.Stderr, "make-connect: opening the window without checking for another one (%v)\n", err)
	}
	w.ShowAndRun()
}

// claimWindow makes this the user's one window, or hands over to it.
func claimWindow() (*instance.Primary, error) {
	dir, err := instance.Dir()
	if err != nil {
		return nil, err
	}
	return instance.Claim(dir)
}
