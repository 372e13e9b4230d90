package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/make-connect/make-connect/internal/core/account"
)

// cutCards names the cards whose top is above the list's view.
func cutCards(l *accountList) []string {
	var cut []string
	for _, cd := range l.cards {
		if cd.box.Position().Y < l.scroll.Offset.Y {
			cut = append(cut, cd.conn.Name)
		}
	}
	return cut
}

// TestDisconnectLeavesNoCardCut: with the list scrolled down, a
// Disconnect leaves the remaining cards in full view, not scrolled past
// the first one's name.
func TestDisconnectLeavesNoCardCut(t *testing.T) {
	cases := []struct {
		name     string
		accounts int
	}{
		{"what is left fits", 2},
		{"what is left is longer than the view", 4},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var stored []*account.Connected
			for i := range tc.accounts {
				stored = append(stored, conn(string(rune('A'+i))+" Person", string(rune('a'+i))+"@example.com", string(rune('1'+i)), time.Hour))
			}
			svc := &fakeService{stored: stored}
			h := newHarness(t, svc)
			l := h.w.accounts
			l.scroll.Refresh() // laid out, as the driver does in time
			l.scroll.ScrollToBottom()
			if l.scroll.Offset.Y == 0 {
				t.Fatal("the list does not scroll: the test needs more cards")
			}
			last := l.cards[len(l.cards)-1]
			test.Tap(last.disconnect)
			pressDialogButton(t, h, "Disconnect")
			h.settle()
			if len(l.cards) != tc.accounts-1 {
				t.Fatalf("%d cards after Disconnect", len(l.cards))
			}
			fits := l.box.MinSize().Height <= l.scroll.Size().Height
			if fits && l.scroll.Offset != (fyne.Position{}) {
				t.Errorf("everything fits, but the list is scrolled to %v, cutting %q", l.scroll.Offset, cutCards(l))
			}
			top := l.scroll.Offset.Y
			aligned := false
			for _, cd := range l.cards {
				aligned = aligned || cd.box.Position().Y == top
			}
			if !aligned {
				t.Errorf("the view starts at %v, inside a card", top)
			}
		})
	}
}
