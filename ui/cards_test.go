package ui

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/accounts"
	"github.com/make-connect/make-connect/internal/core/session"
)

func TestCardShowsOrganizationsAndZones(t *testing.T) {
	a := ada(time.Hour)
	a.ZonesChecked = true
	a.Organizations = []account.Organization{{ID: 1, Name: "Acme", Zone: "eu1.make.com"}, {ID: 2, Name: "Beta\x1b[2J Labs", Zone: "us2.make.com"}}
	notChecked := conn("Grace Hopper", "grace@example.com", "1002", time.Hour)
	h := newHarness(t, &fakeService{stored: []*account.Connected{a, notChecked}})
	c := h.w.win.Canvas()
	wantText(t, c, "Organizations: Acme (eu1.make.com), Beta\uFFFD[2J Labs (us2.make.com)\n",
		"Zone not checked: the account was not granted organizations:read")
	dontWantText(t, c, "\x1b")
	// Ada's organizations include the configured zone: no note for her.
	if n := countText(c, "Zone not checked"); n != 1 {
		t.Errorf("%d zone notes, want one, for Grace", n)
	}
}

func TestZoneNoteNamesTheConfiguredZone(t *testing.T) {
	a := ada(time.Hour)
	a.ZonesChecked = true
	a.Organizations = []account.Organization{{ID: 1, Name: "Acme", Zone: "us2.make.com"}}
	h := newHarness(t, &fakeService{stored: []*account.Connected{a}})
	wantText(t, h.w.win.Canvas(), "This account's organizations are in us2.make.com; the zone setting says eu1.make.com.")
}

// TestServerTextIsSanitized: a name, email and organization from Make cannot
// steer what is shown, on the card, in the notice or in a notification.
func TestServerTextIsSanitized(t *testing.T) {
	evil := conn("Eve\u202eevil", "eve\x07@example.com", "666", 4*time.Minute)
	evil.Organizations, evil.ZonesChecked = []account.Organization{{ID: 1, Name: "org\x1b]0;title\x07", Zone: "eu1.make.com"}}, true
	h := newHarness(t, &fakeService{stored: []*account.Connected{evil}})
	h.advance(time.Second)
	if len(h.notes) != 1 {
		t.Fatalf("notifications %q, want one saying it expires soon", titles(h.notes))
	}
	text := screenText(h.w.win.Canvas())
	for _, bad := range []string{"\u202e", "\x07", "\x1b"} {
		if strings.Contains(text, bad) || strings.Contains(h.notes[0].Content, bad) {
			t.Errorf("%q reached the window or a notification", bad)
		}
	}
	wantText(t, h.w.win.Canvas(), "Eve\uFFFDevil", "org\uFFFD]0;title\uFFFD")
}

func TestDefaultAccountAndMakeDefault(t *testing.T) {
	grace := conn("Grace Hopper", "grace@example.com", "1002", 2*time.Hour)
	svc := &fakeService{stored: []*account.Connected{ada(time.Hour), grace}}
	h := newHarness(t, svc, withEnv(map[string]string{config.EnvClientID: "x"}))
	c := h.w.win.Canvas()
	if n := countText(c, "The default account"); n != 0 {
		t.Errorf("with two accounts and none chosen, %d are marked default", n)
	}
	if n := countButtons(c, "Make default"); n != 2 {
		t.Fatalf("%d Make default buttons, want one a card", n)
	}
	test.Tap(h.w.accounts.cards[1].makeDefault)
	h.settle()
	if got := h.savedSettings()[config.EnvAccount]; got != grace.ID() {
		t.Errorf("saved default %q, want Grace's ID %s (as make-connect use saves it)", got, grace.ID())
	}
	wantText(t, c, "Grace Hopper <grace@example.com> is now the default account")
	cards := h.w.accounts.cards
	if !hasTextIn(cards[1], "The default account: tools use it when they name no account.") || hasTextIn(cards[0], "The default account") {
		t.Error("the default mark is not on Grace's card alone")
	}
	// Each card keeps its buttons in their places: the default's Make
	// default is there, disabled.
	if !hasButtonIn(cards[1], "Make default") || !cards[1].makeDefault.Disabled() {
		t.Error("the default card's Make default is not there and disabled")
	}
	if !hasButtonIn(cards[0], "Make default") || cards[0].makeDefault.Disabled() {
		t.Error("Ada's card no longer offers Make default")
	}
}

func TestMakeDefaultWhileTheEnvironmentPicks(t *testing.T) {
	grace := conn("Grace Hopper", "grace@example.com", "1002", 2*time.Hour)
	h := newHarness(t, &fakeService{stored: []*account.Connected{ada(time.Hour), grace}},
		withEnv(map[string]string{config.EnvClientID: "x", config.EnvAccount: ada(0).ID()}))
	test.Tap(h.w.accounts.cards[1].makeDefault)
	h.settle()
	wantText(t, h.w.win.Canvas(), "While MAKE_CONNECT_ACCOUNT is set in the environment, it picks the account instead.")
}

