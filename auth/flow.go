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
	"github.com/make-connect/make-connect/peeruser"
	"golang.org/x/oauth2"
)

// An Attempt is one try at connecting: its own PKCE verifier, state and
// nonce, and its own loopback listener, which lives until Wait returns.
type Attempt struct {
	cfg      Config
	provider *provider
	oauth    *oauth2.Config
	verifier string
	state    string
	nonce    string
	authURL  string
	deadline time.Time // when Wait gives up

	redirect *url.URL // with the port actually bound
	server   *http.Server

	// ctx is cancelled when the attempt ends, stopping a running exchange.
	ctx    context.Context
	cancel context.CancelFunc

	mu       sync.Mutex
	settled  bool            // a callback with the right state has been taken
	launches map[string]bool // launch link paths, and whether requested
	// lateCompromise: a launch link was requested again after the
	// attempt completed (Settled reports it).
	lateCompromise bool
	result         chan result // receives the one result
	otherUsers     chan string // see OtherUsers
	// lookupPeer learns who owns a connection's other end (peer.go).
	lookupPeer func(local, remote net.Addr) (peeruser.Peer, error)
	closed     chan struct{} // closed by Close
	once       sync.Once
}

type result struct {
	conn *Connection
	err  error
}

// Begin prepares an attempt: it reads the server's discovery document,
// makes a fresh verifier, state and nonce, and starts listening on the
// loopback redirect URI. The caller then sends the person to AuthURL and
// calls Wait.
func Begin(ctx context.Context, cfg Config) (*Attempt, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	redirect, _ := parseRedirectURI(cfg.RedirectURI)
	p, err := discover(ctx, cfg)
	if err != nil {
		return nil, err
	}
	ln, err := listen(redirect)
	if err != nil {
		return nil, err
	}
	redirect.Host = ln.Addr().String()

	a := &Attempt{
		cfg:      cfg,
		provider: p,
		verifier: oauth2.GenerateVerifier(),
		state:    randomString(),
		nonce:    randomString(),
		redirect: redirect,
		deadline: cfg.Now().Add(cfg.Timeout),
		launches: map[string]bool{},
		result:   make(chan result, 1),
		// A few are enough to tell; more are dropped, not waited for.
		otherUsers: make(chan string, 4),
		lookupPeer: defaultLookupPeer,
		closed:     make(chan struct{}),
	}
	a.ctx, a.cancel = context.WithCancel(context.WithoutCancel(ctx))
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

	a.server = &http.Server{
		Handler:           a,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          quietLog(),
		ConnContext:       keepConn,
	}
	go a.server.Serve(ln)
	return a, nil
}

// AuthURL is where the person approves the connection.
func (a *Attempt) AuthURL() string { return a.authURL }

// RedirectURI is the loopback URI the server will send the browser to,
// with the port actually bound.
func (a *Attempt) RedirectURI() string { return a.redirect.String() }

// Deadline is when the attempt gives up waiting: Config.Timeout after
// Begin, on Config.Now's clock.
func (a *Attempt) Deadline() time.Time { return a.deadline }

// Wait blocks until the attempt has its result, its deadline passes or ctx
// is cancelled, then stops the listener. It returns ErrDeclined,
// ErrTimedOut, ErrCancelled or ErrCompromised (wrapped) for those
// outcomes. After a success through a launch link the listener watches
// the links a while longer (Config.LaunchWatch); Settled says how that
// ended.
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
		a.Close()
		return nil, fmt.Errorf("%w (waited %s)", ErrTimedOut, a.cfg.Timeout)
	case <-ctx.Done():
		a.Close()
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, ErrTimedOut
		}
		return nil, ErrCancelled
	case <-a.closed:
		return nil, ErrCancelled
	}
}

// Close ends the attempt: a running exchange is cancelled and the port is
// freed. It is safe to call more than once and from any goroutine.
func (a *Attempt) Close() {
	a.once.Do(func() {
		close(a.closed)
		a.cancel()
		// Let a page being written reach the browser, then stop.
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if err := a.server.Shutdown(ctx); err != nil {
			a.server.Close()
		}
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
