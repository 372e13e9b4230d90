package session

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/make-connect/make-connect/internal/core/account"

	"github.com/make-connect/make-connect/internal/adapters/makeapi"
	"github.com/make-connect/make-connect/internal/core/accounts"
)

// Clock tells the time and calls back later; tests set it by hand.
type Clock interface {
	Now() time.Time
	// AfterFunc calls f on its own goroutine after d; stop cancels it.
	AfterFunc(d time.Duration, f func()) (stop func() bool)
}

// RealClock is the system's clock.
type RealClock struct{}

func (RealClock) Now() time.Time { return time.Now() }
func (RealClock) AfterFunc(d time.Duration, f func()) func() bool {
	return time.AfterFunc(d, f).Stop
}

// Options are what a Session is given by the face that shows it.
type Options struct {
	// Clock is the session's clock; default RealClock.
	Clock Clock
	// Spawn runs work on another goroutine; default go. Tests count what
	// runs.
	Spawn func(work func())
	// Changed is called, from any goroutine, after what View reports has
	// changed. It must not block or call back into the session at once:
	// the window hands it to its UI goroutine.
	Changed func()
	// Notify sends a desktop notice; it is called once per account, token
	// and kind (Notices), never for an account that renews itself unless
	// it has expired.
	Notify func(Notice)
	// Notices keeps the record of sent notices; nil keeps it in memory.
	Notices *Notices
}

// Session keeps a face's list of accounts true and runs each account's
// schedule: it reads the accounts, renews them when due, asks Make about
// them, rests after Make's rate limit, sends the notices due, and wakes
// when what is shown next changes — with one timer for the whole list.
// Its methods never block; the work runs on Spawn's goroutines and View
// reports the outcome.
type Session struct {
	opts Options

	mu      sync.Mutex
	acc     Accounts
	gen     int  // counts Use: a read for an older service is dropped
	wanted  bool // Reload was asked for: from then on Use reads too
	reading bool
	again   bool // read once more when the running read ends
	view    View
	asked   bool              // Make was asked once, after the first read
	tracks  map[string]*track // by account ID
	timer   timer
	// before are the accounts shown when another process's change was
	// noticed (Elsewhere), until a read reports what it changed.
	before *[]*account.Connected
}

// View is what a session reports: the accounts as last read, with how
// each one's schedule is going.
type View struct {
	// Now is the moment the view is true for.
	Now time.Time
	// Read counts the reads of the keychain: ReadErr and Skipped are new
	// when it changes.
	Read int
	// ReadErr says why the keychain could not be read; Skipped are the
	// entries that could not be, whose accounts are not listed.
	ReadErr error
	Skipped []error
	// DefaultErr is a default that names an account which is gone
	// (*accounts.DefaultGoneError): no account is the default then.
	DefaultErr error
	Accounts   []Account
	// Elsewhere is set on the first read after another process changed
	// the accounts or the settings (Session.Elsewhere): what was shown
	// before, to say what that process changed. Nil otherwise.
	Elsewhere *Elsewhere
}

// Elsewhere is what was shown before another process changed the
// accounts or the settings.
type Elsewhere struct {
	Before []*account.Connected
}

// Conns are the view's accounts' connections, in order.
func (v View) Conns() []*account.Connected {
	conns := make([]*account.Connected, len(v.Accounts))
	for i, a := range v.Accounts {
		conns[i] = a.Conn
	}
	return conns
}

// Account is one account of a View.
type Account struct {
	Conn    *account.Connected
	Default bool
	// Refresh and Check are nil before the account's token was due for a
	// refresh or Make was asked about it.
	Refresh *RefreshStatus
	Check   *CheckStatus
	// RestUntil is when the rate limit's pause ends; zero when none runs.
	RestUntil time.Time
}

// Model is the account as package account's rules see it — its state,
// whether it renews itself, needs a reconnect, may be copied: its
// connection, and what Make has said of its current token and refresh
// token.
func (a Account) Model() account.Account {
	m := account.Account{Conn: a.Conn, RefreshRefused: a.Refresh.Refused()}
	if a.Check != nil && !a.Check.Running {
		m.Verdict = a.Check.Verdict
	}
	return m
}

