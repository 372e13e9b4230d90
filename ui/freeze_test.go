package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/testkit/keychaintest"
	"github.com/make-connect/make-connect/internal/testkit/person"
	"github.com/make-connect/make-connect/internal/testkit/sandbox"
)

// BenchmarkUIUpdates runs the window's busiest work against the sandbox —
// Connect, Cancel, Connect again, the person's Allow, Disconnect and its
// revocation — and times every press and every update handed back to the
// UI goroutine. It reports the slowest and fails above uiUpdateLimit: a
// keychain or network call on the UI goroutine would freeze the window.
// It is a benchmark, run by make bench, because a test cannot tell a slow
// update from a busy machine.
func BenchmarkUIUpdates(b *testing.B) {
	sw := newSandboxWorld(b, sandbox.Options{})
	store, _ := keychaintest.Memory(sw.env[config.EnvKeyringService])
	h := newHarness(b, &fakeService{}, withEnv(sw.env), withBackend(sw.backend(store)))
	c := h.w.win.Canvas()
	press := func(label string) { h.onUI(func() { test.Tap(buttonNamed(b, c, label)) }) }
	connect := func() {
		sent := len(h.browsed())
		h.onUI(func() { test.Tap(h.w.panels.idle.connect) })
		h.pumpUntil("the browser to be sent to Make", func() bool { return len(h.browsed()) == sent+1 })
	}
	for b.Loop() {
		connect()
		press("Cancel")
		connect()
		go person.Person{Email: "grace@example.com"}.Approve(context.Background(), h.browsed()[len(h.browsed())-1])
		h.pumpUntil("the account to show", func() bool { return len(h.w.accounts.cards) == 1 })
		revoked := sw.timesLogged("revoke: done")
		press("Disconnect")
		h.onUI(func() { pressDialogButton(b, h, "Disconnect") })
		h.pumpUntil("the account to go", func() bool { return len(h.w.accounts.cards) == 0 })
		h.pumpUntil("the revocation", func() bool { return sw.timesLogged("revoke: done") > revoked })
	}
	b.ReportMetric(float64(h.slowest.Microseconds())/1000, "ms/slowest-update")
	if limit := uiUpdateLimit * time.Millisecond; h.slowest > limit {
		b.Errorf("a UI update took %v, over the limit of %v: the window would freeze", h.slowest, limit)
	}
}
