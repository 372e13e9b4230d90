package session

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/accounts"
)

// Connecting is one connect attempt, as every face runs it: Connect, then
// the browser (Open) or a pasted address (Paste), then Wait, then Settled.
type Connecting struct {
	acc       Accounts
	attempt   Attempt
	existing  []*account.Connected // the accounts stored when it began
	reconnect string

	mu       sync.Mutex
	replaced *account.Connected // the stored connection the new one replaced

	// done, if set, is called when Wait returns and after Settled
	// disconnected a compromised account.
	done func()
}

func (c *Connecting) finished() {
	if c.done != nil {
		c.done()
	}
}

// errNoAccounts is a session asked to connect before it was given its
// account service (Session.Use): a face's mistake, never the person's.
var errNoAccounts = errors.New("the account service is not set up yet")

// Connect begins connecting an account. It reads the stored accounts and
// checks that the new one could be kept (Accounts.ReadyToConnect) first:
// a keychain, a folder or a limit that cannot take it says so now, before
// anything is shown to the person, who would otherwise sign in for
// nothing. reconnect is the ID of the account whose Reconnect began the
// attempt, "" for a new one.
func Connect(ctx context.Context, acc Accounts, reconnect string) (*Connecting, error) {
	if acc == nil {
		return nil, errNoAccounts
	}
	existing, _, err := acc.List()
	if err != nil {
		return nil, err
	}
	if err := acc.ReadyToConnect(existing, reconnect); err != nil {
		return nil, err
	}
	c := &Connecting{acc: acc, existing: existing, reconnect: reconnect}
	a, err := acc.Begin(ctx, c.accept)
	if err != nil {
		return nil, err
	}
	c.attempt = a
	return c, nil
}

// accept runs between the token exchange and the browser's page: who the
// person is and where their organizations are (asked at once), then the
// connection is stored. Tokens that are not kept are revoked, so nothing
// stays valid at Make that this computer does not know of.
func (c *Connecting) accept(ctx context.Context, conn *account.Connected) error {
	if err := c.acc.Describe(ctx, conn); err != nil {
		return &auth.NotKeptError{Err: err, RevokeErr: c.revoke(ctx, conn)}
	}
	var guess *account.Connected
	if i := slices.IndexFunc(c.existing, func(o *account.Connected) bool { return o.ID() == conn.ID() }); i >= 0 {
		guess = c.existing[i]
	}
	old, err := c.acc.Save(conn, guess)
	if err != nil {
		return &auth.NotKeptError{Err: err, RevokeErr: c.revoke(ctx, conn)}
	}
	c.mu.Lock()
	c.replaced = old
	c.mu.Unlock()
	return nil
}

func (c *Connecting) revoke(ctx context.Context, conn *account.Connected) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), auth.RevokeTimeout)
	defer cancel()
	return c.acc.Revoke(ctx, conn)
}

// AuthURL is the sign-in page, for a browser on any computer. It carries
// the attempt's state: show it only to the person.
func (c *Connecting) AuthURL() string { return c.attempt.AuthURL() }

// RedirectURI is where the browser comes back to.
func (c *Connecting) RedirectURI() string { return c.attempt.RedirectURI() }

// RedirectKind is how the browser's answer comes back: to the loopback
// listener, handed over by the app started with its scheme (the face
// offers paste as a fallback), or to the organization's https page, whose
// address the person pastes (the face asks for it from the start).
func (c *Connecting) RedirectKind() config.RedirectKind {
	_, kind, _ := config.ParseRedirectURI(c.attempt.RedirectURI())
	return kind
}

// Deadline is when the attempt gives up waiting, if the attempt says;
// ok is false otherwise.
func (c *Connecting) Deadline() (t time.Time, ok bool) {
	d, ok := c.attempt.(interface{ Deadline() time.Time })
	if !ok {
		return time.Time{}, false
	}
	return d.Deadline(), true
}

