package ui

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/testkit/keychaintest"
	"github.com/make-connect/make-connect/internal/testkit/person"
	"github.com/make-connect/make-connect/internal/testkit/sandbox"
)

// secretSet collects the secrets of a flow: those the app sends the
// browser, and every one the sandbox's token endpoint has seen.
type secretSet struct {
	mu   sync.Mutex
	list []string
	srv  *sandbox.Server
}

func (s *secretSet) add(v string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if v != "" {
		s.list = append(s.list, v)
	}
}

// all is every secret so far.
func (s *secretSet) all() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append(slices.Clone(s.list), s.srv.Secrets()...)
}

// in returns the secrets that text holds.
func (s *secretSet) in(text string) []string {
	var found []string
	for _, v := range s.all() {
		if strings.Contains(text, v) {
			found = append(found, v[:min(8, len(v))]+"…")
		}
	}
	return found
}

// TestNoSecretLeavesTheWindow runs a whole connect, a refresh and a
// disconnect through the window against the sandbox, and finds none of
// the flow's secrets — code, state, verifier, nonce, any token — in the
// window's log, on screen, or on the clipboard but where the person asked
// for a token.
func TestNoSecretLeavesTheWindow(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the sandbox")
	}
	// Tokens that live 90 s are due for renewal at once (RefreshMargin).
	sw := newSandboxWorld(t, sandbox.Options{RefreshTokens: true, AccessTokenLifespan: 90 * time.Second, Secrets: true})
	secrets := &secretSet{srv: sw.srv}
	store, _ := keychaintest.Memory(sw.env[config.EnvKeyringService])
	h := newHarness(t, &fakeService{}, withEnv(sw.env), withBackend(sw.backend(store)))
	c := h.w.win.Canvas()
	clipboard := h.app.Clipboard()

	// Connect.
	test.Tap(h.w.panels.idle.connect)
	h.pumpUntil("the browser to be given the sign-in link", func() bool { return len(h.browsed()) == 1 })
	authURL, err := url.Parse(h.w.attempt.flow.AuthURL())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"state", "nonce", "code_challenge"} {
		secrets.add(authURL.Query().Get(p))
	}
	go person.Person{Email: "grace@example.com"}.Approve(context.Background(), h.browsed()[0])
	h.pumpUntil("the account to show", func() bool { return len(h.w.accounts.cards) == 1 })

	// Renewed at once: its token lives less than the refresh margin.
	h.pumpUntil("a refresh", func() bool { return sw.logged("[refresh_token] grant") })
	h.pumpUntil("the renewed token to show", func() bool {
		v := h.w.sess.View()
		return len(v.Accounts) == 1 && v.Accounts[0].Refresh != nil && !v.Accounts[0].Refresh.Running
	})
	if found := secrets.in(screenText(c)); len(found) > 0 {
		t.Errorf("the window shows secrets: %q", found)
	}

	// The person asks for the token: that, and only that, is on the clipboard.
	test.Tap(buttonNamed(t, c, "Copy access token"))
	pressDialogButton(t, h, "Copy token")
	h.pumpUntil("the token to be copied", func() bool { return clipboard.Content() != "" })
	if found := secrets.in(clipboard.Content()); len(found) != 1 {
		t.Errorf("Copy token copied %d secrets, want the access token alone", len(found))
	}

	// The diagnostics a person sends to support hold none.
	test.Tap(buttonNamed(t, c, "About"))
	test.Tap(buttonNamed(t, c, "Copy diagnostics"))
	h.pumpUntil("the diagnostics to be copied", func() bool { return strings.Contains(clipboard.Content(), "make-connect doctor:") })
	diagnostics := clipboard.Content()
	if found := secrets.in(diagnostics); len(found) > 0 {
		t.Errorf("the diagnostics hold secrets: %q", found)
	}
	if !strings.Contains(diagnostics, "/token → 200") {
		t.Errorf("the diagnostics lack the request log:\n%s", diagnostics)
	}
	test.Tap(buttonNamed(t, c, "Close"))

	// Disconnect.
	test.Tap(buttonNamed(t, c, "Disconnect"))
	pressDialogButton(t, h, "Disconnect")
	h.pumpUntil("the account to go", func() bool { return len(h.w.accounts.cards) == 0 })
	h.pumpUntil("the revocation", func() bool { return sw.logged("revoke: done") })

	if found := secrets.in(screenText(c) + clipboard.Content()); len(found) > 0 {
		t.Errorf("the window or the clipboard holds secrets at the end: %q", found)
	}
	log := readLog(t, h.logDir)
	for _, want := range []string{"/token → 200", "/revoke → 200", "/api/v2/users/me → 200"} {
		if !strings.Contains(log, want) {
			t.Errorf("the window's log lacks %q:\n%s", want, log)
		}
	}
	if found := secrets.in(log); len(found) > 0 {
		t.Errorf("the window's log holds secrets: %q", found)
	}
	if n := len(secrets.all()); n < 8 {
		t.Errorf("only %d secrets were seen: the flow did not run whole", n)
	}
}

// readLog is the window's log, both files.
func readLog(t *testing.T, dir string) string {
	t.Helper()
	var all []byte
	for _, name := range []string{logName + ".1", logName} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	return string(all)
}
