package session

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/make-connect/make-connect/internal/core/account"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/adapters/makeapi"
	"github.com/make-connect/make-connect/internal/core/accounts"
	"github.com/make-connect/make-connect/internal/core/session/sessiontest"
)

// fakeAccounts is the account service as the schedule sees it: stored
// connections, Make's verdicts and what a refresh gives. The connect flow
// is tested against the sandbox (connect_test.go).
type fakeAccounts struct {
	mu        sync.Mutex
	stored    []*account.Connected
	def       accounts.Choice
	verdicts  map[string]error // by account ID: a check's error; nil accepts
	renewed   map[string]*account.Connected
	renewErr  error
	lists     int
	checks    []string
	refreshes []string
}

func (f *fakeAccounts) List() ([]*account.Connected, []error, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lists++
	return slices.Clone(f.stored), nil, nil
}

func (f *fakeAccounts) DefaultID(conns []*account.Connected) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	c, err := account.Pick(conns, "", f.def)
	if err != nil {
		return "", err
	}
	return c.ID(), nil
}

func (f *fakeAccounts) Check(_ context.Context, c *account.Connected) (account.Verdict, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.checks = append(f.checks, c.ID())
	if err := f.verdicts[c.ID()]; err != nil {
		return account.Unreachable, err
	}
	return account.Accepted, nil
}

func (f *fakeAccounts) EnsureFresh(_ context.Context, id string) (*account.Connected, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.refreshes = append(f.refreshes, id)
	i := slices.IndexFunc(f.stored, func(c *account.Connected) bool { return c.ID() == id })
	if i < 0 {
		return nil, errors.New("gone")
	}
	if n := f.renewed[id]; n != nil && f.renewErr == nil {
		f.stored[i] = n
		return n, nil
	}
	return f.stored[i], f.renewErr
}

func (f *fakeAccounts) counts() (lists, checks, refreshes int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.lists, len(f.checks), len(f.refreshes)
}

// What the schedule never calls.
func (f *fakeAccounts) Begin(context.Context, func(context.Context, *account.Connected) error) (Attempt, error) {
	panic("not the schedule's")
}
func (f *fakeAccounts) ReadyToConnect([]*account.Connected, string) error {
	panic("not the schedule's")
}
func (f *fakeAccounts) Describe(context.Context, *account.Connected) error {
	panic("not the schedule's")
}
func (f *fakeAccounts) Save(_, _ *account.Connected) (*account.Connected, error) {
	panic("not the schedule's")
}
func (f *fakeAccounts) Revoke(context.Context, *account.Connected) error { panic("not the schedule's") }
func (f *fakeAccounts) SetDefault(string) (*account.Connected, error)    { panic("not the schedule's") }
func (f *fakeAccounts) Disconnect(context.Context, string) (*accounts.Disconnected, error) {
	panic("not the schedule's")
}
func (f *fakeAccounts) Token(context.Context, string, time.Duration) (*account.Connected, error) {
	panic("not the schedule's")
}
func (f *fakeAccounts) KeepDefault([]*account.Connected, *account.Connected) (*account.Connected, error) {
	panic("not the schedule's")
}

// world is a session on a fake clock, with its work counted so a test
// can wait until it is done.
type world struct {
	t       *testing.T
	clock   *sessiontest.Clock
	acc     *fakeAccounts
	s       *Session
	work    sync.WaitGroup
	mu      sync.Mutex
	notices []Notice
}

func newWorld(t *testing.T, acc *fakeAccounts, notices *Notices) *world {
	w := &world{t: t, clock: sessiontest.NewClock(t0), acc: acc}
	w.s = New(Options{
		Clock: w.clock,
		Spawn: func(f func()) {
			w.work.Add(1)
			go func() { defer w.work.Done(); f() }()
		},
		Notify: func(n Notice) {
			w.mu.Lock()
			defer w.mu.Unlock()
			w.notices = append(w.notices, n)
		},
		Notices: notices,
	})
	w.s.Use(acc)
	return w
}

// settle waits until the session's work is done.
func (w *world) settle() { w.work.Wait() }

