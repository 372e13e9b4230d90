package ui

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/testkit/keychaintest"
	"github.com/make-connect/make-connect/internal/testkit/person"
	"github.com/make-connect/make-connect/internal/testkit/sandbox"
)

// TestRejectedByMakeInTheWindowAndItsDiagnostics: once Make has forgotten
// an account's token (a sandbox started again on the same address), the
// window's row says "Rejected by Make", Copy diagnostics' doctor lines
// say failure and name the command that fixes it, and the row offers no
// token to copy: the same verdict as make-connect doctor and status
// --check (cli's TestRejectedEverywhere).
func TestRejectedByMakeInTheWindowAndItsDiagnostics(t *testing.T) {
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
	id := h.w.accounts.cards[0].conn.ID()

	u, err := url.Parse(sw.srv.Issuer())
	if err != nil {
		t.Fatal(err)
	}
	sw.srv.Close()
	sw.srv = sandbox.Start(t, sandbox.Options{Addr: u.Host}) // Make forgot every token

	test.Tap(h.w.accounts.checkButton)
	h.pumpUntil("Make's verdict", func() bool { return strings.Contains(screenText(h.w.win.Canvas()), "Rejected by Make") })
	if !h.w.accounts.cards[0].copyToken.Disabled() {
		t.Error("Copy access token is offered for a token Make rejected")
	}

	report := diagnostics(h.w.setup.backend.Doctor(context.Background(), h.w.settings.getenv), "", t0)
	var line string
	for _, l := range strings.Split(report, "\n") {
		if strings.Contains(l, "account "+id) {
			line = l
		}
	}
	if !strings.Contains(line, "failure") || !strings.Contains(line, "make-connect connect --account "+id) {
		t.Errorf("the diagnostics' line for the account is %q; want a failure naming make-connect connect --account %s\n%s", line, id, report)
	}
}
