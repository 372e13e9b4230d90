// Command make-connect connects Make accounts to this computer: with a
// subcommand it works in the terminal, without one it opens the window.
//
// It is built two ways from this package. The default build has the window
// (window.go, Fyne, cgo). The headless build (-tags headless, with
// CGO_ENABLED=0: static on Linux, for every OS and architecture) has the
// same commands and no Fyne; without a command it starts the window
// program when the desktop package put one beside it (headless.go).
package main

import (
	"context"
	"io"
	"os"

	"github.com/cli/browser"

	"github.com/make-connect/make-connect/cli"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/app"
	"github.com/make-connect/make-connect/internal/platform/termline"
)

func main() {
	loadMetadata()
	if isAnswer(os.Args[1:]) {
		os.Exit(handAnswerOver(os.Args[1]))
	}
	if len(os.Args) > 1 {
		if !commandConsole() {
			os.Exit(cli.ExitUsage)
		}
		keepGoingOnAClosedPipe()
		browser.Stdout, browser.Stderr = io.Discard, io.Discard
		os.Exit(cli.Run(context.Background(), cli.Env{
			Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin, Getenv: os.Getenv,
			LongLines:   func() (io.Reader, func()) { return termline.Open(os.Stdin) },
			OpenBrowser: browser.OpenURL, NewStore: app.OpenKeychain, ReadPolicy: config.ReadPolicy,
			Window: hasWindow,
		}, os.Args[1:]))
	}
	if handOverWindow() {
		return
	}
	os.Exit(openWindow())
}
