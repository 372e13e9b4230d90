// Package ui is the app's window. It shows what the account session
// (package session) reports and hands it what the person asks for; it
// decides nothing about accounts itself, never speaks HTTP and never blocks
// the UI goroutine: the session's work, the keychain and the settings file
// run off it, and bridge.go is the one place where results come back to the
// widgets.
package ui

import (
	"context"
	"errors"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/app"
	"github.com/make-connect/make-connect/internal/core/accounts"
	"github.com/make-connect/make-connect/internal/core/doctor"
	"github.com/make-connect/make-connect/internal/core/session"
	"github.com/make-connect/make-connect/internal/platform/sanitize"
	"github.com/make-connect/make-connect/internal/words/explain"
)

// Backend is what the window works with under one configuration: the
// account service its session runs on, the doctor's checks with the same
// HTTP client and keychain, and the keychain's change mark.
type Backend struct {
	Accounts session.Accounts
	// Doctor runs make-connect doctor's checks under getenv.
	Doctor func(ctx context.Context, getenv func(string) string) doctor.Report
	// ChangeMark is the file another process rewrites when it changes an
	// account (app.App.ChangeMark); nil: none is watched.
	ChangeMark func() (string, error)
	// Close waits, for a bounded time, for the keychain's work the
	// backend's writes left running (app.App.Close); the window calls it
	// when it drops the backend and when it closes. Nil: nothing to wait
	// for.
	Close func() error
}

// closeBackend waits for b's unfinished keychain work, and logs when it
// stopped waiting.
func (w *Window) closeBackend(b Backend) {
	if b.Close == nil {
		return
	}
	if err := b.Close(); err != nil {
		w.log.note("the keychain's clean-up: " + sanitize.Hide(err.Error()))
	}
}

// Options is what the window needs from main.
type Options struct {
	// NewBackend builds the backend for a loaded configuration, its HTTP
	// requests logged to log, its browser pages in the window's language
	// (app.Env.Pages); the window calls it at start and again when
	// the settings change, never for a configuration that did not load.
	// An error (a CA file that cannot be used, a keychain that did not
	// open) stops connecting and is shown; the backend is still used to
	// list the accounts. Default: the app (app.Build) over the same
	// environment and policy, on the keychain OpenStore opens.
	NewBackend func(l app.Loaded, log io.Writer) (Backend, error)
	// OpenStore opens the keychain a configuration names. Default
	// app.OpenKeychain.
	OpenStore func(cfg config.Config) (accounts.Store, error)
	// LookupEnv reads the environment, whose MAKE_CONNECT_* variables
	// override the saved settings. Default os.LookupEnv.
	LookupEnv func(name string) (string, bool)
	// ReadPolicy reads the organization's managed policy, above every
	// other source (config.ReadPolicy); nil reads none.
	ReadPolicy func() (config.Policy, error)
	// OpenURL sends the browser to the sign-in page. It is called off the
	// UI goroutine. Default the app's OpenURL.
	OpenURL func(*url.URL) error
	// Icon is the window's icon; nil keeps the app's.
	Icon fyne.Resource
	// LogDir is where the window keeps its log of requests: two files of
	// at most 1 MB. Default make-connect in the user's cache directory.
	LogDir string
	// NoticeDir keeps the record of desktop notices sent, shared by every
	// window. Default notices in make-connect in the user's cache
	// directory.
	NoticeDir string
	// OnFirstFrame, if set, is called once, from the painter, when the
	// window's first frame is drawn (make bench).
	OnFirstFrame func()
	// Notices is Make Connect's licence and the third-party notices, which
	// About's Licences button shows; "" shows no button.
	Notices string
	// SetPrivateClipboard puts a secret on the clipboard marked private;
	// an error means the app's clipboard is used instead. Default
	// app.SetPrivateClipboard (Windows; elsewhere it always fails).
	SetPrivateClipboard func(text string) error
}

