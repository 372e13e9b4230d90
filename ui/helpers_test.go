package ui

import (
	"io"
	"net/url"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/config"
)

// t0 is the tests' "now": expiry text and countdowns are computed from the
// fake clock, and local time is a fixed zone, so goldens are stable.
var t0 = time.Date(2026, 11, 25, 13, 4, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	time.Local = time.FixedZone("CET", 3600)
	os.Exit(m.Run())
}

// harness drives a Window on the test goroutine, which plays the UI
// goroutine: background work runs on real goroutines, and what it hands
// back to the widgets is queued and run here by settle and pumpUntil.
type harness struct {
	t        *testing.T
	app      fyne.App
	w        *Window
	clock    *fakeClock
	svc      *fakeService
	queue    chan func()
	inflight atomic.Int32
	env      map[string]string
	notes    []*fyne.Notification
	openedMu sync.Mutex
	opened   []string // by OpenURL, off the test goroutine: read with browsed

	newService func(cfg config.Config, log io.Writer) (Service, error) // default: svc
	logDir     string
	realClock  bool
	unpainted  bool // the window has not drawn its first frame
}

type harnessOption func(h *harness)

// unpainted leaves the window as it is before its first frame.
func unpainted() harnessOption {
	return func(h *harness) { h.unpainted = true }
}

func withEnv(env map[string]string) harnessOption {
	return func(h *harness) { h.env = env }
}

// withService gives the window a real service, on the real clock.
func withService(newService func(cfg config.Config, log io.Writer) (Service, error)) harnessOption {
	return func(h *harness) { h.newService, h.realClock = newService, true }
}

func newHarness(t *testing.T, svc *fakeService, opts ...harnessOption) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	h := &harness{t: t, app: a, svc: svc, clock: newFakeClock(t0), queue: make(chan func(), 100), logDir: t.TempDir(),
		env: map[string]string{config.EnvClientID: "test-client"}}
	for _, o := range opts {
		o(h)
	}
	if _, ok := h.env[config.EnvConfigDir]; !ok {
		h.env[config.EnvConfigDir] = t.TempDir() // never the person's own saved settings
	}
	if h.newService == nil {
		h.newService = func(cfg config.Config, _ io.Writer) (Service, error) { svc.setConfig(cfg); return svc, nil }
	}
	var clock Clock = h.clock
	if h.realClock {
		clock = realClock{}
	}
	b := &bridge{
		do: func(f func()) { h.queue <- f },
		spawn: func(f func()) {
			h.inflight.Add(1)
			go func() { defer h.inflight.Add(-1); f() }()
		},
		clock:  clock,
		notify: func(n *fyne.Notification) { h.notes = append(h.notes, n) },
	}
	h.w = newWindow(a, Options{
		NewService: h.newService,
		LogDir:     h.logDir,
		LookupEnv:  func(name string) (string, bool) { v, ok := h.env[name]; return v, ok },
		OpenURL: func(u *url.URL) error {
			h.openedMu.Lock()
			defer h.openedMu.Unlock()
			h.opened = append(h.opened, u.String())
			return svc.openErr
		},
	}, b)
	h.w.win.Resize(defaultSize)
	// The first frame, painted as the real window paints it: only then does
	// the window read the accounts.
	if !h.unpainted {
		h.w.win.Canvas().Capture()
	}
	if !h.realClock {
		h.settle()
	}
	return h
}

// browsed is the addresses the browser was sent to, so far.
func (h *harness) browsed() []string {
	h.openedMu.Lock()
	defer h.openedMu.Unlock()
	return slices.Clone(h.opened)
}

// savedSettings is what the window saved, as every command reads it.
func (h *harness) savedSettings() config.Settings {
	h.t.Helper()
	s, err := config.ReadSettings(h.env[config.EnvConfigDir])
	if err != nil {
		h.t.Fatal(err)
	}
	return s
}

// settle runs what background work hands back until nothing is left to
// do but wait for the browser (fake attempts blocked in Wait or Paste).
func (h *harness) settle() {
	h.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		select {
		case f := <-h.queue:
			f()
			continue
		default:
		}
		if h.inflight.Load() <= h.svc.blocked.Load() {
			select {
			case f := <-h.queue:
				f()
				continue
			case <-time.After(5 * time.Millisecond):
				if len(h.queue) == 0 && h.inflight.Load() <= h.svc.blocked.Load() {
					return
				}
			}
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("background work did not finish (%d in flight)", h.inflight.Load())
		}
		time.Sleep(time.Millisecond)
	}
}

// advance moves the clock forward, firing the window's timer at each
// moment it is due, and returns how many times it fired.
func (h *harness) advance(d time.Duration) int {
	h.t.Helper()
	end := h.clock.Now().Add(d)
	fired := 0
	for {
		at, ok := h.clock.nextTimer()
		if !ok || at.After(end) {
			break
		}
		h.clock.fireAt(at)
		fired++
		h.settle()
	}
	h.clock.set(end)
	h.settle()
	return fired
}

// fakeClock is a settable clock whose timers fire only when told.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers map[int]*fakeTimer
	nextID int
}

type fakeTimer struct {
	at time.Time
	f  func()
}

func newFakeClock(now time.Time) *fakeClock {
	return &fakeClock{now: now, timers: map[int]*fakeTimer{}}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

func (c *fakeClock) AfterFunc(d time.Duration, f func()) func() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	id := c.nextID
	c.nextID++
	c.timers[id] = &fakeTimer{at: c.now.Add(d), f: f}
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		_, ok := c.timers[id]
		delete(c.timers, id)
		return ok
	}
}

// pending is the number of timers set and not yet fired or stopped.
func (c *fakeClock) pending() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.timers)
}

func (c *fakeClock) nextTimer() (time.Time, bool) {
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

// fireAt sets the clock to at and fires the timers due by then.
func (c *fakeClock) fireAt(at time.Time) {
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

// countText is how many visible texts contain s.
func countText(c fyne.Canvas, s string) int {
	return strings.Count(screenText(c), s)
}

// countButtons is how many visible buttons have the label.
func countButtons(c fyne.Canvas, label string) int {
	n := 0
	visible(c, func(o fyne.CanvasObject) {
		if b, ok := o.(*button); ok && b.Text == label {
			n++
		}
	})
	return n
}

// hasTextIn reports whether a card shows a text containing s.
func hasTextIn(cd *card, s string) bool {
	found := false
	walkObject(cd.box, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, s) {
			found = true
		}
	})
	return found
}

// hasButtonIn reports whether a card shows a button with the label.
func hasButtonIn(cd *card, label string) bool {
	found := false
	walkObject(cd.box, func(o fyne.CanvasObject) {
		if b, ok := o.(*button); ok && b.Text == label {
			found = true
		}
	})
	return found
}
