// Package sessiontest helps test what runs on a session's clock: a clock
// that stands still until the test moves it, and fires timers only then.
package sessiontest

import (
	"sort"
	"sync"
	"time"
)

// Clock is a settable session.Clock whose timers fire only when told.
type Clock struct {
	mu     sync.Mutex
	now    time.Time
	timers map[int]*timer
	nextID int
}

type timer struct {
	at time.Time
	f  func()
}

// NewClock is a clock standing at now.
func NewClock(now time.Time) *Clock {
	return &Clock{now: now, timers: map[int]*timer{}}
}

// Now is the time the clock stands at.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Set moves the clock to t without firing any timer.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

// AfterFunc sets a timer that FireAt fires once d has passed.
func (c *Clock) AfterFunc(d time.Duration, f func()) func() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	id := c.nextID
	c.nextID++
	c.timers[id] = &timer{at: c.now.Add(d), f: f}
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		_, ok := c.timers[id]
		delete(c.timers, id)
		return ok
	}
}

// Pending is the number of timers set and not yet fired or stopped.
func (c *Clock) Pending() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.timers)
}

// NextTimer is when the earliest timer is due; false when none is set.
func (c *Clock) NextTimer() (time.Time, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var ats []time.Time
	for _, t := range c.timers {
		ats = append(ats, t.at)
	}
	if len(ats) == 0 {
		return time.Time{}, false
	}
	sort.Slice(ats, func(i, j int) bool { return ats[i].Before(ats[j]) })
	return ats[0], true
}

// FireAt sets the clock to at and fires, on the calling goroutine, the
// timers due by then.
func (c *Clock) FireAt(at time.Time) {
	c.mu.Lock()
	c.now = at
	var due []func()
	for id, t := range c.timers {
		if !t.at.After(at) {
			due = append(due, t.f)
			delete(c.timers, id)
		}
	}
	c.mu.Unlock()
	for _, f := range due {
		f()
	}
}
