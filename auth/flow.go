package auth

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/platform/instance"
	"github.com/make-connect/make-connect/internal/platform/peeruser"
	"golang.org/x/net/netutil"
	"golang.org/x/oauth2"
)

// An Attempt is one try at connecting: its own PKCE verifier, state and
// nonce, and its own loopback listener, which lives until Wait returns.
// With a loopback redirect URI the listener also receives the browser's
// answer; with the app's private-use scheme or an https page it serves
// only the launch links (LaunchURL), and the answer comes pasted (Paste)
// or handed over by the process the system starts with it (Receive).
type Attempt struct {
	cfg      Config
	provider *provider
	oauth    *oauth2.Config
	verifier string
	state    string
	nonce    string
	authURL  string
	deadline time.Time // when Wait gives up

	redirect *url.URL // with the port actually bound, for a loopback one
	kind     config.RedirectKind
	// listenHost is the loopback listener's address: the redirect URI's
	// for a loopback one, else an ephemeral port for the launch links.
	listenHost string
	// waiting is the attempt's place on this user's sign-in channel,
	// for a redirect that is not loopback; nil without one.
	waiting *instance.Waiting
	server  *http.Server

	// ctx is cancelled when the attempt ends, stopping a running exchange.
	ctx    context.Context
	cancel context.CancelFunc

	mu      sync.Mutex
	settled bool // a callback with the right state has been taken
	// lingers: the attempt was cancelled, and its listener answers only
	// with the Cancelled page for a while (cancel.go).
	lingers bool
	// cancelled: Close has been called (not the deadline). A result
	// still being worked out then, an exchange Close stopped, gets the
	// Cancelled page.
	cancelled bool
	// afterFunc runs f after d, as time.AfterFunc; tests stand in for it.
	afterFunc func(d time.Duration, f func())
	launches  map[string]bool // launch link paths, and whether requested
	// lateCompromise: a launch link was requested again after the
	// attempt completed (Settled reports it).
	lateCompromise bool
	// connected: the attempt's result was a connection (finish without
	// an error), which a late compromise then undoes.
	connected  bool
	result     chan result // receives the one result
	otherUsers chan string // see OtherUsers
	// peers is the owner table the listener looks connections up in,
	// open while it listens (peer.go); lookupPeer asks it, or what a
	// test put in its place.
	peers      *peeruser.Table
	lookupPeer func(local, remote net.Addr) (peeruser.Peer, error)
	closed     chan struct{} // closed by Close
	once       sync.Once
	shut       sync.Once // the listener's stop
}

type result struct {
	conn *Connection
	err  error
}

// Begin prepares an attempt: it reads the server's discovery document,
// makes a fresh verifier, state and nonce, and starts listening on the
// loopback redirect URI (for another kind, on any free loopback port for
// the launch links, and on this user's sign-in channel). The caller then
// sends the person to AuthURL and calls Wait.
func Begin(ctx context.Context, cfg Config) (*Attempt, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	redirect, kind, _ := config.ParseRedirectURI(cfg.RedirectURI)
	p, err := discover(ctx, cfg)
	if err != nil {
		return nil, err
	}
	listenOn := &url.URL{Scheme: "http", Host: "127.0.0.1:0"}
	if kind == config.Loopback {
		listenOn = redirect
		// A cancelled attempt of this app may still answer on a fixed
		// port: the new one takes it over.
		takeOver(redirect.Host)
	}
	ln, err := listen(listenOn)
	if err != nil {
		return nil, err
	}
	if kind == config.Loopback {
		redirect.Host = ln.Addr().String()
	}
	// Opened with the listener, not per lookup: see peeruser.Table.
	peers := peeruser.Open()

	a := &Attempt{
		cfg:        cfg,
		provider:   p,
		verifier:   oauth2.GenerateVerifier(),
		state:      randomString(),
		nonce:      randomString(),
		redirect:   redirect,
		kind:       kind,
		listenHost: ln.Addr().String(),
		deadline:   cfg.Now().Add(cfg.Timeout),
		launches:   map[string]bool{},
		result:     make(chan result, 1),
		// A few are enough to tell; more are dropped, not waited for.
		otherUsers: make(chan string, 4),
		peers:      peers,
		lookupPeer: peers.Lookup,
		closed:     make(chan struct{}),
		afterFunc:  func(d time.Duration, f func()) { time.AfterFunc(d, f) },
	}
	a.ctx, a.cancel = context.WithCancel(context.WithoutCancel(ctx))
	if kind != config.Loopback {
		// The process the system starts with the answer finds the
		// attempt here. Without it a scheme could only be pasted.
		if a.waiting, err = awaitHandOver(cfg.HandOverDir, a.Receive); err != nil && kind == config.PrivateScheme {
			a.cancel()
			ln.Close()
			peers.Close()
			return nil, err
		}
	}
	a.oauth = &oauth2.Config{
		ClientID:    cfg.ClientID,
		Endpoint:    p.endpoint,
		RedirectURL: redirect.String(),
		Scopes:      cfg.Scopes,
	}
	opts := []oauth2.AuthCodeOption{oauth2.S256ChallengeOption(a.verifier)}
	if contains(cfg.Scopes, oidc.ScopeOpenID) {
		opts = append(opts, oidc.Nonce(a.nonce))
	}
	a.authURL = a.oauth.AuthCodeURL(a.state, opts...)

	// A browser sends its request as soon as it has connected and needs
	// one answer per connection (each page stands alone; a favicon
	// request may come on a new one): so a connection that says nothing
	// for 10 s goes, and none is kept open after its answer. Another user
	// could otherwise hold connections, each a descriptor of this
	// process, until it had none left.
	a.server = &http.Server{
		Handler:           a,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       5 * time.Second, // moot without keep-alives; a bound should they come back
		ErrorLog:          quietLog(),
		ConnContext:       keepConn,
	}
	a.server.SetKeepAlivesEnabled(false)
	go a.server.Serve(peerListener{Listener: netutil.LimitListener(ln, maxConns), lookup: a.lookup})
	return a, nil
}

