package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/make-connect/make-connect/internal/core/account"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/app"
	"github.com/make-connect/make-connect/internal/core/accounts"
	"github.com/make-connect/make-connect/internal/core/doctor"
	"github.com/make-connect/make-connect/internal/core/session"
)

// fakeService stands in for the account service under the window's
// session (session.Accounts). Its attempts block in Wait until the test
// gives them a result; the default-account rules are accounts' own.
type fakeService struct {
	mu       sync.Mutex
	cfg      config.Config
	stored   []*account.Connected
	listErr  error
	beginErr error
	openErr  error
	attempts []*fakeAttempt
	// Results of the actions, and what they were asked.
	token                  string
	tokenAPIBase           string // the API base Token's connection has
	tokenErr               error
	revokeErr, removeErr   error
	refreshed              map[string]*account.Connected
	refreshErr             error
	refreshCalls, listCall int
	tokenCalls             []string
	// Make's verdicts on tokens, by account ID (default Accepted), and
	// the accounts it was asked about.
	verdicts   map[string]account.Verdict
	checkErr   map[string]error
	checkCalls []string
	// replaceErr is what revoking a replaced connection gives.
	replaceErr   error
	revoked      []string // the accounts whose tokens were revoked
	disconnected []string
	doctorGetenv func(string) string
	settings     string // the saved settings' folder

	blocked atomic.Int32 // goroutines waiting in Wait
	closes  atomic.Int32 // backends closed (Backend.Close)
}

func (f *fakeService) Begin(ctx context.Context, accept func(context.Context, *account.Connected) error) (session.Attempt, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.beginErr != nil {
		return nil, f.beginErr
	}
	a := &fakeAttempt{svc: f, accept: accept, result: make(chan attemptResult, 1), closed: make(chan struct{}), otherUsers: make(chan string, 4),
		url: "https://www.make.com/oauth/v2/authorize?client_id=test-client&state=s3cr3t"}
	f.attempts = append(f.attempts, a)
	return a, nil
}

func (f *fakeService) backend(l app.Loaded, _ io.Writer) (Backend, error) {
	f.setConfig(l.Config)
	return Backend{Accounts: f, Doctor: f.doctor, ChangeMark: func() (string, error) { return app.ChangeMark(l.Config) },
		Close: func() error { f.closes.Add(1); return nil }}, nil
}

func (f *fakeService) setConfig(cfg config.Config) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.cfg = cfg
}

func (f *fakeService) Describe(context.Context, *account.Connected) error { return nil }

// Save stores c in its account's place, or after the others.
func (f *fakeService) Save(c, _ *account.Connected) (*account.Connected, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, o := range f.stored {
		if o.ID() == c.ID() {
			f.stored[i] = c
			return o, nil
		}
	}
	f.stored = append(f.stored, c)
	return nil, nil
}

// Revoke revokes a replaced connection (replaceErr) or any other
// (revokeErr).
func (f *fakeService) Revoke(_ context.Context, c *account.Connected) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.revoked = append(f.revoked, c.ID())
	if f.replaceErr != nil {
		return f.replaceErr
	}
	return f.revokeErr
}

func (f *fakeService) DefaultID(conns []*account.Connected) (string, error) {
	f.mu.Lock()
	def := accounts.Choice{Ref: f.cfg.Account, Source: f.cfg.Sources[config.EnvAccount]}
	f.mu.Unlock()
	c, err := account.Pick(conns, "", def)
	if err != nil {
		return "", err
	}
	return c.ID(), nil
}

// ReadyToConnect finds every connect ready: the window's tests meet the
// real check through the sandbox (accounts.Service).
func (f *fakeService) ReadyToConnect([]*account.Connected, string) error { return nil }

func (f *fakeService) KeepDefault(existing []*account.Connected, added *account.Connected) (*account.Connected, error) {
	var kept *account.Connected
	err := config.UpdateSettings(f.dir(), func(saved config.Settings) error {
		if kept = account.DefaultToKeep(existing, added, saved[config.EnvAccount]); kept != nil {
			saved[config.EnvAccount] = kept.ID()
		}
		return nil
	})
	return kept, err
}

func (f *fakeService) SetDefault(id string) (*account.Connected, error) {
	f.mu.Lock()
	i := slices.IndexFunc(f.stored, func(c *account.Connected) bool { return c.ID() == id })
	f.mu.Unlock()
	if i < 0 {
		return nil, &accounts.UnknownAccountError{Ref: id}
	}
	return f.stored[i], config.UpdateSettings(f.dir(), func(saved config.Settings) error {
		saved[config.EnvAccount] = id
		return nil
	})
}

// dir is the window's folder of saved settings (the harness sets it).
func (f *fakeService) dir() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.settings
}

