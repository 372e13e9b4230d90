package ui

import (
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"github.com/make-connect/make-connect/internal/core/account"
)

func titles(notes []*fyne.Notification) string {
	var out []string
	for _, n := range notes {
		out = append(out, n.Title)
	}
	return strings.Join(out, "; ")
}

func TestNotificationsOncePerAccountAndToken(t *testing.T) {
	svc := &fakeService{stored: []*account.Connected{ada(6 * time.Minute)}}
	h := newHarness(t, svc)
	if len(h.notes) != 0 {
		t.Fatalf("notified at start: %s", titles(h.notes))
	}
	h.advance(time.Minute + time.Second) // 4m59s left
	if titles(h.notes) != "Make account expires soon" {
		t.Fatalf("notifications = %q, want one saying it expires soon", titles(h.notes))
	}
	if !strings.Contains(h.notes[0].Content, "Ada Lovelace <ada@example.com> stops working at 2026-11-25 14:10 CET.") {
		t.Errorf("notification text %q does not say who and when", h.notes[0].Content)
	}
	h.advance(3 * time.Minute)
	h.w.reload() // reloading the list does not repeat it
	h.settle()
	h.advance(2 * time.Minute) // expired
	h.advance(time.Hour)
	if titles(h.notes) != "Make account expires soon; Make account expired" {
		t.Fatalf("notifications = %q, want expires soon, then expired, once each", titles(h.notes))
	}

	// Opening the window again does not repeat them: they are remembered,
	// by every window.
	again := newWindow(h.app, Options{
		NewBackend: svc.backend,
		LogDir:     t.TempDir(),
		NoticeDir:  h.noticeDir,
		LookupEnv:  func(name string) (string, bool) { v, ok := h.env[name]; return v, ok },
	}, h.w.bridge)
	again.win.Canvas().Capture()
	h.settle()
	if len(again.accounts.cards) != 1 {
		t.Fatal("the new window shows no account")
	}
	if len(h.notes) != 2 {
		t.Errorf("a new window notified again: %q", titles(h.notes))
	}

	// A new token for the account is a new pair of notifications.
	svc.mu.Lock()
	renewed := ada(0)
	renewed.ExpiresAt = h.clock.Now().Add(5*time.Minute + 30*time.Second)
	svc.stored = []*account.Connected{renewed}
	svc.mu.Unlock()
	h.w.reload()
	h.settle()
	h.advance(time.Minute)
	if titles(h.notes) != "Make account expires soon; Make account expired; Make account expires soon" {
		t.Errorf("notifications = %q after reconnecting, want a new expires-soon", titles(h.notes))
	}
}

func TestNotificationRecordsAreForgottenWithTheAccount(t *testing.T) {
	svc := &fakeService{stored: []*account.Connected{ada(-time.Minute)}}
	h := newHarness(t, svc)
	if n := records(t, h.noticeDir); n != 2 {
		t.Fatalf("%d notification records for an expired account, want 2 (soon and expired)", n)
	}
	svc.mu.Lock()
	svc.stored = nil
	svc.mu.Unlock()
	h.w.reload()
	h.settle()
	if n := records(t, h.noticeDir); n != 0 {
		t.Errorf("%d notification records kept for an account that is gone", n)
	}
}

// records is the number of notices recorded as sent in dir.
func records(t *testing.T, dir string) int {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}