// advance moves the clock on by d, firing the session's timer whenever
// it is due, and waiting for what each firing starts.
func (w *world) advance(d time.Duration) {
	end := w.clock.Now().Add(d)
	for {
		at, ok := w.clock.NextTimer()
		if !ok || at.After(end) {
			break
		}
		w.clock.FireAt(at)
		w.settle()
	}
	w.clock.Set(end)
}

func (w *world) sent() []accounts.Notice {
	w.mu.Lock()
	defer w.mu.Unlock()
	var kinds []accounts.Notice
	for _, n := range w.notices {
		kinds = append(kinds, n.Kind)
	}
	return kinds
}

// TestAccountsAreReadWhenAsked: Use reads nothing until the face asks
// (the window, after its first frame); the first read asks Make about
// every unexpired token, later reads do not.
func TestAccountsAreReadWhenAsked(t *testing.T) {
	acc := &fakeAccounts{stored: []*account.Connected{conn(time.Hour, false), expiredAs("1002")}}
	w := newWorld(t, acc, nil)
	w.settle()
	if lists, _, _ := acc.counts(); lists != 0 {
		t.Fatalf("read %d times before being asked", lists)
	}
	w.s.Reload()
	w.settle()
	v := w.s.View()
	if len(v.Accounts) != 2 || v.Read != 1 {
		t.Fatalf("view %+v after one read", v)
	}
	if _, checks, _ := acc.counts(); checks != 1 {
		t.Errorf("Make was asked %d times, want once, for the unexpired token", checks)
	}
	if ck := v.Accounts[0].Check; ck == nil || ck.Verdict != account.Accepted || ck.Running {
		t.Errorf("the check shows %+v", ck)
	}
	w.s.Reload()
	w.settle()
	if _, checks, _ := acc.counts(); checks != 1 {
		t.Errorf("a second read asked Make again (%d checks)", checks)
	}
	w.s.CheckAll()
	w.settle()
	if _, checks, _ := acc.counts(); checks != 2 {
		t.Errorf("CheckAll made %d checks in all, want 2", checks)
	}
}

func expiredAs(subject string) *account.Connected {
	c := conn(-time.Hour, false)
	c.Subject = subject
	return c
}

// TestRefreshOnTheSchedule: a renewable account is renewed at the margin,
// once; the renewed connection replaces it in the view; a failure is
// tried again a minute later; a refusal is not tried again.
func TestRefreshOnTheSchedule(t *testing.T) {
	old := conn(10*time.Minute, true)
	renewed := conn(10*time.Minute+time.Hour, true)
	acc := &fakeAccounts{stored: []*account.Connected{old}, renewed: map[string]*account.Connected{old.ID(): renewed}}
	w := newWorld(t, acc, nil)
	w.s.Reload()
	w.settle()
	w.advance(10*time.Minute - accounts.RefreshMargin - time.Second)
	if _, _, n := acc.counts(); n != 0 {
		t.Fatalf("refreshed %d times before the margin", n)
	}
	w.advance(2 * time.Second)
	if _, _, n := acc.counts(); n != 1 {
		t.Fatalf("refreshed %d times at the margin, want 1", n)
	}
	if v := w.s.View(); v.Accounts[0].Conn != renewed {
		t.Error("the view does not show the renewed connection")
	}
	w.advance(30 * time.Minute)
	if _, _, n := acc.counts(); n != 1 {
		t.Errorf("refreshed %d times; the renewed token is not due", n)
	}

	t.Run("failure and refusal", func(t *testing.T) {
		c := conn(3*time.Minute, true)
		acc := &fakeAccounts{stored: []*account.Connected{c}, renewErr: errors.New("dial tcp: refused")}
		w := newWorld(t, acc, nil)
		w.s.Reload()
		w.settle()
		w.advance(time.Minute + time.Second) // due
		w.advance(RefreshRetry - 2*time.Second)
		if _, _, n := acc.counts(); n != 1 {
			t.Fatalf("refreshed %d times within the retry's wait, want 1", n)
		}
		if r := w.s.View().Accounts[0].Refresh; r == nil || r.Err == nil || r.Refused() {
			t.Errorf("the view shows the refresh as %+v", r)
		}
		acc.mu.Lock()
		acc.renewErr = &auth.TokenError{Refresh: true, Code: "invalid_grant"}
		acc.mu.Unlock()
		w.advance(2 * time.Second)
		w.advance(10 * RefreshRetry)
		if _, _, n := acc.counts(); n != 2 {
			t.Errorf("refreshed %d times; after Make refused the refresh token, never again", n)
		}
		if r := w.s.View().Accounts[0].Refresh; !r.Refused() {
			t.Errorf("the view does not say the refresh was refused: %+v", r)
		}
	})
}