// Open gives the browser a new single-use link to the sign-in page, through
// open: a browser's command line can be read by every user of the computer,
// and the link works once. The error, if any, never holds the link.
func (c *Connecting) Open(open func(url string) error) error {
	link := c.attempt.LaunchURL()
	if err := open(link); err != nil {
		return &BrowserError{Err: errors.New(strings.ReplaceAll(err.Error(), link, "the sign-in link"))}
	}
	return nil
}

// BrowserError is a browser that could not be started.
type BrowserError struct{ Err error }

func (e *BrowserError) Error() string { return e.Err.Error() }
func (e *BrowserError) Unwrap() error { return e.Err }

// Paste completes the attempt from the address the browser ended on; an
// address that is not the answer gives an error wrapping
// auth.ErrNotTheCallback, and the attempt keeps waiting.
func (c *Connecting) Paste(address string) error { return c.attempt.Paste(address) }

// OtherUsers receives each user of this computer, other than the person,
// whose request for this sign-in's link or answer was refused (auth's
// Attempt.OtherUsers). The attempt goes on; a face tells the person
// (explain.OtherUser).
func (c *Connecting) OtherUsers() <-chan string { return c.attempt.OtherUsers() }

// Close ends the attempt at once: a running exchange stops and the port is
// freed.
func (c *Connecting) Close() { c.attempt.Close() }

// Result is a completed connect: the connection, stored, and what came of
// it besides.
type Result struct {
	Conn *account.Connected
	// Replaced: it replaced a stored connection of the same account, whose
	// tokens were revoked, unless RevokeErr says why not (they then stay
	// valid until they expire).
	Replaced  bool
	RevokeErr error
	// AskedFor is the account whose Reconnect began the attempt, when the
	// person signed in as someone else; both accounts are kept.
	AskedFor *account.Connected
	// DefaultKept is the account that was the only one and is now saved as
	// the default, since Conn is a second one (DefaultErr when saving that
	// failed).
	DefaultKept *account.Connected
	DefaultErr  error
}

// Wait waits for the attempt's result. The browser has its page as soon as
// the connection is stored; then the tokens it replaced are revoked and
// the default account kept, before Wait returns.
func (c *Connecting) Wait(ctx context.Context) (*Result, error) {
	defer c.finished()
	conn, err := c.attempt.Wait(ctx)
	if err != nil {
		return nil, err
	}
	r := &Result{Conn: conn}
	c.mu.Lock()
	old := c.replaced
	c.mu.Unlock()
	if old != nil {
		r.Replaced = true
		r.RevokeErr = c.revoke(ctx, old)
	}
	if c.reconnect != "" && c.reconnect != conn.ID() {
		if i := slices.IndexFunc(c.existing, func(o *account.Connected) bool { return o.ID() == c.reconnect }); i >= 0 {
			r.AskedFor = c.existing[i]
		}
	}
	r.DefaultKept, r.DefaultErr = c.acc.KeepDefault(c.existing, conn)
	return r, nil
}

// Compromise is a connection disconnected again because its sign-in link
// was opened a second time after the attempt completed: someone else on
// this computer may have approved with their own account.
type Compromise struct {
	Conn *account.Connected
	// Disconnected is what the disconnect did; Err why it failed.
	Disconnected *accounts.Disconnected
	Err          error
}

// Settled waits until the attempt stops watching its sign-in links after
// r's success. If one was opened again, it disconnects r's account and
// reports it; otherwise it returns nil.
func (c *Connecting) Settled(ctx context.Context, r *Result) *Compromise {
	if err := c.attempt.Settled(ctx); !errors.Is(err, auth.ErrCompromised) {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), auth.RevokeTimeout)
	defer cancel()
	d, err := c.acc.Disconnect(ctx, r.Conn.ID())
	c.finished()
	return &Compromise{Conn: r.Conn, Disconnected: d, Err: err}
}
