package ui

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/testkit/keychaintest"
	"github.com/make-connect/make-connect/internal/testkit/sandbox"
)

// TestSchemeHandOverToTheWindow: the window waits with the app's scheme
// as its redirect URI; headless Chromium approves at the sandbox, the
// redirect to the scheme is caught, and the program (the command-line
// build, as shipped) is started with it as the operating system would.
// It hands the address to the window's sign-in and ends at once, without
// a word; the window connects. Started again with the same address, it
// finds nothing waiting and says that sign-in had already ended.
func TestSchemeHandOverToTheWindow(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium, the sandbox and the program")
	}
	browser := startChromium(t)
	bin := filepath.Join(t.TempDir(), "make-connect")
	build := exec.Command("go", "build", "-tags", "headless", "-o", bin, "..")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build the program: %v\n%s", err, out)
	}
	runtime := filepath.Join(t.TempDir(), "runtime")
	t.Setenv("XDG_RUNTIME_DIR", runtime) // the window's sign-in waits there
	defer func(id string) { config.AppID = id }(config.AppID)
	config.AppID = "com.makeconnect.app"

	sw := newSandboxWorld(t, sandbox.Options{})
	sw.env[config.EnvRedirectURI] = "com.makeconnect.app:/callback"
	store, _ := keychaintest.Memory(sw.env[config.EnvKeyringService])
	h := newHarness(t, &fakeService{}, withEnv(sw.env), withBackend(sw.backend(store)))
	c := h.w.win.Canvas()
	test.Tap(h.w.panels.idle.connect)
	h.pumpUntil("the browser to be sent to Make", func() bool { return len(h.browsed()) == 1 })
	if got := screenText(c); !strings.Contains(got, "hands the sign-in back to this app") {
		t.Errorf("the waiting panel does not say the browser hands the sign-in back: %s", got)
	}

	answer := approveInChromium(t, browser, h.browsed()[0], "com.makeconnect.app:/callback")
	run := func() (string, error) {
		cmd := exec.Command(bin, answer)
		cmd.Env = append(os.Environ(), "XDG_RUNTIME_DIR="+runtime)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := run(); err != nil || out != "" {
		t.Fatalf("the program started with the address: %v, said %q", err, out)
	}
	h.pumpUntil("the window to connect", func() bool { return strings.Contains(screenText(c), "Connected Ada Lovelace <ada@example.com>.") })
	if conns, _, _ := store.List(); len(conns) != 1 {
		t.Errorf("%d accounts stored, want 1", len(conns))
	}
	out, err := run()
	if err == nil || !strings.Contains(out, "No sign-in is waiting for this answer any more") || strings.Contains(out, "code=") {
		t.Errorf("started again: %v, said %q", err, out)
	}
}

// approveInChromium opens link in a new tab, presses Allow at the
// sandbox, and returns the address the sandbox sent the browser on to
// (starting with redirect), which is caught and not followed.
func approveInChromium(t *testing.T, browser context.Context, link, redirect string) string {
	t.Helper()
	tab, closeTab := chromedp.NewContext(browser)
	defer closeTab()
	paused := make(chan *fetch.EventRequestPaused, 16)
	chromedp.Listen(tab, func(ev any) {
		if e, ok := ev.(*fetch.EventRequestPaused); ok {
			paused <- e
		}
	})
	found := make(chan string, 1)
	ctx, cancel := context.WithCancel(tab)
	defer cancel()
	go func() {
		for {
			select {
			case e := <-paused:
				for _, h := range e.ResponseHeaders {
					if strings.EqualFold(h.Name, "Location") && strings.HasPrefix(h.Value, redirect+"?") {
						found <- h.Value
						chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: e.RequestID, ErrorReason: network.ErrorReasonAborted})
						return
					}
				}
				chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: e.RequestID})
			case <-ctx.Done():
				return
			}
		}
	}()
	if _, err := chromedp.Call(tab, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*", RequestStage: fetch.RequestStageResponse}}}); err != nil {
		t.Fatalf("intercepting the browser's requests: %v", err)
	}
	if err := chromedp.Do(tab, chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS(`button[value="allow"]`)),
		chromedp.Click(chromedp.CSS(`button[value="allow"]`))); err != nil {
		t.Fatalf("the consent page: %v", err)
	}
	select {
	case location := <-found:
		return location
	case <-time.After(30 * time.Second):
		t.Fatalf("the sandbox did not send the browser to %s", redirect)
	}
	return ""
}

// TestSchemeOnMacOSAsksForTheAddress: on macOS the scheme's address does
// not reach the window (config.SchemeHandedOver), so the waiting panel
// does not promise it; it asks for the address and says what to set
// instead. Elsewhere it says the browser hands the sign-in back.
func TestSchemeOnMacOSAsksForTheAddress(t *testing.T) {
	defer func(g string) { goos = g }(goos)
	b := newBridge(test.NewTempApp(t))
	for _, tc := range []struct{ goos, says, not string }{
		{"darwin", "on macOS the answer does not reach this window", "hands the sign-in back"},
		{"windows", "hands the sign-in back to this app", "macOS"},
		{"linux", "hands the sign-in back to this app", "macOS"},
	} {
		goos = tc.goos
		p := newWaitPanel(waitActions{}, b)
		p.waiting(time.Now().Add(time.Minute), config.PrivateScheme, "com.makeconnect.app:/callback")
		p.stop()
		if got := p.pasteIntro.Text; !strings.Contains(got, tc.says) || strings.Contains(got, tc.not) {
			t.Errorf("on %s the panel says %q; want %q, not %q", tc.goos, got, tc.says, tc.not)
		}
	}
}
