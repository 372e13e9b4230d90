package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/core/account"
)

// TestTimeLeftCountsDownOnceASecond: the attempt's time left is shown
// from its timeout and changes once a second on the bridge's clock; it
// stops with the attempt.
func TestTimeLeftCountsDownOnceASecond(t *testing.T) {
	h := newHarness(t, &fakeService{}, withEnv(map[string]string{"MAKE_CONNECT_CLIENT_ID": "x", "MAKE_CONNECT_TIMEOUT": "5m"}))
	startWaiting(t, h)
	c := h.w.win.Canvas()
	wantText(t, c, "5:00 left")
	if fired := h.advance(time.Second); fired != 1 {
		t.Errorf("the countdown woke %d times in a second, want once", fired)
	}
	wantText(t, c, "4:59 left")
	h.advance(47 * time.Second)
	wantText(t, c, "4:12 left")
	if fired := h.advance(500 * time.Millisecond); fired != 0 {
		t.Errorf("the countdown woke %d times in half a second between changes", fired)
	}
	test.Tap(buttonNamed(t, c, "Cancel"))
	h.settle()
	if n := h.clock.Pending(); n != 0 {
		t.Errorf("%d timers still run after Cancel", n)
	}
	dontWantText(t, c, " left")
}

func TestTimeLeftFollowsTheTimeoutSetting(t *testing.T) {
	h := newHarness(t, &fakeService{}, withEnv(map[string]string{"MAKE_CONNECT_CLIENT_ID": "x", "MAKE_CONNECT_TIMEOUT": "90s"}))
	startWaiting(t, h)
	wantText(t, h.w.win.Canvas(), "1:30 left")
}

func TestCopyLinkCopiesTheSignInPage(t *testing.T) {
	h := newHarness(t, &fakeService{})
	a := startWaiting(t, h)
	test.Tap(buttonNamed(t, h.w.win.Canvas(), "Copy link"))
	if got := h.app.Clipboard().Content(); got != a.url {
		t.Errorf("clipboard = %q, want the sign-in page (AuthURL), which works in any browser", got)
	}
	wantText(t, h.w.win.Canvas(), "Link copied. Paste it into a browser's address bar, on this computer or another")
}

// TestLinkOpenedTwiceDisconnects: after a success, a launch link asked
// for again means someone else may have it: the account is disconnected
// and the person told in explain's words.
func TestLinkOpenedTwiceDisconnects(t *testing.T) {
	svc := &fakeService{}
	h := newHarness(t, svc)
	a := startWaiting(t, h)
	a.settled = auth.ErrCompromised
	a.complete(ada(time.Hour), nil)
	h.settle()
	c := h.w.win.Canvas()
	if len(svc.disconnected) != 1 || svc.disconnected[0] != ada(0).ID() {
		t.Fatalf("disconnected %q, want the account just connected", svc.disconnected)
	}
	wantText(t, c, "Sign-in not kept", "The sign-in link was opened twice, so someone else on this computer may have it.",
		"Ada Lovelace <ada@example.com> was disconnected again: its tokens were revoked and removed from this computer.")
	dontWantText(t, c, "[Disconnect]") // the card is gone
}

func TestSettledAttemptKeepsTheAccount(t *testing.T) {
	svc := &fakeService{}
	h := newHarness(t, svc)
	startWaiting(t, h).complete(ada(time.Hour), nil)
	h.settle()
	if len(svc.disconnected) != 0 {
		t.Errorf("disconnected %q after a clean sign-in", svc.disconnected)
	}
	wantText(t, h.w.win.Canvas(), "Connected Ada Lovelace <ada@example.com>.")
}

func TestReplacedConnectionIsReported(t *testing.T) {
	cases := []struct {
		name      string
		revokeErr error
		want      string
	}{
		{"revoked", nil, "This replaced the account's earlier connection; its old tokens were revoked."},
		{"not revoked", errors.New("revoke: HTTP 503"), "This replaced the account's earlier connection, but Make could not be told to revoke its old tokens: they keep working until they expire."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			svc := &fakeService{stored: []*account.Connected{ada(time.Minute)}, replaceErr: tc.revokeErr}
			h := newHarness(t, svc)
			test.Tap(buttonNamed(t, h.w.win.Canvas(), "Reconnect"))
			h.settle()
			svc.lastAttempt().complete(ada(time.Hour), nil)
			h.settle()
			c := h.w.win.Canvas()
			wantText(t, c, "Connected Ada Lovelace <ada@example.com>. "+tc.want)
			if got := hasButton(c, "Details"); got != (tc.revokeErr != nil) {
				t.Errorf("Details offered = %v, want it only when revoking failed", got)
			}
		})
	}
}