// TestRateLimitRest: after Make's rate limit an account is asked nothing
// for a minute, neither checked nor refreshed, however often asked.
func TestRateLimitRest(t *testing.T) {
	c := conn(accounts.RefreshMargin+30*time.Second, true)
	acc := &fakeAccounts{stored: []*account.Connected{c}, verdicts: map[string]error{c.ID(): &makeapi.Error{Status: 429}}}
	w := newWorld(t, acc, nil)
	w.s.Reload()
	w.settle()
	for range 5 {
		w.s.CheckAll()
		w.settle()
	}
	if _, checks, _ := acc.counts(); checks != 1 {
		t.Errorf("Make was asked %d times within the minute after its rate limit", checks)
	}
	if v := w.s.View(); v.Accounts[0].RestUntil.IsZero() || !errors.Is(v.Accounts[0].Check.Err, makeapi.ErrRateLimited) {
		t.Errorf("the view does not show the rest: %+v", v.Accounts[0])
	}
	w.advance(RateLimitPause - time.Second) // the refresh fell due at +30s
	if _, _, n := acc.counts(); n != 0 {
		t.Errorf("refreshed %d times within the rest", n)
	}
	w.advance(2 * time.Second)
	if _, _, n := acc.counts(); n != 1 {
		t.Errorf("refreshed %d times once the rest was over, want 1", n)
	}
}

// TestNoticesOncePerTokenAcrossProcesses: two sessions (two processes,
// a window started twice) keep one record of what was sent: each notice
// goes out once per token, and a new token gets its own.
func TestNoticesOncePerTokenAcrossProcesses(t *testing.T) {
	dir := t.TempDir()
	c := conn(6*time.Minute, false)
	first := newWorld(t, &fakeAccounts{stored: []*account.Connected{c}}, NewNotices(dir))
	second := newWorld(t, &fakeAccounts{stored: []*account.Connected{c}}, NewNotices(dir))
	for _, w := range []*world{first, second} {
		w.s.Reload()
		w.settle()
	}
	for _, w := range []*world{first, second} {
		w.advance(time.Minute + time.Second) // under five minutes left
	}
	if n := len(first.sent()) + len(second.sent()); n != 1 {
		t.Fatalf("%d expires-soon notices from two sessions, want 1", n)
	}
	for _, w := range []*world{first, second} {
		w.advance(10 * time.Minute) // expired
	}
	if got := append(first.sent(), second.sent()...); len(got) != 2 || !slices.Contains(got, accounts.NoticeExpired) {
		t.Fatalf("notices %v, want expires soon and expired, once each", got)
	}

	// An account that renews itself is told nothing before it expires.
	renewing := conn(4*time.Minute, true)
	w := newWorld(t, &fakeAccounts{stored: []*account.Connected{renewing}, renewErr: errors.New("down")}, NewNotices(t.TempDir()))
	w.s.Reload()
	w.settle()
	w.advance(3 * time.Minute)
	if got := w.sent(); len(got) != 0 {
		t.Errorf("notices %v for an account that renews itself", got)
	}
}

// TestDefaultThatIsGoneIsReported: a default naming an account that is
// not listed leaves no account marked, and the view says why.
func TestDefaultThatIsGoneIsReported(t *testing.T) {
	acc := &fakeAccounts{stored: []*account.Connected{conn(time.Hour, false)},
		def: accounts.Choice{Ref: "0123456789ab", Source: config.FromSaved}}
	w := newWorld(t, acc, nil)
	w.s.Reload()
	w.settle()
	v := w.s.View()
	if v.Accounts[0].Default || !errors.As(v.DefaultErr, new(*accounts.DefaultGoneError)) {
		t.Errorf("default %v, problem %v; want none, and the gone default reported", v.Accounts[0].Default, v.DefaultErr)
	}
}
