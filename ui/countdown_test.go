package ui

import (
	"testing"
	"time"

	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/session"
)

// TestCountdownWakesOnlyToChangeWhatIsShown runs an hour-long token to its
// end: the one timer fires exactly when the shown text changes — once a
// minute, then once a second in the last minute — and stops at expiry.
func TestCountdownWakesOnlyToChangeWhatIsShown(t *testing.T) {
	h := newHarness(t, &fakeService{stored: []*account.Connected{ada(time.Hour)}})
	expiry := h.w.accounts.cards[0].expiry
	last := expiry.String()
	wakes, unchanged := 0, 0
	for {
		at, ok := h.clock.NextTimer()
		if !ok {
			break
		}
		if n := h.clock.Pending(); n != 1 {
			t.Fatalf("%d timers pending, want one for the whole list", n)
		}
		h.clock.FireAt(at)
		h.settle()
		wakes++
		if expiry.String() == last {
			unchanged++
		}
		last = expiry.String()
		if wakes > 1000 {
			t.Fatal("the timer never stops")
		}
	}
	// 60 minute steps (1h 00m → 59m … 1m → 59s), 59 second steps
	// (59s → 0s), and expiry.
	if wakes != 120 || unchanged != 0 {
		t.Errorf("the timer woke %d times, %d of them changing nothing; want 120 wakes, each a change", wakes, unchanged)
	}
	if h.clock.Now().Sub(t0) > time.Hour+time.Second {
		t.Errorf("the last wake was at +%v, after expiry", h.clock.Now().Sub(t0))
	}
	wantText(t, h.w.win.Canvas(), "Expired", "· expired 2026-11-25 15:04 CET")
}

func TestOneTimerForTheWholeList(t *testing.T) {
	h := newHarness(t, &fakeService{stored: []*account.Connected{
		ada(time.Hour),
		conn("Grace Hopper", "grace@example.com", "1002", 10*time.Minute+30*time.Second),
		conn("Alan Turing", "alan@example.com", "1003", 3*time.Hour),
	}})
	if n := h.clock.Pending(); n != 1 {
		t.Fatalf("%d timers for three accounts, want 1", n)
	}
	at, _ := h.clock.NextTimer()
	if want := t0.Add(time.Millisecond); !at.Equal(want) {
		t.Errorf("the timer is set for +%v, want the earliest change (+1ms, Ada's 1h 00m → 59m)", at.Sub(t0))
	}
	// Grace's card changes at +30s (10m → 9m): the list wakes for that
	// too, and for nothing in between.
	h.advance(time.Millisecond)
	at, _ = h.clock.NextTimer()
	if want := t0.Add(30*time.Second + time.Millisecond); !at.Equal(want) {
		t.Errorf("next wake at +%v, want +30.001s", at.Sub(t0))
	}
}

func TestNoTimerWhenNothingCountsDown(t *testing.T) {
	unknown := ada(time.Hour)
	unknown.ExpiresAt = time.Time{}
	h := newHarness(t, &fakeService{stored: []*account.Connected{unknown, conn("Grace Hopper", "grace@example.com", "1002", -time.Hour)}})
	if n := h.clock.Pending(); n != 0 {
		t.Errorf("%d timers run for an expired account and one of unknown expiry", n)
	}
	wantText(t, h.w.win.Canvas(), "Expiry unknown", "· expiry unknown (Make did not say)", "Expired")
}

func TestLongWaitsAreCappedButDrawNothing(t *testing.T) {
	h := newHarness(t, &fakeService{stored: []*account.Connected{ada(5*24*time.Hour + 30*time.Minute)}})
	text := h.w.accounts.cards[0].expiry.String()
	at, _ := h.clock.NextTimer()
	if at.Sub(t0) != session.MaxSleep {
		t.Errorf("a 5-day countdown sleeps %v, want at most %v", at.Sub(t0), session.MaxSleep)
	}
	h.advance(session.MaxSleep)
	if h.w.accounts.cards[0].expiry.String() != text {
		t.Error("a capped wake changed the text")
	}
}