// TestReconnectAsSomeoneElseKeepsBoth: a card's Reconnect that comes back
// as another person says so, and both accounts stay, each on its own card.
func TestReconnectAsSomeoneElseKeepsBoth(t *testing.T) {
	svc := &fakeService{stored: []*account.Connected{ada(-time.Minute)}}
	h := newHarness(t, svc)
	c := h.w.win.Canvas()
	test.Tap(buttonNamed(t, c, "Reconnect"))
	h.settle()
	grace := conn("Grace Hopper", "grace@example.com", "1002", time.Hour)
	svc.lastAttempt().complete(grace, nil)
	h.settle()
	wantText(t, c, "You pressed Reconnect for Ada Lovelace <ada@example.com> but signed in as someone else, so both accounts are kept",
		// Ada was the only account: she stays the one tools use.
		"Ada Lovelace <ada@example.com> stays the default account")
	// Each person is named at most twice in the notice.
	for _, name := range []string{"Grace Hopper", "Ada Lovelace"} {
		if n := strings.Count(h.w.notice.text.Text, name); n > 2 {
			t.Errorf("the notice names %s %d times: %q", name, n, h.w.notice.text.Text)
		}
	}
	if n := len(h.w.accounts.cards); n != 2 {
		t.Fatalf("%d cards, want Ada's and Grace's", n)
	}
	if h.w.accounts.find(ada(0).ID()) == nil || h.w.accounts.find(grace.ID()) == nil {
		t.Error("a card changed the account it stands for")
	}
}

// TestAnotherUsersRequestIsTold: a request another user of this computer
// made for the sign-in (refused by the listener) is told in the window,
// and the attempt goes on waiting.
func TestAnotherUsersRequestIsTold(t *testing.T) {
	h := newHarness(t, &fakeService{})
	a := startWaiting(t, h)
	a.otherUsers <- "4242"
	h.pumpUntil("the notice", func() bool { return h.w.notice.text.Text != "" })
	wantText(t, h.w.win.Canvas(), "Another user of this computer (uid 4242) tried to use this sign-in and was refused",
		"Cancel")
	if a.isClosed() || h.w.attempt == nil {
		t.Error("another user's request ended the attempt")
	}
}

// TestCopiedLinkIsTakenBackWhenTheAttemptEnds: the sign-in link carries
// the attempt's state, so when the attempt ends (cancelled, or connected)
// the clipboard no longer holds it.
func TestCopiedLinkIsTakenBackWhenTheAttemptEnds(t *testing.T) {
	for _, how := range []string{"cancelled", "connected"} {
		h := newHarness(t, &fakeService{})
		a := startWaiting(t, h)
		test.Tap(buttonNamed(t, h.w.win.Canvas(), "Copy link"))
		if h.app.Clipboard().Content() != a.url {
			t.Fatal("Copy link did not copy the link")
		}
		if how == "cancelled" {
			test.Tap(buttonNamed(t, h.w.win.Canvas(), "Cancel"))
		} else {
			a.complete(ada(time.Hour), nil)
		}
		h.settle()
		if got := h.app.Clipboard().Content(); got != "" {
			t.Errorf("%s: the clipboard still holds the sign-in link", how)
		}
	}
}

// TestWaitingNamesTheAccountReconnected: Reconnect on a row says, while
// the attempt waits, whose account it is; a new connect names none.
func TestWaitingNamesTheAccountReconnected(t *testing.T) {
	svc := &fakeService{stored: []*account.Connected{ada(time.Hour)}}
	h := newHarness(t, svc)
	c := h.w.win.Canvas()
	test.Tap(h.w.accounts.cards[0].reconnect)
	h.settle()
	wantText(t, c, "Reconnecting Ada Lovelace <ada@example.com>: sign in as this person.")
	test.Tap(buttonNamed(t, c, "Cancel"))
	h.settle()
	test.Tap(buttonNamed(t, c, "Connect another account"))
	h.settle()
	dontWantText(t, c, "Reconnecting")
}
