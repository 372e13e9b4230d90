package session

import "time"

// timer is a session's one timer, set for the moment the earliest thing on
// its list is due: a shown value changing, a refresh, a retry, the end of
// a rest. The session's lock is held whenever set, cancel or fired runs.
type timer struct {
	clock Clock
	fire  func(gen int) // takes the lock, then calls fired
	at    time.Time
	stop  func() bool
	gen   int // tells a stopped timer's late call from the current one's
}

// set makes the timer fire at at, or stops it for a zero time. A wait is
// at most MaxSleep, so a computer that slept is caught up with soon.
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
	t.stop = t.clock.AfterFunc(min(max(at.Sub(now), time.Millisecond), MaxSleep), func() { t.fire(gen) })
}

// fired reports whether a call for gen is the current timer's, and if so
// marks the timer as no longer set.
func (t *timer) fired(gen int) bool {
	if gen != t.gen {
		return false
	}
	t.stop, t.at = nil, time.Time{}
	return true
}

func (t *timer) cancel() {
	if t.stop != nil {
		t.stop()
		t.stop = nil
	}
	t.gen++
}
