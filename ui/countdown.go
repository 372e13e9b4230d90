package ui

import (
	"time"

	"github.com/make-connect/make-connect/accounts"
)

// The countdown costs no CPU it does not need: one timer for the whole
// list, set for the moment the earliest shown value changes
// (accounts.NextChange: a minute boundary while minutes are shown, every
// second in the last minute), and stopped when nothing counts down. A tick
// that changes no text draws nothing.

// maxSleep bounds one wait: timers do not count time the computer spends
// asleep, so a long wait could wake far too late. Waking changes nothing
// on screen unless a shown value has changed.
const maxSleep = time.Minute

// tick brings every card up to date with the clock, sends due
// notifications, starts due refreshes and sets the timer for the next
// change.
func (l *accountList) tick() {
	now := l.bridge.clock.Now()
	var next time.Time
	for _, cd := range l.cards {
		c := cd.conn
		l.update(cd, now)
		l.notifier.check(c, now)
		next = earliest(next, l.refreshIfDue(c, now))
		if t, ok := accounts.NextChange(c, now); ok {
			next = earliest(next, t)
		}
	}
	l.timer.set(next, now)
}

// earliest is the earlier of two times, a zero time meaning "never".
func earliest(a, b time.Time) time.Time {
	if a.IsZero() || (!b.IsZero() && b.Before(a)) {
		return b
	}
	return a
}

// timer is the list's one timer.
type timer struct {
	bridge *bridge
	fire   func()
	at     time.Time
	stop   func() bool
	gen    int // tells a stopped timer's late call from the current one's
}

// set makes the timer fire at at, or stops it for a zero time.
func (t *timer) set(at, now time.Time) {
	if t.stop != nil && at.Equal(t.at) {
		return
	}
	t.cancel()
	t.at = at
	if at.IsZero() {
		return
	}
	t.gen++
	gen := t.gen
	t.stop = t.bridge.after(min(max(at.Sub(now), time.Millisecond), maxSleep), func() {
		if gen != t.gen {
			return
		}
		t.stop, t.at = nil, time.Time{}
		t.fire()
	})
}

func (t *timer) cancel() {
	if t.stop != nil {
		t.stop()
		t.stop = nil
	}
	t.gen++
}

// running reports whether the timer is set.
func (t *timer) running() bool { return t.stop != nil }
