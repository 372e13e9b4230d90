// Package ui is the app's window. It never speaks HTTP and never blocks the
// UI goroutine: it drives the account service through the Service
// interface, off the UI goroutine, and bridge.go is the one place where
// that work comes back to the widgets.
package ui

import (
	"errors"
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/config"
)

// Options is what the window needs from main.
type Options struct {
	// NewService builds the account service for a configuration; the
	// window calls it at start and again when the settings change.
	// Required.
	NewService func(cfg config.Config) Service
	// LookupEnv reads the environment, whose MAKE_CONNECT_* variables
	// override the saved settings. Default os.LookupEnv.
	LookupEnv func(name string) (string, bool)
	// OpenURL sends the browser to the sign-in page. It is called off the
	// UI goroutine. Default the app's OpenURL.
	OpenURL func(*url.URL) error
	// Icon is the window's icon; nil keeps the app's.
	Icon fyne.Resource
	// OnFirstFrame, if set, is called once, from the painter, when the
	// window's first frame is drawn (make bench).
	OnFirstFrame func()
}

// defaultSize is the window's size until a person resizes it.
var defaultSize = fyne.NewSize(600, 560)

// Window is the main window's frame: the header, a panel that connects,
// a notice line, the dialogs, and under them the list of accounts, which
// looks after itself (accountList).
type Window struct {
	app      fyne.App
	win      fyne.Window
	bridge   *bridge
	opts     Options
	settings *settingsStore

	// Read and written on the UI goroutine only.
	setup    setup
	attempt  *connecting
	accounts *accountList
	panel    *fyne.Container // shows idle or wait
	idle     idlePanel
	wait     waitPanel
	notice   *noticeLine
}

// setup is what the window runs with: the configuration the settings
// resolve to, the service built for it, and what (if anything) stops
// connecting. The three change together, when the settings do.
type setup struct {
	cfg     config.Config
	svc     Service
	problem error
}

// New builds the main window on a; tests pass test.NewApp().
func New(a fyne.App, opts Options) *Window {
	return newWindow(a, opts, newBridge(a))
}

func newWindow(a fyne.App, opts Options, b *bridge) *Window {
	if opts.OpenURL == nil {
		opts.OpenURL = a.OpenURL
	}
	w := &Window{app: a, bridge: b, opts: opts, settings: newSettingsStore(a.Preferences(), opts.LookupEnv)}
	w.win = a.NewWindow(config.AppName)
	if opts.Icon != nil {
		w.win.SetIcon(opts.Icon)
	}
	w.accounts = newAccountList(b, a.Preferences(), cardActions{
		reconnect: w.startConnect, copyToken: w.confirmCopyToken, disconnect: w.confirmDisconnect,
	})
	w.idle = newIdlePanel(w.startConnect, w.openSettings)
	w.wait = newWaitPanel(waitActions{cancel: w.cancelConnect, copyLink: w.copyLink, openAgain: w.openBrowser, finish: w.paste})
	w.panel = container.NewStack(w.idle.box)
	w.notice = newNoticeLine(func(err error) { w.showError("What happened", err) })

	top := container.NewVBox(w.header(), w.panel, w.notice.box)
	// Built by hand so that the tree, and with it the Tab order, runs top
	// to bottom (NewBorder puts the centre first).
	content := container.New(layout.NewBorderLayout(top, nil, nil, nil), top, container.NewVScroll(w.accounts.box))
	w.win.SetContent(container.NewStack(firstFrameProbe(w.painted), content))
	w.win.Resize(windowSize(a.Preferences(), defaultSize))
	w.win.SetOnClosed(func() { saveWindowSize(a.Preferences(), w.win.Canvas().Size()) })
	a.Lifecycle().SetOnEnteredForeground(w.accounts.tick) // catch up after the computer slept

	w.configure()
	return w
}

// header is the window's title line, with Settings and About.
func (w *Window) header() fyne.CanvasObject {
	settings := newButton("Settings", widget.LowImportance, w.openSettings)
	settings.Icon = theme.SettingsIcon()
	about := newButton("About", widget.LowImportance, w.openAbout)
	about.Icon = theme.InfoIcon()
	heading := widget.NewLabelWithStyle("Make accounts on this computer", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewBorder(nil, nil, nil, container.NewHBox(settings, about), heading)
}

// Window returns the Fyne window, to show or test.
func (w *Window) Window() fyne.Window { return w.win }

// ShowAndRun shows the window and runs the app until it is closed.
func (w *Window) ShowAndRun() { w.win.ShowAndRun() }

// painted is called once, from the painter, when the window's first frame
// is drawn. Only then are the accounts read: the keychain's D-Bus traffic
// (and a Secret Service's unlock prompt) would otherwise compete with the
// window's first appearance, which is what the person is waiting for.
func (w *Window) painted() {
	if w.opts.OnFirstFrame != nil {
		w.opts.OnFirstFrame()
	}
	w.bridge.do(w.reload)
}

// applyConfig takes a changed configuration and reloads the accounts.
func (w *Window) applyConfig() {
	w.configure()
	w.reload()
}

// configure reads the configuration and builds the service for it.
func (w *Window) configure() {
	cfg, err := w.settings.load()
	if err == nil {
		err = cfg.Auth.Validate()
	}
	w.setup = setup{cfg: cfg, svc: w.opts.NewService(cfg), problem: err}
	w.accounts.use(w.setup.svc)
	w.updateIdle()
	if w.attempt == nil {
		w.showPanel(w.idle.box, w.idle.primary(w.setup.problem))
	}
}

// reload reads the accounts off the UI goroutine and shows them.
func (w *Window) reload() {
	svc := w.setup.svc
	w.bridge.background(func() func() {
		conns, skipped, err := svc.List()
		return func() {
			if svc != w.setup.svc {
				return // the settings changed meanwhile
			}
			w.setAccounts(conns, skipped, err)
		}
	})
}

// setAccounts shows the accounts read from the keychain.
func (w *Window) setAccounts(conns []*auth.Connection, skipped []error, err error) {
	switch {
	case err != nil:
		w.notice.set("Your accounts could not be read from the system keychain.", err)
		return
	case len(skipped) == 1:
		w.notice.set("One keychain entry could not be read and is not shown.", skipped[0])
	case len(skipped) > 1:
		w.notice.set("Some keychain entries could not be read and are not shown.", errors.Join(skipped...))
	}
	w.accounts.show(conns)
	w.updateIdle()
}

// updateIdle fits the idle panel to the setup and the accounts.
func (w *Window) updateIdle() {
	w.idle.update(w.setup.problem, w.accounts.len())
}

// showPanel puts p in the panel's place and gives the keyboard to focus.
func (w *Window) showPanel(p fyne.CanvasObject, focus fyne.Focusable) {
	w.panel.Objects = []fyne.CanvasObject{p}
	w.panel.Refresh()
	if focus != nil {
		w.win.Canvas().Focus(focus)
	}
}