func (f *fakeService) Check(ctx context.Context, c *account.Connected) (account.Verdict, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.checkCalls = append(f.checkCalls, c.ID())
	if err := f.checkErr[c.ID()]; err != nil {
		return account.Unreachable, err
	}
	if v, ok := f.verdicts[c.ID()]; ok {
		return v, nil
	}
	return account.Accepted, nil
}

func (f *fakeService) checked() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.checkCalls)
}

func (f *fakeService) doctor(ctx context.Context, getenv func(string) string) doctor.Report {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.doctorGetenv = getenv
	return doctor.Report{Checks: []doctor.Check{{Name: "issuer", Status: doctor.OK, Message: "fake sign-in server answered"}}}
}

func (f *fakeService) List() ([]*account.Connected, []error, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.listCall++
	return append([]*account.Connected(nil), f.stored...), nil, f.listErr
}

func (f *fakeService) listCalls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.listCall
}

func (f *fakeService) Token(ctx context.Context, ref string, minValid time.Duration) (*account.Connected, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.tokenCalls = append(f.tokenCalls, ref)
	if f.tokenErr != nil {
		return nil, f.tokenErr
	}
	if !slices.ContainsFunc(f.stored, func(c *account.Connected) bool { return c.ID() == ref }) {
		return nil, &accounts.UnknownAccountError{Ref: ref}
	}
	return &account.Connected{Connection: auth.Connection{AccessToken: f.token}, Profile: account.Profile{APIBase: f.tokenAPIBase}}, nil
}

func (f *fakeService) Disconnect(ctx context.Context, ref string) (*accounts.Disconnected, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, c := range f.stored {
		if c.ID() == ref {
			f.stored = append(f.stored[:i:i], f.stored[i+1:]...)
			f.disconnected = append(f.disconnected, ref)
			return &accounts.Disconnected{Conn: c, RevokeErr: f.revokeErr}, f.removeErr
		}
	}
	return nil, &accounts.UnknownAccountError{Ref: ref}
}

func (f *fakeService) EnsureFresh(ctx context.Context, id string) (*account.Connected, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.refreshCalls++
	if n := f.refreshed[id]; n != nil && f.refreshErr == nil {
		for i, c := range f.stored {
			if c.ID() == id {
				f.stored[i] = n
			}
		}
		return n, nil
	}
	for _, c := range f.stored {
		if c.ID() == id {
			return c, f.refreshErr
		}
	}
	return nil, errors.New("no such account")
}

func (f *fakeService) lastAttempt() *fakeAttempt {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.attempts) == 0 {
		return nil
	}
	return f.attempts[len(f.attempts)-1]
}

type attemptResult struct {
	conn *account.Connected
	err  error
}

// fakeAttempt is a connect attempt the test completes by hand.
type fakeAttempt struct {
	svc       *fakeService
	accept    func(context.Context, *account.Connected) error
	url       string
	result    chan attemptResult
	closed    chan struct{}
	closeOnce sync.Once
	pasted    atomic.Value // string
	pasteErr  error
	launches  atomic.Int32
	settled   error // what Settled reports
	// otherUsers: what the test sends is a refused request of another user.
	otherUsers chan string
}

func (a *fakeAttempt) AuthURL() string { return a.url }

func (a *fakeAttempt) RedirectURI() string { return "http://127.0.0.1:53682/callback" }

// LaunchURL is a new single-use link each time, as auth's is.
func (a *fakeAttempt) LaunchURL() string {
	return fmt.Sprintf("http://127.0.0.1:53682/launch/%d", a.launches.Add(1))
}

func (a *fakeAttempt) Settled(ctx context.Context) error { return a.settled }

func (a *fakeAttempt) OtherUsers() <-chan string { return a.otherUsers }

func (a *fakeAttempt) Paste(address string) error {
	a.pasted.Store(address)
	if a.pasteErr != nil {
		return a.pasteErr
	}
	a.complete(&account.Connected{Connection: auth.Connection{Issuer: "https://www.make.com", Subject: "pasted"}, Profile: account.Profile{Name: "Pasted Person", Email: "p@example.com"}}, nil)
	return nil
}

func (a *fakeAttempt) Wait(ctx context.Context) (*account.Connected, error) {
	a.svc.blocked.Add(1)
	defer a.svc.blocked.Add(-1)
	select {
	case r := <-a.result:
		return r.conn, r.err
	case <-ctx.Done():
		return nil, auth.ErrCancelled
	case <-a.closed:
		return nil, auth.ErrCancelled
	}
}

func (a *fakeAttempt) Close() { a.closeOnce.Do(func() { close(a.closed) }) }

func (a *fakeAttempt) isClosed() bool {
	select {
	case <-a.closed:
		return true
	default:
		return false
	}
}

// complete gives the attempt its result, accepted (stored) as the real
// attempt does before the browser is told.
func (a *fakeAttempt) complete(c *account.Connected, err error) {
	if err == nil {
		err = a.accept(context.Background(), c)
	}
	if err != nil {
		c = nil
	}
	a.result <- attemptResult{c, err}
}
