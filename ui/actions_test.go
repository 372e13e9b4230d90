package ui

import (
	"errors"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/accounts"
)

func TestDisconnectAsksRevokesAndRemoves(t *testing.T) {
	svc := &fakeService{stored: []*account.Connected{ada(time.Hour)}}
	h := newHarness(t, svc)
	c := h.w.win.Canvas()

	test.Tap(buttonNamed(t, c, "Disconnect"))
	wantText(t, c, "Disconnect Ada Lovelace <ada@example.com>?", "ask Make to withdraw", "[Cancel]")
	if c.Focused() != buttonNamed(t, c, "Cancel") {
		t.Error("the confirmation does not give the keyboard to Cancel")
	}
	test.AssertRendersToMarkup(t, "disconnect-confirm.xml", c)
	test.Tap(buttonNamed(t, c, "Cancel"))
	h.settle()
	if len(svc.stored) != 1 {
		t.Fatal("Cancel disconnected the account")
	}

	test.Tap(buttonNamed(t, c, "Disconnect"))
	pressDialogButton(t, h, "Disconnect")
	h.settle()
	if len(svc.stored) != 0 {
		t.Fatal("the account is still stored")
	}
	wantText(t, c, "Disconnected Ada Lovelace <ada@example.com>: its tokens were revoked and removed from this computer.", "[Connect to Make]")
	dontWantText(t, c, "[Disconnect]")
	if c.Focused() != h.w.panels.idle.connect {
		t.Error("with the card gone, the keyboard is not back on Connect to Make")
	}
}

func TestFailedRevocationIsReportedButTheAccountIsRemoved(t *testing.T) {
	unknown := ada(time.Hour)
	unknown.ExpiresAt = time.Time{}
	cases := []struct {
		name  string
		conn  *account.Connected
		until string
	}{
		{"known expiry", ada(time.Hour), "until it runs out: expires 2026-11-25 15:04 CET (in 1h 00m)."},
		// An expiry Make did not say is not written as a time.
		{"unknown expiry", unknown, "until it runs out: expiry unknown (Make did not say)."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			svc := &fakeService{stored: []*account.Connected{tc.conn}, revokeErr: errors.New("revoke: HTTP 503")}
			h := newHarness(t, svc)
			c := h.w.win.Canvas()
			test.Tap(buttonNamed(t, c, "Disconnect"))
			pressDialogButton(t, h, "Disconnect")
			h.settle()
			if len(svc.stored) != 0 {
				t.Fatal("the account was kept because revocation failed")
			}
			wantText(t, c, "Removed, but not revoked",
				"Removed Ada Lovelace <ada@example.com> from this computer, but Make could not be told to withdraw its access, so its last token keeps working "+tc.until)
			dontWantText(t, c, "0001-01-01")
		})
	}
}

func TestCopyTokenAsksThenCopies(t *testing.T) {
	svc := &fakeService{stored: []*account.Connected{ada(time.Hour)}, token: "eyJ.the-access-token"}
	h := newHarness(t, svc)
	c := h.w.win.Canvas()
	test.Tap(buttonNamed(t, c, "Copy access token"))
	wantText(t, c, "Copy the access token of Ada Lovelace <ada@example.com>?", "Anyone who has this token can use Make")
	test.Tap(buttonNamed(t, c, "Cancel"))
	if len(svc.tokenCalls) != 0 || h.app.Clipboard().Content() != "" {
		t.Fatal("Cancel copied the token")
	}
	test.Tap(buttonNamed(t, c, "Copy access token"))
	test.Tap(buttonNamed(t, c, "Copy token"))
	h.settle()
	if got := h.app.Clipboard().Content(); got != "eyJ.the-access-token" {
		t.Errorf("clipboard = %q, want the token", got)
	}
	if len(svc.tokenCalls) != 1 || svc.tokenCalls[0] != ada(0).ID() {
		t.Errorf("Token asked for %q, want the account's ID", svc.tokenCalls)
	}
	wantText(t, c, "The access token of Ada Lovelace <ada@example.com> is on the clipboard; it will be cleared in 60 s.")
	dontWantText(t, c, "the-access-token")
}

func TestCopyTokenRefusedWhenExpired(t *testing.T) {
	svc := &fakeService{stored: []*account.Connected{ada(time.Hour)}, tokenErr: accounts.ErrExpired}
	h := newHarness(t, svc)
	c := h.w.win.Canvas()
	test.Tap(buttonNamed(t, c, "Copy access token"))
	test.Tap(buttonNamed(t, c, "Copy token"))
	h.settle()
	wantText(t, c, "Could not copy the access token", "This account's access has expired. Press Reconnect")
	if h.app.Clipboard().Content() != "" {
		t.Error("something was copied")
	}
}

func TestReconnectStartsAnAttempt(t *testing.T) {
	svc := &fakeService{stored: []*account.Connected{ada(-time.Minute)}}
	h := newHarness(t, svc)
	test.Tap(buttonNamed(t, h.w.win.Canvas(), "Reconnect"))
	h.settle()
	if svc.lastAttempt() == nil {
		t.Fatal("Reconnect did not begin an attempt")
	}
	wantText(t, h.w.win.Canvas(), waitingText())
}

// pressDialogButton presses the button with the label in the dialog on top.
func pressDialogButton(t testing.TB, h *harness, label string) {
	t.Helper()
	top := h.w.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is open")
	}
	var found *button
	walkObject(top, func(o fyne.CanvasObject) {
		if b, ok := o.(*button); ok && b.Text == label {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("the dialog has no button %q", label)
	}
	test.Tap(found)
}

// TestActionOnAnAccountThatIsGone: another process disconnected the
// account while the window showed it; its buttons say so in plain words,
// and the list shows what is connected now.
func TestActionOnAnAccountThatIsGone(t *testing.T) {
	for _, press := range []string{"Copy access token", "Make default", "Disconnect"} {
		t.Run(press, func(t *testing.T) {
			grace := conn("Grace Hopper", "grace@example.com", "1002", 2*time.Hour)
			svc := &fakeService{stored: []*account.Connected{ada(time.Hour), grace}, token: "at"}
			h := newHarness(t, svc)
			c := h.w.win.Canvas()
			svc.mu.Lock()
			svc.stored = svc.stored[:1] // Grace is disconnected elsewhere
			svc.mu.Unlock()
			test.Tap(h.w.accounts.cards[1].buttonNamed(press))
			switch press {
			case "Copy access token":
				pressDialogButton(t, h, "Copy token")
			case "Disconnect":
				pressDialogButton(t, h, "Disconnect")
			}
			h.settle()
			wantText(t, c, "This account is no longer connected on this computer: another window, the command line or an uninstaller disconnected it.")
			if n := len(h.w.accounts.cards); n != 1 {
				t.Errorf("%d cards, want the one account left", n)
			}
			if h.app.Clipboard().Content() == "at" {
				t.Error("a token was copied for an account that is gone")
			}
		})
	}
}