// defaultSize is the window's size until a person resizes it.
var defaultSize = fyne.NewSize(640, 600)

// Window is the main window: the frame (header, panels, notice line,
// dialogs) and under it the list of accounts, which shows what the
// session reports (accountList). What it holds beyond that is the
// session's, or a small type of its own.
type Window struct {
	app      fyne.App
	bridge   *bridge
	opts     Options
	settings *settingsStore
	log      *requestLog
	sess     *session.Session

	// Read and written on the UI goroutine only.
	setup    setup
	accounts *accountList
	frame
	attempts
	followed
	// clipped: the secret the window put on the clipboard last (clipboard.go).
	clipped secretOnClipboard
}

// frame is what the window draws around the accounts.
type frame struct {
	win     fyne.Window
	managed *widget.Label   // "Managed by …", under the heading
	content *fyne.Container // the top area above the accounts
	panels  panels
	notice  *noticeLine
	// relayoutDue: a relayout is queued for after this update.
	relayoutDue bool
}

// attempts are the connect attempt that runs, if any, and one asked for
// before the settings were read.
type attempts struct {
	attempt *connecting
	// pendingConnect is a connect asked for before the settings were
	// read: the account to reconnect, or "".
	pendingConnect *string
}

// followed is how far the window has followed the session and other
// processes.
type followed struct {
	// watching: 0, nothing is watched yet; 1, the settings; 2, the
	// keychain's change mark too.
	watching int
	read     int // the session's View.Read last shown
}

// panels are the two panels under the header and the stack that shows
// one of them: idle (connect) or wait (an attempt runs; nil until the
// first attempt, see waitPanel).
type panels struct {
	stack *fyne.Container
	idle  idlePanel
	wait  *waitPanel
}

// setup is what the window runs with: the configuration the settings
// resolve to, the saved settings it was resolved from, the backend built
// for it, and what (if anything) stops connecting. They change together,
// when the settings do.
type setup struct {
	cfg     config.Config
	saved   config.Settings
	backend Backend
	problem error
	// fixable: the Settings dialog can put problem right (app.InSettings).
	fixable bool
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
	settings := newSettingsStore(opts.LookupEnv, opts.ReadPolicy)
	if opts.NewBackend == nil {
		env := settings.appEnv()
		env.OpenStore = opts.OpenStore
		opts.NewBackend = appBackend(env)
	}
	if opts.NoticeDir == "" {
		if cache, err := os.UserCacheDir(); err == nil {
			opts.NoticeDir = filepath.Join(cache, "make-connect", "notices")
		}
	}
	w := &Window{app: a, bridge: b, opts: opts, settings: settings,
		log: openRequestLog(opts.LogDir, debugLogging(opts.LookupEnv), os.Stderr)}
	w.sess = session.New(session.Options{
		Clock:   b.clock,
		Spawn:   b.spawn,
		Changed: b.coalesce(w.render),
		Notify: func(n session.Notice) {
			title, text := explain.Notification(n)
			b.notify(&fyne.Notification{Title: title, Content: text})
		},
		Notices: session.NewNotices(opts.NoticeDir),
	})
	w.win = a.NewWindow(config.AppName) // its icon is set once it has painted
	w.accounts = newAccountList(w.sess, cardActions{
		reconnect: w.startConnect, copyToken: w.confirmCopyToken, makeDefault: w.makeDefault, disconnect: w.confirmDisconnect,
	})
	w.panels.idle = newIdlePanel(func() { w.startConnect("") }, w.openSettings)
	w.panels.stack = container.NewStack(w.panels.idle.box)
	w.notice = newNoticeLine(func(err error) { w.showError(lang.L("What happened"), err) }, w.relayout)

	top := container.NewVBox(w.header(), w.panels.stack, w.notice.box)
	// The tree, and with it the Tab order, runs top to bottom.
	w.content = container.New(topThenRest{}, top, w.accounts.pane)
	w.accounts.relayout = w.relayout
	w.win.SetContent(container.NewStack(firstFrameProbe(w.painted), w.content))
	w.win.Resize(windowSize(a.Preferences(), defaultSize))
	w.win.SetOnClosed(func() {
		delete(scrolls, w.accounts.scroll)
		w.takeBackOnClose()
		saveWindowSize(a.Preferences(), w.win.Canvas().Size())
		w.closeBackend(w.setup.backend)
		w.log.close()
	})
	a.Lifecycle().SetOnEnteredForeground(w.sess.Tick) // catch up after the computer slept

	w.configure(false)
	return w
}

