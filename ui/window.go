// Package ui is the app's window. It never speaks HTTP and never blocks the
// UI goroutine: it drives the account service through the Service
// interface, off the UI goroutine, and bridge.go is the one place where
// that work comes back to the widgets.
package ui

import (
	"errors"
	"io"
	"net/url"
	"os"

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
	// NewService builds the account service for a configuration, its HTTP
	// requests logged to log (config.Config.HTTPClient); the window calls
	// it at start and again when the settings change. An error (a CA file
	// that cannot be used) stops connecting and is shown; the service is
	// still used to list the accounts. Required.
	NewService func(cfg config.Config, log io.Writer) (Service, error)
	// LookupEnv reads the environment, whose MAKE_CONNECT_* variables
	// override the saved settings. Default os.LookupEnv.
	LookupEnv func(name string) (string, bool)
	// OpenURL sends the browser to the sign-in page. It is called off the
	// UI goroutine. Default the app's OpenURL.
	OpenURL func(*url.URL) error
	// Icon is the window's icon; nil keeps the app's.
	Icon fyne.Resource
	// LogDir is where the window keeps its log of requests: two files of
	// at most 1 MB. Default make-connect in the user's cache directory.
	LogDir string
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
	log      *requestLog

	// Read and written on the UI goroutine only.
	setup    setup
	attempt  *connecting
	accounts *accountList
	panels   panels
	notice   *noticeLine
}

// panels are the two panels under the header and the stack that shows
// one of them: idle (connect) or wait (an attempt runs).
type panels struct {
	stack *fyne.Container
	idle  idlePanel
	wait  waitPanel
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
	if opts.LookupEnv == nil {
		opts.LookupEnv = os.LookupEnv
	}
	w := &Window{app: a, bridge: b, opts: opts, settings: newSettingsStore(a.Preferences(), opts.LookupEnv),
		log: openRequestLog(opts.LogDir, debugLogging(opts.LookupEnv), os.Stderr)}
	w.win = a.NewWindow(config.AppName)
	if opts.Icon != nil {
		w.win.SetIcon(opts.Icon)
	}
	w.accounts = newAccountList(b, a.Preferences(), cardActions{
		reconnect: w.startConnect, copyToken: w.confirmCopyToken, makeDefault: w.makeDefault, disconnect: w.confirmDisconnect,
	})
	w.panels.idle = newIdlePanel(func() { w.startConnect("") }, w.openSettings)
	w.panels.wait = newWaitPanel(waitActions{cancel: w.cancelConnect, copyLink: w.copyLink, openAgain: w.openBrowser, finish: w.paste}, b)
	w.panels.stack = container.NewStack(w.panels.idle.box)
	w.notice = newNoticeLine(func(err error) { w.showError("What happened", err) })

	top := container.NewVBox(w.header(), w.panels.stack, w.notice.box)
	// Built by hand so that the tree, and with it the Tab order, runs top
	// to bottom (NewBorder puts the centre first).
	content := container.New(layout.NewBorderLayout(top, nil, nil, nil), top, w.accounts.scroll)
	w.win.SetContent(container.NewStack(firstFrameProbe(w.painted), content))
	w.win.Resize(windowSize(a.Preferences(), defaultSize))
	w.win.SetOnClosed(func() {
		saveWindowSize(a.Preferences(), w.win.Canvas().Size())
		w.log.close()
	})
	a.Lifecycle().SetOnEnteredForeground(w.accounts.tick) // catch up after the computer slept

	w.configure()
	return w
}

// header is the window's title line, with Check with Make (while there
// are accounts), Settings and About.
func (w *Window) header() fyne.CanvasObject {
	settings := newButton("Settings", widget.LowImportance, w.openSettings)
	settings.Icon = theme.SettingsIcon()
	about := newButton("About", widget.LowImportance, w.openAbout)
	about.Icon = theme.InfoIcon()
	heading := widget.NewLabelWithStyle("Make accounts on this computer", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewBorder(nil, nil, nil, container.NewHBox(w.accounts.checkButton, settings, about), heading)
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
	svc, svcErr := w.opts.NewService(cfg, w.log.w)
	if err == nil {
		err = svcErr
	}
	w.setup = setup{cfg: cfg, svc: svc, problem: err}
	w.accounts.use(svc, cfg.Zone)
	w.updateIdle()
	if w.attempt == nil {
		w.showPanel(w.panels.idle.box, w.panels.idle.primary(w.setup.problem))
	}
}

// reload reads the accounts off the UI goroutine and shows them.
func (w *Window) reload() {
	svc := w.setup.svc
	w.bridge.background(func() func() {
		read := readAccounts(svc)
		return func() { w.setAccounts(svc, read) }
	})
}

// accountsRead is what the keychain holds, as the service read it.
type accountsRead struct {
	conns     []*auth.Connection
	skipped   []error
	err       error
	defaultID string // the account tools use when they name none
}

// readAccounts lists the accounts; it blocks on the keychain.
func readAccounts(svc Service) accountsRead {
	conns, skipped, err := svc.List()
	r := accountsRead{conns: conns, skipped: skipped, err: err}
	for _, c := range conns {
		if svc.IsDefault(c, conns) {
			r.defaultID = c.ID()
		}
	}
	return r
}

// setAccounts shows the accounts svc read from the keychain, unless the
// settings changed meanwhile.
func (w *Window) setAccounts(svc Service, r accountsRead) {
	if svc != w.setup.svc {
		return
	}
	switch {
	case r.err != nil:
		w.notice.set("Your accounts could not be read from the system keychain.", r.err)
		return
	case len(r.skipped) == 1:
		w.notice.set("One keychain entry could not be read and is not shown.", r.skipped[0])
	case len(r.skipped) > 1:
		w.notice.set("Some keychain entries could not be read and are not shown.", errors.Join(r.skipped...))
	}
	w.accounts.show(r.conns, r.defaultID)
	w.updateIdle()
}

// updateIdle fits the idle panel to the setup and the accounts.
func (w *Window) updateIdle() {
	w.panels.idle.update(w.setup.problem, w.accounts.len())
}

// showPanel puts p in the panel's place and gives the keyboard to focus.
func (w *Window) showPanel(p fyne.CanvasObject, focus fyne.Focusable) {
	w.panels.stack.Objects = []fyne.CanvasObject{p}
	w.panels.stack.Refresh()
	if focus != nil {
		w.win.Canvas().Focus(focus)
	}
}
