//go:build !headless

package main

import (
	// First of all: before Fyne reads the locale (see the package).
	_ "github.com/make-connect/make-connect/internal/platform/earlylocale"

	"errors"
	"fmt"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/make-connect/make-connect/assets"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/platform/instance"
	"github.com/make-connect/make-connect/ui"
)

// openWindow opens the window, or brings the one this user has open to
// the front, and returns the exit code when the window closes.
func openWindow() int { return runWindow(config.ReadPolicy, nil) }

// hasWindow reports whether "make-connect" alone opens a window: this
// build always does.
func hasWindow() bool { return true }

// answerNotTaken opens the window, or brings the one open to the front,
// saying why the sign-in's answer the program was started with was not
// taken: the sign-in had already ended (instance.ErrNoSignIn), or the
// channel to it could not be used.
func answerNotTaken(why error) int { return runWindow(config.ReadPolicy, why) }

// runWindow is openWindow under the policy readPolicy reads; the window
// first tells what tell says, if it is not nil.
func runWindow(readPolicy func() (config.Policy, error), tell error) int {
	raise := ""
	if tell != nil {
		raise = instance.SignInEnded
	}
	claim, err := claimWindow(raise)
	if errors.Is(err, instance.ErrHandedOver) {
		return 0
	}
	a := app.NewWithID(config.AppID)
	// The window's words, its browser pages' and its notifications', in
	// the system's language; English if that cannot be read.
	if err := ui.UseSystemLanguage(); err != nil {
		fmt.Fprintf(os.Stderr, "make-connect: %v\n", err)
	}
	var firstFrame func()
	if os.Getenv("MAKE_CONNECT_BENCH") == "1" { // make bench times start-up by this line
		firstFrame = func() { fmt.Println("make-connect: first frame") }
	}
	w := ui.New(a, ui.Options{
		Icon:         assets.Icon,
		Notices:      assets.Notices,
		ReadPolicy:   readPolicy,
		OnFirstFrame: firstFrame,
	})
	// Only now: a window made when the app has an icon takes it and
	// decodes it before its first frame; ui sets the window's icon once
	// the first frame is painted.
	a.SetIcon(assets.Icon)
	if tell != nil {
		w.Tell(tell)
	}
	if claim != nil {
		claim.OnRaise(func(why string) {
			fyne.Do(func() {
				w.Raise()
				if why == instance.SignInEnded {
					w.Tell(instance.ErrNoSignIn)
				}
			})
		})
		defer claim.Close()
	} else {
		fmt.Fprintf(os.Stderr, "make-connect: opening the window without checking for another one (%v)\n", err)
	}
	w.ShowAndRun()
	return 0
}

// claimWindow makes this the user's one window over their accounts, or
// hands over to it. A window over another keychain service (make demo's)
// is one of its own.
func claimWindow(why string) (*instance.Primary, error) {
	keychain := strings.TrimSpace(os.Getenv(config.EnvKeyringService))
	if keychain == config.AppID {
		keychain = ""
	}
	dir, err := instance.Dir(keychain)
	if err != nil {
		return nil, err
	}
	return instance.Claim(dir, why)
}
