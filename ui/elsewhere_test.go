package ui

import (
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/app"
	"github.com/make-connect/make-connect/internal/core/account"
)

// TestChangesElsewhereAreShown: the command line (another process)
// connects an account, makes it the default and disconnects another; the
// open window follows each, from the keychain's change mark and the
// settings file, and says what happened.
func TestChangesElsewhereAreShown(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // where the change mark is
	svc := &fakeService{stored: []*account.Connected{ada(time.Hour)}}
	h := newHarness(t, svc, withEnv(map[string]string{config.EnvClientID: "x", config.EnvKeyringService: "com.makeconnect.ui-test.elsewhere"}))
	mark, err := app.ChangeMark(config.Config{KeyringService: "com.makeconnect.ui-test.elsewhere"})
	if err != nil {
		t.Fatal(err)
	}
	// changedBy writes the change mark as the keychain does, in the name
	// of process pid.
	changedBy := func(pid int) {
		if err := os.WriteFile(mark, fmt.Appendf(nil, "%d %d\n", time.Now().UnixNano(), pid), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	changed := func() { changedBy(os.Getppid()) } // another process

	grace := conn("Grace Hopper", "grace@example.com", "1002", 2*time.Hour)
	svc.mu.Lock()
	svc.stored = append(svc.stored, grace)
	svc.mu.Unlock()
	changed()
	h.pumpUntil("Grace's card", func() bool { return len(h.w.accounts.cards) == 2 })
	h.settle()
	wantText(t, h.w.win.Canvas(), "Another Make Connect (the command line, or a tool) connected Grace Hopper <grace@example.com>.")

	// As another process writes them: this one would know its own write
	// (config.WrittenHere) and not take it for another's.
	path := config.SettingsPath(h.env[config.EnvConfigDir])
	if err := os.WriteFile(path, fmt.Appendf(nil, "{\"account\": %q}\n", grace.ID()), 0o600); err != nil {
		t.Fatal(err)
	}
	h.pumpUntil("Grace as the default", func() bool {
		return len(h.w.accounts.cards) == 2 && h.w.accounts.cards[1].facts.isDefault
	})

	svc.mu.Lock()
	svc.stored = svc.stored[1:]
	svc.mu.Unlock()
	changed()
	h.pumpUntil("Ada's card to go", func() bool { return len(h.w.accounts.cards) == 1 })
	h.settle()
	wantText(t, h.w.win.Canvas(), "disconnected Ada Lovelace <ada@example.com>.")

	// The window's own connect writes the keychain too: that is not
	// another process's doing.
	alan := conn("Alan Turing", "alan@example.com", "1003", time.Hour)
	startWaiting(t, h).complete(alan, nil)
	changedBy(os.Getpid())
	h.pumpUntil("Alan's card", func() bool { return len(h.w.accounts.cards) == 2 })
	time.Sleep(2 * settleDelayForTests) // the watch has seen the mark
	h.settle()
	wantText(t, h.w.win.Canvas(), "Connected Alan Turing <alan@example.com>.")
	dontWantText(t, h.w.win.Canvas(), "Another Make Connect (the command line, or a tool) connected Alan")

	// An account the window connected itself and the command line then
	// disconnects is announced, and again the next time round: the window
	// keeps no list of "its own" accounts that would hide it.
	for round := 1; round <= 2; round++ {
		svc.mu.Lock()
		svc.stored = slices.DeleteFunc(svc.stored, func(c *account.Connected) bool { return c.ID() == alan.ID() })
		svc.mu.Unlock()
		changed()
		h.pumpUntil("Alan's card to go", func() bool { return h.w.accounts.find(alan.ID()) == nil })
		h.settle()
		wantText(t, h.w.win.Canvas(), "disconnected Alan Turing <alan@example.com>.")
		if round == 2 {
			break
		}
		startWaiting(t, h).complete(alan, nil)
		changedBy(os.Getpid())
		h.pumpUntil("Alan's card again", func() bool { return h.w.accounts.find(alan.ID()) != nil })
		h.settle()
		wantText(t, h.w.win.Canvas(), "Connected Alan Turing <alan@example.com>.")
	}
}

// settleDelayForTests is longer than the watch gathers a change's events.
const settleDelayForTests = 100 * time.Millisecond
