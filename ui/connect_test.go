package ui

import (
	"errors"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/session"
)

var fyneKeyReturn = fyne.KeyEvent{Name: fyne.KeyReturn}

// startWaiting presses Connect and returns the attempt the window waits on.
func startWaiting(t *testing.T, h *harness) *fakeAttempt {
	t.Helper()
	test.Tap(h.w.panels.idle.connect)
	h.settle()
	a := h.svc.lastAttempt()
	if a == nil {
		t.Fatal("Connect did not begin an attempt")
	}
	return a
}

func TestPasteCompletesTheAttempt(t *testing.T) {
	h := newHarness(t, &fakeService{})
	a := startWaiting(t, h)
	const address = "http://127.0.0.1:53682/callback?code=abc&state=xyz"
	test.Type(h.w.panels.wait.paste, address)
	test.Tap(buttonNamed(t, h.w.win.Canvas(), "Finish connecting"))
	h.settle()
	if got, _ := a.pasted.Load().(string); got != address {
		t.Errorf("Paste got %q, want %q", got, address)
	}
	wantText(t, h.w.win.Canvas(), "Connected Pasted Person <p@example.com>.", "Pasted Person")
}

func TestPasteProblemIsShownNextToTheField(t *testing.T) {
	svc := &fakeService{}
	h := newHarness(t, svc)
	a := startWaiting(t, h)
	a.pasteErr = &auth.NotTheCallbackError{Redirect: "http://127.0.0.1:53682/callback"} // as auth returns it
	const shown = "That is not the address this sign-in ended on: it should start with http://127.0.0.1:53682/callback."
	test.Type(h.w.panels.wait.paste, "https://example.com/")
	h.w.panels.wait.paste.TypedKey(&fyneKeyReturn) // Enter submits the field
	h.settle()
	wantText(t, h.w.win.Canvas(), shown, waitingText())
	if h.w.panels.wait.finish.Disabled() || a.isClosed() {
		t.Error("a wrong paste ended the attempt; it should keep waiting")
	}
	test.Type(h.w.panels.wait.paste, "x")
	dontWantText(t, h.w.win.Canvas(), shown)
}

func TestCancelEndsTheAttemptAtOnce(t *testing.T) {
	svc := &fakeService{}
	h := newHarness(t, svc)
	a := startWaiting(t, h)
	// The window says so before any background work has run (how long
	// Cancel holds the UI goroutine is BenchmarkUIUpdates' to measure).
	test.Tap(buttonNamed(t, h.w.win.Canvas(), "Cancel"))
	wantText(t, h.w.win.Canvas(), "Connecting was cancelled.", "[Connect to Make]")
	h.settle()
	if !a.isClosed() {
		t.Error("Cancel did not close the attempt (its port and exchange)")
	}
	// A result that comes in after Cancel changes nothing.
	h.w.finished(&connecting{}, &session.Result{Conn: ada(time.Hour)}, nil)
	dontWantText(t, h.w.win.Canvas(), "Connected Ada")
}

func TestAttemptOutcomes(t *testing.T) {
	cases := []struct {
		err    error
		notice string
		dialog bool
	}{
		{auth.ErrDeclined, "You pressed Deny in the browser, so nothing was connected.", false},
		{auth.ErrTimedOut, "did not finish in time, so nothing was connected. Press Connect to Make to try again.", false},
		{&auth.PortError{Port: "53682", Err: syscall.EADDRINUSE}, "Connecting did not work.", true},
		{&auth.TokenError{Status: 400, Code: "invalid_grant"}, "Connecting did not work.", true},
	}
	for _, tc := range cases {
		t.Run(tc.err.Error(), func(t *testing.T) {
			h := newHarness(t, &fakeService{})
			startWaiting(t, h).complete(nil, tc.err)
			h.settle()
			c := h.w.win.Canvas()
			wantText(t, c, tc.notice, "[Connect to Make]")
			if got := len(c.Overlays().List()) == 1; got != tc.dialog {
				t.Errorf("error dialog shown = %v, want %v", got, tc.dialog)
			}
			if tc.dialog {
				wantText(t, c, plainWords(tc.err))
			}
			// A failed connect leaves its line in the window's log.
			if log := h.w.log.tail(); !strings.Contains(log, "window: connecting did not finish: "+tc.err.Error()) {
				t.Errorf("the log has no line for the failed connect:\n%s", log)
			}
		})
	}
}

