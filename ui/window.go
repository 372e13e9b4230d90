// Package ui is the app's window. It never speaks HTTP: it drives the
// account service through the Connector interface.
package ui

import (
	"context"
	"errors"
	"net/url"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/auth"
)

// Connector is what the window needs from the account service
// (*accounts.Service).
type Connector interface {
	// Connect runs one connect attempt; opened receives the authorize URL.
	Connect(ctx context.Context, opened func(authURL string)) (*auth.Connection, error)
	List() ([]*auth.Connection, []error, error)
}

// Window is the main window and its widgets.
type Window struct {
	app       fyne.App
	win       fyne.Window
	connector Connector
	now       func() time.Time

	connect  *widget.Button
	cancel   *widget.Button
	status   *widget.Label
	accounts *fyne.Container

	stop context.CancelFunc // cancels the running attempt; nil when idle
}

// NewWindow builds the main window on a; tests pass test.NewApp(). A
// non-nil problem (such as no client ID) is shown and disables connecting.
func NewWindow(a fyne.App, c Connector, problem error) *Window {
	w := &Window{app: a, connector: c, now: time.Now}
	w.win = a.NewWindow("Make Connect")
	w.connect = widget.NewButton("Connect to Make", w.startConnect)
	w.connect.Importance = widget.HighImportance
	w.cancel = widget.NewButton("Cancel", w.cancelConnect)
	w.cancel.Hide()
	w.status = widget.NewLabel("")
	w.status.Wrapping = fyne.TextWrapWord
	w.accounts = container.NewVBox()

	intro := widget.NewLabel("Make Connect connects your Make account to this computer, so your tools can use it.")
	intro.Wrapping = fyne.TextWrapWord
	w.win.SetContent(container.NewVBox(
		intro,
		container.NewHBox(w.connect, w.cancel),
		w.status,
		widget.NewSeparator(),
		w.accounts,
	))
	w.win.Resize(fyne.NewSize(560, 420))
	if problem != nil {
		w.status.SetText(problem.Error())
		w.connect.Disable()
	}
	w.reload()
	return w
}

// Window returns the Fyne window, to show or test.
func (w *Window) Window() fyne.Window { return w.win }

// ShowAndRun shows the window and runs the app until it is closed.
func (w *Window) ShowAndRun() { w.win.ShowAndRun() }

// startConnect runs the connect flow off the UI goroutine; widgets change
// only in fyne.Do.
func (w *Window) startConnect() {
	ctx, cancel := context.WithCancel(context.Background())
	w.stop = cancel
	w.connect.Disable()
	w.cancel.Show()
	w.status.SetText("Opening your browser…")
	go func() {
		conn, err := w.connector.Connect(ctx, func(authURL string) {
			fyne.Do(func() {
				w.status.SetText("Waiting for you to approve in your browser…")
				if u, err := url.Parse(authURL); err == nil {
					w.app.OpenURL(u)
				}
			})
		})
		fyne.Do(func() { w.finishConnect(conn, err) })
	}()
}

func (w *Window) cancelConnect() {
	if w.stop != nil {
		w.stop()
	}
}

func (w *Window) finishConnect(conn *auth.Connection, err error) {
	w.stop = nil
	w.connect.Enable()
	w.cancel.Hide()
	switch {
	case err == nil:
		w.status.SetText("Connected " + conn.Label() + ".")
		w.reload()
	case errors.Is(err, auth.ErrDeclined):
		w.status.SetText("You declined in the browser, so nothing was connected.")
	case errors.Is(err, auth.ErrCancelled):
		w.status.SetText("Connecting was cancelled.")
	case errors.Is(err, auth.ErrTimedOut):
		w.status.SetText("The browser sign-in did not finish in time. Press Connect to try again.")
	default:
		w.status.SetText("Connecting did not work.")
		dialog.ShowError(err, w.win)
	}
}

// reload reads the accounts off the UI goroutine and shows them.
func (w *Window) reload() {
	go func() {
		conns, skipped, err := w.connector.List()
		fyne.Do(func() {
			if err != nil {
				w.status.SetText("Could not read the keychain: " + err.Error())
				return
			}
			if len(skipped) > 0 {
				w.status.SetText("Some keychain entries could not be read and were skipped.")
			}
			w.showAccounts(conns)
		})
	}()
}