// maxConns caps the connections the listener holds at once; more wait in
// the system's queue, costing this process nothing, until one closes. A
// browser opens at most 6 to one host; 256 keeps what another user can
// make this process hold well under the smallest common limit of open
// files (1,024), yet lets the person's browser in beside a flood of
// half-open connections (200 in TestFloods) without waiting for them to
// time out.
const maxConns = 256

// AuthURL is where the person approves the connection.
func (a *Attempt) AuthURL() string { return a.authURL }

// RedirectURI is where the server will send the browser: for a loopback
// one, with the port actually bound.
func (a *Attempt) RedirectURI() string { return a.redirect.String() }

// Deadline is when the attempt gives up waiting: Config.Timeout after
// Begin, on Config.Now's clock.
func (a *Attempt) Deadline() time.Time { return a.deadline }

// Wait blocks until the attempt has its result, its deadline passes or ctx
// is cancelled, then stops the listener. It returns ErrDeclined,
// ErrTimedOut, ErrCancelled or ErrCompromised (wrapped) for those
// outcomes. After a success through a launch link the listener watches
// the links a while longer (Config.LaunchWatch); Settled says how that
// ended. After a cancel it answers a while longer with the Cancelled page
// (Close).
func (a *Attempt) Wait(ctx context.Context) (*Connection, error) {
	timer := time.NewTimer(a.deadline.Sub(a.cfg.Now()))
	defer timer.Stop()
	select {
	case r := <-a.result:
		if r.err == nil && a.launched() {
			a.cancel() // nothing runs any more but the watch
			time.AfterFunc(a.cfg.LaunchWatch, a.Close)
		} else {
			a.Close()
		}
		return r.conn, r.err
	case <-timer.C:
		a.end(false)
		return nil, fmt.Errorf("%w (waited %s)", ErrTimedOut, a.cfg.Timeout)
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			a.end(false)
			return nil, ErrTimedOut
		}
		a.Close()
		return nil, ErrCancelled
	case <-a.closed:
		return nil, ErrCancelled
	}
}

// Close ends the attempt: a running exchange is cancelled. Once the
// attempt has its result the port is freed at once. An attempt closed
// before that was cancelled by the person, whose browser may still be on
// Make's consent page: its listener goes on answering with the Cancelled
// page, exchanging nothing, for cancelledLinger or until the attempt's
// deadline, whichever is sooner, or until a new attempt needs the same
// port. It is safe to call more than once and from any goroutine.
func (a *Attempt) Close() { a.end(true) }

// end ends the attempt; a cancelled one lingers if linger is set.
func (a *Attempt) end(linger bool) {
	a.once.Do(func() {
		a.mu.Lock()
		d := time.Duration(0)
		if linger && !a.settled {
			d = min(cancelledLinger, a.deadline.Sub(a.cfg.Now()))
		}
		a.lingers = d > 0
		a.cancelled = linger
		a.mu.Unlock()
		close(a.closed)
		a.cancel()
		if a.waiting != nil {
			// At once, lingering or not: a hand-over now is told the
			// sign-in has ended.
			a.waiting.Close()
		}
		if d > 0 {
			a.linger(d)
			return
		}
		a.shutdown()
	})
}

// shutdown stops the listener and frees the port, once.
func (a *Attempt) shutdown() {
	a.shut.Do(func() {
		// Let a page being written reach the browser, then stop.
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if err := a.server.Shutdown(ctx); err != nil {
			a.server.Close()
		}
		a.peers.Close() // a request still being answered is then refused
	})
}

// randomString is 256 bits from crypto/rand, base64url without padding.
func randomString() string {
	return base64.RawURLEncoding.EncodeToString(randomBytes(32))
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b) // never returns an error (crypto/rand, Go 1.24+)
	return b
}