// New makes a session; Use gives it the accounts to show.
func New(opts Options) *Session {
	if opts.Clock == nil {
		opts.Clock = RealClock{}
	}
	if opts.Spawn == nil {
		opts.Spawn = func(work func()) { go work() }
	}
	if opts.Changed == nil {
		opts.Changed = func() {}
	}
	if opts.Notify == nil {
		opts.Notify = func(Notice) {}
	}
	if opts.Notices == nil {
		opts.Notices = NewNotices("")
	}
	s := &Session{opts: opts, tracks: map[string]*track{}}
	s.timer = timer{clock: opts.Clock, fire: s.timerFired}
	return s
}

// Use makes acc the account service, at first and when the settings
// change, and reads the accounts again if they were to be read already.
// Refreshes start again on the new service; Make's verdicts and rate
// limits belong to the tokens and accounts, and stay.
//
// Use(nil) is no account service at all — the configuration did not
// load: nothing is listed, and nothing is read, until a service is given
// again.
func (s *Session) Use(acc Accounts) {
	s.mu.Lock()
	s.acc = acc
	s.gen++
	for _, t := range s.tracks {
		t.refresh = nil
	}
	if acc == nil {
		s.view = View{Read: s.view.Read}
		clear(s.tracks)
	}
	read := s.wanted
	s.mu.Unlock()
	if acc == nil {
		s.opts.Spawn(s.opts.Changed) // as after a read: never on the caller's goroutine
		return
	}
	if read {
		s.Reload()
	}
}

// Elsewhere says another process changed the accounts or the settings
// (Watch reported it): the next read that succeeds says what was shown
// before (View.Elsewhere), so a face can say what that process changed.
func (s *Session) Elsewhere() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.before == nil {
		before := s.view.Conns()
		s.before = &before
	}
}

// Accounts is the account service in use.
func (s *Session) Accounts() Accounts {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.acc
}

// View reports the accounts and their schedules as they are now.
func (s *Session) View() View {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := s.view
	v.Now = s.opts.Clock.Now()
	v.Accounts = slices.Clone(v.Accounts)
	for i := range v.Accounts {
		a := &v.Accounts[i]
		t := s.tracks[a.Conn.ID()]
		a.Refresh, a.Check = copyOf(t.refreshOf(a.Conn)), copyOf(t.checkOf(a.Conn))
		if v.Now.Before(t.restUntil) {
			a.RestUntil = t.restUntil
		}
	}
	return v
}

func copyOf[T any](p *T) *T {
	if p == nil {
		return nil
	}
	c := *p
	return &c
}

// Reload reads the accounts again, in the background; a read asked for
// while one runs is done once it ends.
func (s *Session) Reload() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.wanted = true
	if s.acc == nil {
		return // Use reads them
	}
	if s.reading {
		s.again = true
		return
	}
	s.reading = true
	acc, gen := s.acc, s.gen
	s.opts.Spawn(func() { s.read(acc, gen) })
}

func (s *Session) read(acc Accounts, gen int) {
	conns, skipped, err := acc.List()
	defID, defErr := "", error(nil)
	if err == nil {
		defID, defErr = acc.DefaultID(conns)
	}
	s.mu.Lock()
	s.reading = false
	again := s.again || gen != s.gen
	s.again = false
	if gen == s.gen {
		s.apply(conns, skipped, err, defID, defErr)
	}
	firstRead := gen == s.gen && err == nil && !s.asked
	if firstRead {
		s.asked = true
	}
	s.mu.Unlock()
	if again {
		s.Reload()
	}
	if gen != s.gen {
		return
	}
	if firstRead {
		s.CheckAll() // ticks too
		return
	}
	s.tick()
}

// apply takes what the keychain holds; s.mu is held.
func (s *Session) apply(conns []*account.Connected, skipped []error, err error, defID string, defErr error) {
	v := View{Read: s.view.Read + 1, ReadErr: err, Skipped: skipped}
	if err != nil {
		// The accounts shown stay; the error says they may be out of date.
		v.Accounts = s.view.Accounts
		s.view = v
		return
	}
	if errors.Is(defErr, accounts.ErrAccountGone) {
		v.DefaultErr = defErr
	}
	if s.before != nil {
		v.Elsewhere, s.before = &Elsewhere{Before: *s.before}, nil
	}
	ids := map[string]bool{}
	for _, c := range conns {
		ids[c.ID()] = true
		v.Accounts = append(v.Accounts, Account{Conn: c, Default: c.ID() == defID})
		if s.tracks[c.ID()] == nil {
			s.tracks[c.ID()] = &track{}
		}
	}
	for id := range s.tracks {
		if !ids[id] {
			delete(s.tracks, id)
		}
	}
	s.view = v
	s.opts.Notices.forgetAllBut(conns)
}