// TestTimeOutNamesTheButtonAsLabelled: with an account shown, the button
// reads "Connect another account", and so does the advice.
func TestTimeOutNamesTheButtonAsLabelled(t *testing.T) {
	h := newHarness(t, &fakeService{stored: []*account.Connected{ada(time.Hour)}})
	startWaiting(t, h).complete(nil, auth.ErrTimedOut)
	h.settle()
	wantText(t, h.w.win.Canvas(), "Press Connect another account to try again.", "[Connect another account]")
}

// TestBrowserThatDoesNotOpenIsExplained: the launcher's failure is shown
// (without the link), and Copy link comes first and has the keyboard.
func TestBrowserThatDoesNotOpenIsExplained(t *testing.T) {
	svc := &fakeService{openErr: errors.New(`exec: "xdg-open" http://127.0.0.1:53682/launch/1: executable file not found in $PATH`)}
	h := newHarness(t, svc)
	startWaiting(t, h)
	c := h.w.win.Canvas()
	wantText(t, c, `Your browser could not be opened (exec: "xdg-open" the sign-in link: executable file not found in $PATH). Press Copy link`)
	dontWantText(t, c, "/launch/", "should open in your browser")
	if first := h.w.panels.wait.buttons.Objects[0]; first != h.w.panels.wait.copyLink {
		t.Errorf("the first button is %q, want Copy link", first.(*button).Text)
	}
	if c.Focused() != h.w.panels.wait.copyLink {
		t.Errorf("%s has the keyboard, want Copy link", controlName(c.Focused()))
	}
	// A new attempt starts with the usual order.
	test.Tap(buttonNamed(t, c, "Cancel"))
	svc.openErr = nil
	startWaiting(t, h)
	if first := h.w.panels.wait.buttons.Objects[0]; first != h.w.panels.wait.cancel {
		t.Error("after a failed launcher, the next attempt still puts Copy link first")
	}
}

// TestConfigurationProblemBlocksConnecting: a setting that cannot work
// stops connecting; set in the environment, Settings cannot change it, so
// the panel says where it is set and offers no Settings button.
func TestConfigurationProblemBlocksConnecting(t *testing.T) {
	h := newHarness(t, &fakeService{}, withEnv(map[string]string{
		"MAKE_CONNECT_CLIENT_ID": "x", "MAKE_CONNECT_REDIRECT_URI": "http://localhost:1/callback",
	}))
	c := h.w.win.Canvas()
	wantText(t, c, "Write http://127.0.0.1 instead of localhost in the redirect URI", "(Set by MAKE_CONNECT_REDIRECT_URI in the environment.)")
	dontWantText(t, c, "[Open Settings]", "[Connect to Make]")
	h.w.startConnect("")
	if h.svc.lastAttempt() != nil {
		t.Error("an attempt began despite the bad setting")
	}
}

// TestPortProblemLeadsToSettings: a redirect port that cannot be opened
// is said as a port problem, with Open Settings, where it can be changed.
func TestPortProblemLeadsToSettings(t *testing.T) {
	svc := &fakeService{beginErr: &config.SettingError{Env: config.EnvRedirectURI, Source: config.FromSaved,
		Err: &auth.PortError{Port: "53682", Why: auth.PortInUse, Err: syscall.EADDRINUSE}}}
	h := newHarness(t, svc)
	c := h.w.win.Canvas()
	test.Tap(buttonNamed(t, c, "Connect to Make"))
	h.settle()
	wantText(t, c, "Port 53682 is in use by another program. Close that program, or use another port: choose another redirect URI registered with Make in Settings.")
	dontWantText(t, c, "could not be reached")
	test.Tap(buttonNamed(t, c, "Open Settings"))
	wantText(t, c, "Redirect URI", "[Save]")
}
