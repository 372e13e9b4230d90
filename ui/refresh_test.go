package ui

import (
	"errors"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/accounts"
)

func refreshable(d time.Duration) *account.Connected {
	c := ada(d)
	c.RefreshToken = "refresh-1"
	return c
}

func TestRefreshBeforeExpiry(t *testing.T) {
	old := refreshable(10 * time.Minute)
	renewed := refreshable(10*time.Minute - accounts.RefreshMargin + time.Hour)
	renewed.ObtainedAt = t0.Add(8 * time.Minute)
	svc := &fakeService{stored: []*account.Connected{old}, refreshed: map[string]*account.Connected{old.ID(): renewed}}
	h := newHarness(t, svc)
	wantText(t, h.w.win.Canvas(), "Valid", "Make Connect renews its access by itself")

	h.advance(8*time.Minute - time.Second)
	if svc.refreshCalls != 0 {
		t.Fatalf("refreshed %d times more than %v before expiry", svc.refreshCalls, accounts.RefreshMargin)
	}
	// Expiring soon, but it renews itself: no notification for that.
	wantText(t, h.w.win.Canvas(), "Expiring soon")
	if len(h.notes) != 0 {
		t.Errorf("notified %q about an account that renews itself", h.notes[0].Title)
	}
	h.advance(2 * time.Second)
	if svc.refreshCalls != 1 {
		t.Fatalf("EnsureFresh called %d times at the refresh margin, want 1", svc.refreshCalls)
	}
	wantText(t, h.w.win.Canvas(), "Valid", "· expires 2026-11-25 15:12 CET (in 59m)")
	h.advance(30 * time.Minute)
	if svc.refreshCalls != 1 {
		t.Errorf("EnsureFresh called %d times; the renewed token is not due", svc.refreshCalls)
	}
}

// TestRefreshRebuildsOnlyItsOwnCard: a refresh's result builds its own
// account's card again; the other cards stay the very same objects.
func TestRefreshRebuildsOnlyItsOwnCard(t *testing.T) {
	old := refreshable(10 * time.Minute)
	renewed := refreshable(10*time.Minute - accounts.RefreshMargin + time.Hour)
	grace := conn("Grace Hopper", "grace@example.com", "1002", 3*time.Hour)
	svc := &fakeService{stored: []*account.Connected{grace, old}, refreshed: map[string]*account.Connected{old.ID(): renewed}}
	h := newHarness(t, svc)
	list := h.w.accounts
	graceCard, adaCard := list.cards[0], list.cards[1]
	graceBox, graceExpiry, graceDisconnect := graceCard.box, graceCard.expiry, graceCard.disconnect

	h.advance(8*time.Minute + time.Second)
	if svc.refreshCalls != 1 {
		t.Fatalf("EnsureFresh called %d times, want 1", svc.refreshCalls)
	}
	if list.cards[0] != graceCard || graceCard.box != graceBox || graceCard.expiry != graceExpiry ||
		graceCard.disconnect != graceDisconnect || list.box.Objects[0] != graceBox {
		t.Error("refreshing Ada's account built Grace's card again")
	}
	if list.cards[1] == adaCard || list.cards[1].conn != renewed || list.box.Objects[1] != list.cards[1].box {
		t.Error("Ada's card does not show the renewed connection")
	}
	wantText(t, h.w.win.Canvas(), "· expires 2026-11-25 15:12 CET (in 59m)", "· expires 2026-11-25 17:04 CET (in 2h 51m)")
}

func TestRefreshFailureIsRetriedAndShown(t *testing.T) {
	c := refreshable(3 * time.Minute)
	svc := &fakeService{stored: []*account.Connected{c}, refreshErr: errors.New("dial tcp: connection refused")}
	h := newHarness(t, svc)
	h.advance(time.Minute + time.Second)
	if svc.refreshCalls != 1 {
		t.Fatalf("EnsureFresh called %d times, want 1", svc.refreshCalls)
	}
	wantText(t, h.w.win.Canvas(), "Could not renew this account's access", "Trying again in a minute.")
	h.advance(time.Minute)
	if svc.refreshCalls != 2 {
		t.Errorf("EnsureFresh called %d times after a minute, want a retry", svc.refreshCalls)
	}
	h.advance(5 * time.Minute)
	wantText(t, h.w.win.Canvas(), "Expired")
	if len(h.notes) != 1 || h.notes[0].Title != "Make account expired" {
		t.Errorf("notifications %v, want one saying it expired", h.notes)
	}
}

func TestRefusedRefreshTokenStopsRetrying(t *testing.T) {
	c := refreshable(time.Minute)
	svc := &fakeService{stored: []*account.Connected{c}, refreshErr: &auth.TokenError{Status: 400, Code: "invalid_grant", Refresh: true}}
	h := newHarness(t, svc)
	h.advance(10 * time.Minute)
	if svc.refreshCalls != 1 {
		t.Errorf("EnsureFresh called %d times after Make refused the refresh token, want 1", svc.refreshCalls)
	}
	wantText(t, h.w.win.Canvas(), "Make no longer renews this account's access. Press Reconnect", "Expired")
	if h.clock.Pending() != 0 {
		t.Error("a timer still runs for an expired account that cannot renew")
	}
}

// TestReconnectedAccountRenewsAgain: once Make has refused an account's
// refresh token, connecting it again gives it a new one, which is renewed
// like any other; the refusal belonged to the old token.
func TestReconnectedAccountRenewsAgain(t *testing.T) {
	c := refreshable(time.Minute)
	svc := &fakeService{stored: []*account.Connected{c}, refreshErr: &auth.TokenError{Status: 400, Code: "invalid_grant", Refresh: true}}
	h := newHarness(t, svc)
	h.advance(10 * time.Minute)
	wantText(t, h.w.win.Canvas(), "Make no longer renews this account's access")

	again := refreshable(0)
	again.RefreshToken, again.ExpiresAt = "refresh-2", h.clock.Now().Add(time.Hour)
	renewed := refreshable(0)
	renewed.RefreshToken, renewed.ExpiresAt = "refresh-3", h.clock.Now().Add(2*time.Hour)
	svc.mu.Lock()
	svc.stored, svc.refreshErr = nil, nil // the keychain keeps one entry an account
	svc.refreshed = map[string]*account.Connected{c.ID(): renewed}
	svc.mu.Unlock()
	test.Tap(buttonNamed(t, h.w.win.Canvas(), "Reconnect"))
	h.settle()
	svc.lastAttempt().complete(again, nil)
	h.settle()
	wantText(t, h.w.win.Canvas(), "Valid", "Make Connect renews its access by itself")
	dontWantText(t, h.w.win.Canvas(), "no longer renews")

	h.advance(time.Hour)
	if svc.refreshCalls != 2 {
		t.Errorf("EnsureFresh called %d times in all, want once more for the reconnected account", svc.refreshCalls)
	}
	wantText(t, h.w.win.Canvas(), "· expires 2026-11-25 16:14 CET (in 1h 00m)")
}
