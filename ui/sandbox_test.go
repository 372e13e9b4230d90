package ui

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/app"
	"github.com/make-connect/make-connect/internal/core/accounts"
	"github.com/make-connect/make-connect/internal/testkit/keychaintest"
	"github.com/make-connect/make-connect/internal/testkit/person"
	"github.com/make-connect/make-connect/internal/testkit/sandbox"
)

// sandboxWorld is the real account service against the sandbox Make, with
// an in-memory keychain.
type sandboxWorld struct {
	srv *sandbox.Server
	env map[string]string
}

func newSandboxWorld(t testing.TB, opts sandbox.Options) *sandboxWorld {
	t.Helper()
	sw := &sandboxWorld{}
	srv := sandbox.Start(t, opts)
	sw.srv = srv
	sw.env = map[string]string{
		config.EnvClientID: "make-connect-ui-test", config.EnvIssuer: srv.Issuer(),
		config.EnvAPIBase: srv.Issuer() + "/api/v2", config.EnvKeyringService: "com.makeconnect.ui-test." + t.Name(),
	}
	return sw
}

// backend builds the real account service on store, its requests
// logged where the window says, as main does.
func (sw *sandboxWorld) backend(store accounts.Store) func(l app.Loaded, log io.Writer) (Backend, error) {
	return appBackend(app.Env{
		Getenv:    func(string) string { return "" },
		OpenStore: func(config.Config) (accounts.Store, error) { return store, nil },
	})
}

func (sw *sandboxWorld) logged(s string) bool { return sw.srv.Logged(s) }

// timesLogged is how many of the sandbox's log lines hold s.
func (sw *sandboxWorld) timesLogged(s string) int {
	n := 0
	for _, l := range strings.Split(sw.srv.Log(), "\n") {
		if strings.Contains(l, s) {
			n++
		}
	}
	return n
}

// onUI runs f as the UI goroutine runs an update, and keeps the longest
// it took in h.slowest. How long is too long is BenchmarkUIUpdates' to
// say: a test on a busy machine cannot tell a slow update from a slow
// machine.
func (h *harness) onUI(f func()) {
	start := time.Now()
	f()
	h.slowest = max(h.slowest, time.Since(start))
}

// pumpUntil runs what background work hands back until cond holds.
func (h *harness) pumpUntil(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		select {
		case f := <-h.queue:
			h.onUI(f)
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("waited 20 s for %s; the window shows:\n%s", what, screenText(h.w.win.Canvas()))
		}
	}
}

// TestCancelDuringSlowTokenExchange holds the sandbox's token endpoint
// back 10 s: while the exchange hangs the window stays responsive, and
// Cancel ends the attempt at once, the exchange included.
func TestCancelDuringSlowTokenExchange(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the sandbox")
	}
	sw := newSandboxWorld(t, sandbox.Options{TokenDelay: 10 * time.Second})
	store, _ := keychaintest.Memory(sw.env[config.EnvKeyringService])
	h := newHarness(t, &fakeService{}, withEnv(sw.env), withBackend(sw.backend(store)))
	c := h.w.win.Canvas()
	test.Tap(h.w.panels.idle.connect)
	h.pumpUntil("the browser to be sent to Make", func() bool { return len(h.browsed()) == 1 })

	// The person approves; the app's exchange then hangs at the token
	// endpoint.
	approved := make(chan error, 1)
	go func() {
		_, _, err := person.Person{}.Approve(context.Background(), h.browsed()[0])
		approved <- err
	}()
	h.pumpUntil("the person to press Allow", func() bool { return sw.logged("allowed client") })
	// The browser now visits the app's callback, whose exchange waits on
	// the token endpoint; give it a moment to get there.
	settleUntil := time.Now().Add(300 * time.Millisecond)
	h.pumpUntil("a moment", func() bool { return time.Now().After(settleUntil) })
	wantText(t, c, waitingText())

	// The window says so before any background work has run, and the
	// sandbox sees the exchange end inside its 10 s delay: Cancel ended
	// it, not the token endpoint's answer. (How long Cancel holds the UI
	// goroutine is BenchmarkUIUpdates' to measure.)
	test.Tap(buttonNamed(t, c, "Cancel"))
	wantText(t, c, "Connecting was cancelled.", "[Connect to Make]")
	h.pumpUntil("the sandbox to see the app go away", func() bool {
		return sw.logged("the client went away during the 10s token delay")
	})
	select {
	case <-approved:
	case <-time.After(5 * time.Second):
		t.Error("the browser's request never got its answer")
	}
	if conns, _, _ := store.List(); len(conns) != 0 {
		t.Errorf("a cancelled attempt stored %d accounts", len(conns))
	}
}

// TestConnectAgainstTheSandbox is the whole flow with the real service:
// the account the sandbox says was connected is listed.
func TestConnectAgainstTheSandbox(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the sandbox")
	}
	sw := newSandboxWorld(t, sandbox.Options{})
	store, _ := keychaintest.Memory(sw.env[config.EnvKeyringService])
	h := newHarness(t, &fakeService{}, withEnv(sw.env), withBackend(sw.backend(store)))
	test.Tap(h.w.panels.idle.connect)
	h.pumpUntil("the browser to be sent to Make", func() bool { return len(h.browsed()) == 1 })
	go person.Person{Email: "grace@example.com"}.Approve(context.Background(), h.browsed()[0])
	h.pumpUntil("the account to show", func() bool { return len(h.w.accounts.cards) == 1 })
	wantText(t, h.w.win.Canvas(), "Grace", "grace@example.com (confirmed by Make)", "Valid", "(in 59m)")
}