// header is the window's title line, with Check with Make (while there
// are accounts), Settings and About.
func (w *Window) header() fyne.CanvasObject {
	settings := newButton(lang.L("Settings"), widget.LowImportance, w.openSettings)
	settings.Icon = theme.SettingsIcon()
	about := newButton(lang.L("About"), widget.LowImportance, w.openAbout)
	about.Icon = theme.InfoIcon()
	heading := widget.NewLabelWithStyle(lang.L("Make accounts on this computer"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.managed = wrapped("")
	w.managed.SizeName = theme.SizeNameCaptionText
	w.managed.Hide()
	// In a narrow window the buttons go under the heading.
	return container.New(layout.NewCustomPaddedVBoxLayout(0),
		newHeadedRow(heading, w.accounts.checkButton, settings, about), w.managed)
}

// Window returns the Fyne window, to show or test.
func (w *Window) Window() fyne.Window { return w.win }

// ShowAndRun shows the window and runs the app until it is closed.
func (w *Window) ShowAndRun() { w.win.ShowAndRun() }

// Raise brings the window to the front: another launch of the app asked
// for it (see package instance). It is called on the UI goroutine.
func (w *Window) Raise() {
	w.win.Show()
	w.win.RequestFocus()
}

// Tell says what err says in a dialog, and in the notice line after it:
// the program was started for something that could not be done (the
// answer of a sign-in that had already ended). A dialog, as start-up's
// own notices (a keychain that cannot be read) would replace the line. It
// is called on the UI goroutine.
func (w *Window) Tell(err error) {
	words := explain.Plain(err, w.face())
	w.notice.set(words, nil)
	d := dialog.NewCustomWithoutButtons(lang.L("Sign-in not completed"), wrapped(words), w.win)
	closeButton := newButton(lang.L("Close"), widget.HighImportance, d.Hide)
	d.SetButtons([]fyne.CanvasObject{closeButton})
	w.showDialog(d, closeButton)
	w.bridge.spawn(func() { w.log.note("told at start: " + sanitize.Hide(err.Error())) })
}

// settled is called once start-up is over: the first read of the
// accounts shown and painted. Start-up leaves garbage behind that an idle
// window never makes again, most of it from parsing Fyne's fonts and the
// system's fallback font for each text style used (the bold of names and
// headings doubles it): some 15 MB. Go keeps those pages until the heap
// grows back to twice what is live, which an idle window, allocating
// little, does not soon do, so the window would stay some 10 MB larger
// than it needs to be (make bench measures it). They are given back now.
func settled() { debug.FreeOSMemory() }

// painted is called once, from the painter, when the window's first frame
// is drawn. Only then are the accounts read and the icon set: the
// keychain's D-Bus traffic (and a Secret Service's unlock prompt), and
// decoding the 512×512 icon and handing it to the window system, would
// otherwise compete with the window's first appearance, which is what the
// person is waiting for.
func (w *Window) painted() {
	if w.opts.OnFirstFrame != nil {
		w.opts.OnFirstFrame()
	}
	w.bridge.do(func() {
		w.reload()
		if w.opts.Icon != nil {
			w.win.SetIcon(w.opts.Icon)
		}
	})
}

// waitPanel is the panel an attempt shows, made at the first attempt:
// until then it is hidden, and making it (measuring its text) before the
// first frame would only delay that.
func (w *Window) waitPanel() *waitPanel {
	if w.panels.wait == nil {
		w.panels.wait = newWaitPanel(waitActions{cancel: w.cancelConnect, copyLink: w.copyLink, openAgain: w.openBrowser, finish: w.paste}, w.bridge)
	}
	return w.panels.wait
}

// applyConfig reads the settings again and uses what they resolve to: they
// were saved, here or by another process.
func (w *Window) applyConfig() { w.configure(true) }

// configure reads the settings off the UI goroutine, resolves the
// configuration, builds the backend for it and hands it to the session.
// A configuration that does not load builds nothing: the window lists no
// account and says what is wrong. Until the first frame is painted the
// session reads no account.
func (w *Window) configure(changed bool) {
	settings, newBackend, log := w.settings, w.opts.NewBackend, w.log.w
	w.bridge.background(func() func() {
		l, err := settings.load()
		var backend Backend
		if err == nil {
			err = auth.FromConfig(l.Config).Validate()
			if err == nil {
				err = app.ConnectStopped(l.Config)
			}
			var backendErr error
			backend, backendErr = newBackend(l, log)
			if err == nil {
				err = backendErr
			}
		}
		fixable := app.InSettings(err, l.Config)
		return func() {
			w.use(setup{cfg: l.Config, saved: l.Saved, backend: backend, problem: err, fixable: fixable})
			if changed {
				w.render() // the zone, the default
			}
		}
	})
}

// appBackend is the backend the app builds (app.Build) under env.
func appBackend(env app.Env) func(l app.Loaded, log io.Writer) (Backend, error) {
	return func(l app.Loaded, log io.Writer) (Backend, error) {
		env.Pages = explain.BrowserPages() // the browser's pages speak the window's language
		a := app.Build(env, l, log)
		err := a.StoreErr
		if err == nil {
			err = a.Blocked
		}
		return Backend{Accounts: session.Live(a.Accounts), Doctor: a.Doctor, ChangeMark: a.ChangeMark, Close: a.Close}, err
	}
}

// use takes a new setup: the session runs on its backend, the idle panel
// says what stops connecting, and the watch for other processes' changes
// starts with the first one.
func (w *Window) use(s setup) {
	if old := w.setup.backend; old.Close != nil {
		w.bridge.spawn(func() { w.closeBackend(old) })
	}
	w.setup = s
	var notes []string
	for _, pe := range s.cfg.Policy.Problems {
		notes = append(notes, "the organization's policy: "+sanitize.Hide(pe.Error()))
	}
	if s.problem != nil {
		notes = append(notes, "connecting is stopped: "+sanitize.Hide(s.problem.Error()))
	}
	if len(notes) > 0 {
		w.bridge.spawn(func() {
			for _, note := range notes {
				w.log.note(note)
			}
		})
	}
	w.accounts.zone = s.cfg.Zone
	w.accounts.noCopy = s.cfg.Policy.DisableTokenCopy
	var managed []string
	if by := s.cfg.Policy.ManagedBy; by != "" {
		managed = append(managed, explain.ManagedBy(by))
	}
	if problems := explain.PolicyProblems(s.cfg.Policy); problems != "" {
		managed = append(managed, problems)
	}
	if len(managed) > 0 {
		w.managed.SetText(strings.Join(managed, " · "))
		w.managed.Show()
	} else {
		w.managed.Hide()
	}
	w.sess.Use(s.backend.Accounts)
	w.updateIdle()
	if w.attempt == nil {
		w.showPanel(w.panels.idle.box, w.panels.idle.primary(w.setup.problem, w.setup.fixable))
	}
	w.watch(s.backend)
	if r := w.pendingConnect; r != nil {
		w.pendingConnect = nil
		w.startConnect(*r)
	}
}

// watch follows what other processes change — the command line, a second
// window, an uninstaller — within moments: the saved settings, the default
// account among them, from the first setup on, and accounts connected,
// renewed or disconnected (the keychain's change mark) from the first
// setup that has a keychain.
func (w *Window) watch(b Backend) {
	if w.watching == 2 || w.watching == 1 && b.ChangeMark == nil {
		return
	}
	var files []session.Watched
	if w.watching == 0 {
		if path, err := w.settings.path(); err == nil {
			files = append(files, session.Watched{Path: path, Change: session.SettingsChanged, Mine: config.WrittenHere})
		}
		w.watching = 1
	}
	if b.ChangeMark != nil {
		if mark, err := b.ChangeMark(); err == nil {
			files = append(files, session.Watched{Path: mark, Change: session.AccountsChanged, Mine: session.MarkedHere})
		}
		w.watching = 2
	}
	session.Watch(context.Background(), files, func(c session.Change) {
		w.log.note("another process changed the " + map[session.Change]string{
			session.AccountsChanged: "accounts", session.SettingsChanged: "settings",
			session.AccountsChanged | session.SettingsChanged: "accounts and settings"}[c])
		w.sess.Elsewhere() // the next read is worth a notice
		w.bridge.do(func() {
			if c&session.SettingsChanged != 0 {
				w.applyConfig()
			} else {
				w.reload()
			}
		})
	})
}

// reload reads the accounts again (the session does, off the UI
// goroutine).
func (w *Window) reload() { w.sess.Reload() }

// render shows what the session reports now.
func (w *Window) render() {
	v := w.sess.View()
	if w.accounts.show(v) {
		n := len(v.Accounts)
		w.bridge.spawn(func() { w.log.note(explain.Plural(n, "account", "accounts") + " shown") })
	}
	if v.Read != w.read { // a new read of the keychain: say what it found wrong
		if w.read == 0 {
			time.AfterFunc(time.Second, settled) // once painted
		}
		w.read = v.Read
		switch {
		case v.ReadErr != nil:
			w.notice.set(lang.L("Your accounts could not be read from the system keychain."), v.ReadErr)
		case len(v.Skipped) == 1:
			w.notice.set(lang.L("One keychain entry could not be read and is not shown."), v.Skipped[0])
		case len(v.Skipped) > 1:
			w.notice.set(lang.L("Some keychain entries could not be read and are not shown."), errors.Join(v.Skipped...))
		case v.DefaultErr != nil:
			w.notice.set(explain.Plain(v.DefaultErr, explain.Window), nil)
		case v.Elsewhere != nil && w.attempt == nil:
			if words := explain.ChangedElsewhere(v.Elsewhere.Before, v.Conns()); words != "" {
				w.notice.set(words, nil)
				w.bridge.spawn(func() { w.log.note("said what another process changed") })
			}
		}
	}
	w.updateIdle()
}

// updateIdle fits the idle panel to the setup and the accounts.
func (w *Window) updateIdle() {
	w.panels.idle.update(w.setup.problem, w.setup.fixable, w.accounts.len())
	w.relayout()
}

// relayout lays the window out again after something in it changed its
// height: a panel, a notice, a row opened or closed. The changes of one
// update are laid out once, after it.
func (w *Window) relayout() {
	if w.content == nil || w.relayoutDue {
		return
	}
	w.relayoutDue = true
	w.bridge.do(func() {
		w.relayoutDue = false
		w.content.Layout.Layout(w.content.Objects, w.content.Size())
		w.win.Canvas().Refresh(w.content)
	})
}

// showPanel puts p in the panel's place and gives the keyboard to focus.
func (w *Window) showPanel(p fyne.CanvasObject, focus fyne.Focusable) {
	w.panels.stack.Objects = []fyne.CanvasObject{p}
	w.panels.stack.Refresh()
	w.relayout()
	if focus != nil {
		w.win.Canvas().Focus(focus)
	}
}