// CheckAll asks Make about every account whose token has not expired.
func (s *Session) CheckAll() {
	s.mu.Lock()
	for _, a := range s.view.Accounts {
		s.check(a.Conn)
	}
	s.mu.Unlock()
	s.tick()
}

// check asks Make about c's token, as checkStep says; s.mu is held.
func (s *Session) check(c *account.Connected) {
	now := s.opts.Clock.Now()
	t := s.tracks[c.ID()]
	ask, rest := checkStep(c, t.checkOf(c), t.restUntil, now)
	if rest {
		t.check = &CheckStatus{token: tokenKey(c), Verdict: account.Unreachable, Err: makeapi.ErrRateLimited, At: now}
	}
	if !ask {
		return
	}
	ck := &CheckStatus{token: tokenKey(c), Running: true}
	t.check = ck
	acc := s.acc
	s.opts.Spawn(func() {
		ctx, cancel := context.WithTimeout(context.Background(), checkTimeout)
		defer cancel()
		v, err := acc.Check(ctx, c)
		s.mu.Lock()
		if t := s.tracks[c.ID()]; t != nil && t.check == ck {
			now := s.opts.Clock.Now()
			ck.Running, ck.Verdict, ck.Err, ck.At = false, v, err, now
			t.restUntil = later(t.restUntil, restAfter(err, now))
		}
		s.mu.Unlock()
		s.tick()
	})
}

// timerFired runs the timer's call unless the timer was set again since.
func (s *Session) timerFired(gen int) {
	s.mu.Lock()
	current := s.timer.fired(gen)
	s.mu.Unlock()
	if current {
		s.tick()
	}
}

// Tick brings the view up to date with the clock, as after the computer
// slept.
func (s *Session) Tick() { s.opts.Spawn(s.tick) }

// tick starts the refreshes that are due, sends the notices that are due,
// sets the timer for the next change and reports the view changed.
func (s *Session) tick() {
	s.mu.Lock()
	now := s.opts.Clock.Now()
	var next time.Time
	var notices []Notice
	among := s.view.Conns()
	for _, a := range s.view.Accounts {
		c := a.Conn
		t := s.tracks[c.ID()]
		start, refreshNext := refreshStep(c, t.refreshOf(c), t.restUntil, now)
		if start {
			s.refresh(c, t)
		}
		next = earliest(next, wakeAt(c, refreshNext, now))
		if kind := accounts.NoticeDue(c, now); kind != accounts.NoNotice {
			notices = append(notices, Notice{Kind: kind, Conn: c, Among: among})
		}
	}
	s.timer.set(next, now)
	s.mu.Unlock()
	for _, n := range notices {
		s.send(n)
	}
	s.opts.Changed()
}

// send sends n unless it was sent before, in any process. An "expired"
// notice makes a later "expires soon" for the same token pointless.
func (s *Session) send(n Notice) {
	if !s.opts.Notices.claim(n.Conn, n.Kind) {
		return
	}
	if n.Kind == accounts.NoticeExpired {
		s.opts.Notices.claim(n.Conn, accounts.NoticeExpiresSoon)
	}
	s.opts.Notify(n)
}

// refresh renews c in the background; s.mu is held. A renewed account
// replaces its old connection in the view; one that is still due (the
// refresh failed, or changed nothing) is tried again after RefreshRetry.
func (s *Session) refresh(c *account.Connected, t *track) {
	r := &RefreshStatus{token: tokenKey(c), Running: true}
	t.refresh = r
	acc, id := s.acc, c.ID()
	s.opts.Spawn(func() {
		ctx, cancel := context.WithTimeout(context.Background(), refreshTimeout)
		defer cancel()
		n, err := acc.EnsureFresh(ctx, id)
		s.mu.Lock()
		if t := s.tracks[id]; t != nil && t.refresh == r {
			now := s.opts.Clock.Now()
			r.Running, r.RetryAt, r.Err = false, now.Add(RefreshRetry), err
			t.restUntil = later(t.restUntil, restAfter(err, now))
			if n != nil {
				r.token = tokenKey(n) // the wait before trying again holds for it too
				s.replace(n)
			}
		}
		s.mu.Unlock()
		s.tick()
	})
}

// replace puts n, a newer connection of a listed account, in its place;
// s.mu is held.
func (s *Session) replace(n *account.Connected) {
	accts := slices.Clone(s.view.Accounts)
	for i, a := range accts {
		if a.Conn.ID() == n.ID() {
			accts[i].Conn = n
		}
	}
	s.view.Accounts = accts
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