// TestMakeIsAskedOnceAfterTheFirstFrame: every unexpired token is checked
// once the window has painted, not again when the list reloads, and again
// when the person asks.
func TestMakeIsAskedOnceAfterTheFirstFrame(t *testing.T) {
	expired := conn("Grace Hopper", "grace@example.com", "1002", -time.Hour)
	svc := &fakeService{stored: []*account.Connected{ada(time.Hour), expired}}
	h := newHarness(t, svc, unpainted())
	c := h.w.win.Canvas()
	if n := len(svc.checked()); n != 0 {
		t.Fatalf("Make was asked %d times before the first frame", n)
	}
	c.Capture()
	h.settle()
	if got := svc.checked(); len(got) != 1 || got[0] != ada(0).ID() {
		t.Fatalf("asked Make about %q, want Ada's unexpired token only", got)
	}
	wantText(t, c, "Checked with Make at 2026-11-25 14:04 CET: accepted by Make.")
	h.w.reload()
	h.settle()
	if n := len(svc.checked()); n != 1 {
		t.Errorf("reloading asked Make again (%d checks)", n)
	}
	test.Tap(buttonNamed(t, c, "Check with Make"))
	h.settle()
	if n := len(svc.checked()); n != 2 {
		t.Errorf("Check with Make made %d checks in all, want 2", n)
	}
}

func TestRejectedTokenOffersReconnect(t *testing.T) {
	svc := &fakeService{stored: []*account.Connected{ada(time.Hour)}, verdicts: map[string]account.Verdict{ada(0).ID(): account.Rejected}}
	h := newHarness(t, svc)
	c := h.w.win.Canvas()
	wantText(t, c, "Rejected by Make", "Make rejected this account's access token: it was revoked, or expired early. Press Reconnect to sign in again.")
	dontWantText(t, c, "Valid\n")
	if buttonNamed(t, c, "Reconnect").Importance != widget.HighImportance {
		t.Error("Reconnect is not prominent for a rejected token")
	}
	if !buttonNamed(t, c, "Copy access token").Disabled() {
		t.Error("a rejected token can still be copied")
	}
}

// rateLimited is what the account service's Check returns when Make
// answers 429, its organization's rate limit used up: asked of a server
// that answers every call so.
func rateLimited(t *testing.T) error {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	t.Cleanup(srv.Close)
	svc := &accounts.Service{HTTPClient: srv.Client()}
	v, err := svc.Check(context.Background(), &account.Connected{Connection: auth.Connection{AccessToken: "x"}, Profile: account.Profile{APIBase: srv.URL}})
	if v != account.Unreachable || err == nil {
		t.Fatalf("Check against a 429 = %v, %v; want Make unreachable, with why", v, err)
	}
	return err
}

// TestRateLimitedAccountRests: after Make's 429, the account is asked
// nothing, neither checked nor refreshed, for a minute, however often the
// person presses Check with Make.
func TestRateLimitedAccountRests(t *testing.T) {
	c := refreshable(time.Hour)
	svc := &fakeService{stored: []*account.Connected{c}, checkErr: map[string]error{c.ID(): rateLimited(t)}}
	h := newHarness(t, svc)
	canvas := h.w.win.Canvas()
	wantText(t, canvas, "Could not check with Make: Make's rate limit for this account's organization is used up")
	for i := 0; i < 5; i++ {
		test.Tap(buttonNamed(t, canvas, "Check with Make"))
		h.settle()
	}
	if n := len(svc.checked()); n != 1 {
		t.Errorf("Make was asked %d times within the minute after its rate limit", n)
	}
	h.advance(session.RateLimitPause)
	test.Tap(buttonNamed(t, canvas, "Check with Make"))
	h.settle()
	if n := len(svc.checked()); n != 2 {
		t.Errorf("after a minute, Check with Make made %d checks in all, want 2", n)
	}
}

func TestRateLimitedAccountIsNotRefreshed(t *testing.T) {
	c := refreshable(accounts.RefreshMargin + 30*time.Second)
	svc := &fakeService{stored: []*account.Connected{c}, checkErr: map[string]error{c.ID(): rateLimited(t)}}
	h := newHarness(t, svc)
	h.advance(session.RateLimitPause - time.Second) // the refresh fell due at +30s
	if svc.refreshCalls != 0 {
		t.Errorf("refreshed %d times within a minute of the rate limit", svc.refreshCalls)
	}
	h.advance(2 * time.Second)
	if svc.refreshCalls != 1 {
		t.Errorf("EnsureFresh called %d times once the rest was over, want 1", svc.refreshCalls)
	}
}
