package ui

import (
	"io"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/app"
	"github.com/make-connect/make-connect/internal/core/session"
	"github.com/make-connect/make-connect/internal/core/session/sessiontest"
	"github.com/make-connect/make-connect/internal/testkit/sandbox"
)

// t0 is the tests' "now": expiry text and countdowns are computed from the
// fake clock, and local time is a fixed zone, so goldens are stable.
var t0 = time.Date(2026, 11, 25, 13, 4, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	time.Local = time.FixedZone("CET", 3600)
	// The app's name, ID and version, from their one home, as main reads
	// them.
	b, err := os.ReadFile("../FyneApp.toml")
	if err == nil {
		err = config.ReadMetadata(string(b))
	}
	if err != nil {
		panic(err)
	}
	os.Exit(sandbox.Run(m)) // the tests start the sandbox, built once for them all
}

// harness drives a Window on the test goroutine, which plays the UI
// goroutine: background work runs on real goroutines, and what it hands
// back to the widgets is queued and run here by settle and pumpUntil.
type harness struct {
	t     testing.TB
	app   fyne.App
	w     *Window
	clock *sessiontest.Clock
	svc   *fakeService
	// privateClipboard is Options.SetPrivateClipboard; nil for the default.
	privateClipboard func(text string) error
	queue            chan func()
	inflight         atomic.Int32
	env              map[string]string
	policy           config.Policy // the organization's managed policy
	policyErr        error         // what reading it fails with
	notes            []*fyne.Notification
	openedMu         sync.Mutex
	opened           []string // by OpenURL, off the test goroutine: read with browsed

	newBackend func(l app.Loaded, log io.Writer) (Backend, error) // default: svc
	logDir     string
	noticeDir  string
	realClock  bool
	unpainted  bool // the window has not drawn its first frame
	compact    bool // rows open as the app opens them (expandAlone)

	// slowest is the longest the UI goroutine was held by one update that
	// pumpUntil ran or onUI timed: BenchmarkUIUpdates reports it.
	slowest time.Duration
}

// compact keeps the app's rule for which rows show their details, instead
// of opening every one.
func compact() harnessOption {
	return func(h *harness) { h.compact = true }
}

type harnessOption func(h *harness)

// unpainted leaves the window as it is before its first frame.
func unpainted() harnessOption {
	return func(h *harness) { h.unpainted = true }
}

func withEnv(env map[string]string) harnessOption {
	return func(h *harness) { h.env = env }
}

// withPolicy puts the window under an organization's managed policy.
func withPolicy(p config.Policy) harnessOption {
	return func(h *harness) { h.policy = p }
}

// withBackend gives the window a real backend, on the real clock.
func withBackend(newBackend func(l app.Loaded, log io.Writer) (Backend, error)) harnessOption {
	return func(h *harness) { h.newBackend, h.realClock = newBackend, true }
}

// withPrivateClipboard stands in for Windows' private clipboard.
func withPrivateClipboard(set func(text string) error) harnessOption {
	return func(h *harness) { h.privateClipboard = set }
}

func newHarness(t testing.TB, svc *fakeService, opts ...harnessOption) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	h := &harness{t: t, app: a, svc: svc, clock: sessiontest.NewClock(t0), queue: make(chan func(), 100), logDir: t.TempDir(), noticeDir: t.TempDir(),
		env: map[string]string{config.EnvClientID: "test-client"}}
	for _, o := range opts {
		o(h)
	}
	if _, ok := h.env[config.EnvConfigDir]; !ok {
		h.env[config.EnvConfigDir] = t.TempDir() // never the person's own saved settings
	}
	svc.settings = h.env[config.EnvConfigDir]
	if h.newBackend == nil {
		h.newBackend = svc.backend
	}
	var clock session.Clock = h.clock
	if h.realClock {
		clock = session.RealClock{}
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
		NewBackend:          h.newBackend,
		LogDir:              h.logDir,
		NoticeDir:           h.noticeDir,
		SetPrivateClipboard: h.privateClipboard,
		LookupEnv:           func(name string) (string, bool) { v, ok := h.env[name]; return v, ok },
		ReadPolicy:          func() (config.Policy, error) { return h.policy, h.policyErr },
		OpenURL: func(u *url.URL) error {
			h.openedMu.Lock()
			defer h.openedMu.Unlock()
			h.opened = append(h.opened, u.String())
			return svc.openErr
		},
	}, b)
	if !h.compact {
		// The tests written before the rows were compact read the details
		// of every account; the compact tests keep the app's rule.
		h.w.accounts.openByDefault = func(int) bool { return true }
	}
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
		at, ok := h.clock.NextTimer()
		if !ok || at.After(end) {
			break
		}
		h.clock.FireAt(at)
		fired++
		h.settle()
	}
	h.clock.Set(end)
	h.settle()
	return fired
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

// buttonNamed is the card's button with the label, or nil.
func (cd *card) buttonNamed(label string) *button {
	for _, b := range cd.buttons() {
		if b.Text == label {
			return b
		}
	}
	return nil
}
