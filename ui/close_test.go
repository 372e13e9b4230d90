package ui

import (
	"testing"
	"time"

	"github.com/make-connect/make-connect/internal/core/account"
)

// TestTheWindowClosesWhatItDrops: the keychain's work a write left running
// (app.App.Close) is waited for when the settings change and the window
// takes a new backend, and when the window closes — the person quitting
// must not leave a replaced account's entries behind.
func TestTheWindowClosesWhatItDrops(t *testing.T) {
	svc := &fakeService{stored: []*account.Connected{ada(time.Hour)}}
	h := newHarness(t, svc)
	if n := svc.closes.Load(); n != 0 {
		t.Fatalf("%d backends closed before anything changed", n)
	}
	h.w.configure(true) // the settings changed
	h.settle()
	if n := svc.closes.Load(); n != 1 {
		t.Errorf("after the settings changed, %d backends were closed, want the one dropped", n)
	}
	h.w.win.Close()
	h.settle()
	if n := svc.closes.Load(); n != 2 {
		t.Errorf("after the window closed, %d backends were closed, want both", n)
	}
}
