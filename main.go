// Command make-connect connects Make accounts to this computer: with no
// arguments it opens the window, with a subcommand it works headless.
package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"fyne.io/fyne/v2/app"
	"github.com/cli/browser"

	"github.com/make-connect/make-connect/accounts"
	"github.com/make-connect/make-connect/assets"
	"github.com/make-connect/make-connect/cli"
	"github.com/make-connect/make-connect/config"
	"github.com/make-connect/make-connect/keychain"
	"github.com/make-connect/make-connect/ui"
)

func main() {
	loadMetadata()
	newStore := func(service string) accounts.Store { return keychain.New(service) }
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
	a := app.NewWithID(config.AppID)
	a.SetIcon(assets.Icon)
	var firstFrame func()
	if os.Getenv("MAKE_CONNECT_BENCH") == "1" { // make bench times start-up by this line
		firstFrame = func() { fmt.Println("make-connect: first frame") }
	}
	ui.New(a, ui.Options{
		NewBackend:   ui.SystemBackend(newStore),
		Icon:         assets.Icon,
		OnFirstFrame: firstFrame,
	}).ShowAndRun()
}
