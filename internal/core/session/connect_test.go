package session

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/adapters/keychain"
	"github.com/make-connect/make-connect/internal/adapters/makeapi"
	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/accounts"
	"github.com/make-connect/make-connect/internal/testkit/person"
	"github.com/make-connect/make-connect/internal/testkit/sandbox"
)

// The connect flow runs here against the sandbox (a real OAuth server on
// ory/fosite), with the real account service on an in-memory keychain
// and a scripted person in place of the browser.

// failingStore is a keychain whose reads or writes fail, as a locked or
// missing Secret Service's do.
type failingStore struct {
	accounts.Store
	listErr, saveErr error
}

func (f failingStore) List() ([]*account.Connected, []error, error) {
	if f.listErr != nil {
		return nil, nil, f.listErr
	}
	return f.Store.List()
}

func (f failingStore) Replace(c, guess *account.Connected) (*account.Connected, error) {
	if f.saveErr != nil {
		return nil, f.saveErr
	}
	return f.Store.Replace(c, guess)
}

// flowWorld is a sandbox and the account service pointed at it.
type flowWorld struct {
	t   *testing.T
	srv *sandbox.Server
	svc *accounts.Service
}

func newFlowWorld(t *testing.T, store accounts.Store) *flowWorld {
	t.Helper()
	srv := sandbox.Start(t, sandbox.Options{})
	w := newFlowWorldOn(t, srv, store)
	w.t = t
	return w
}

// newFlowWorldOn is a flowWorld on a running sandbox.
func newFlowWorldOn(t testing.TB, srv *sandbox.Server, store accounts.Store) *flowWorld {
	if store == nil {
		store = keychain.NewWithBackend("session-test", keychain.NewMemoryBackend(keychain.NoLimit))
	}
	env := map[string]string{config.EnvIssuer: srv.Issuer(), config.EnvAPIBase: srv.Issuer() + "/api/v2", config.EnvClientID: "session-test"}
	cfg, err := config.Load(nil, func(k string) string { return env[k] }, nil, config.Policy{})
	if err != nil {
		t.Fatal(err)
	}
	return &flowWorld{srv: srv, svc: &accounts.Service{Config: cfg, Store: store, SettingsDir: t.TempDir(), HTTPClient: http.DefaultClient}}
}

// connectAs runs the flow with a person who signs in as email.
func (w *flowWorld) connectAs(email string) (*Result, error) {
	w.t.Helper()
	c, err := Connect(context.Background(), Live(w.svc), "")
	if err != nil {
		w.t.Fatal(err)
	}
	go (person.Person{Email: email}).Approve(context.Background(), c.AuthURL())
	return c.Wait(context.Background())
}

// works reports whether Make (the sandbox) still takes the access token.
func (w *flowWorld) works(token string) bool {
	_, err := (makeapi.Client{BaseURL: w.srv.Issuer() + "/api/v2"}).Me(context.Background(), token)
	return !errors.Is(err, makeapi.ErrRejected)
}

// TestTheKeychainIsCheckedBeforeTheSignIn: a keychain that cannot be
// read stops Connect before any sign-in address exists, so nobody signs
// in for nothing.
func TestTheKeychainIsCheckedBeforeTheSignIn(t *testing.T) {
	w := newFlowWorld(t, failingStore{Store: keychain.NewWithBackend("x", keychain.NewMemoryBackend(keychain.NoLimit)), listErr: keychain.ErrUnavailable})
	c, err := Connect(context.Background(), Live(w.svc), "")
	if c != nil || !errors.Is(err, keychain.ErrUnavailable) {
		t.Fatalf("Connect = %v, %v; want the keychain's error and no attempt", c, err)
	}
}

// TestTokensNotKeptAreRevoked: when the connection cannot be stored after
// the exchange, the tokens Make issued are revoked, so none stays valid
// unknown to this computer.
func TestTokensNotKeptAreRevoked(t *testing.T) {
	memory := keychain.NewWithBackend("x", keychain.NewMemoryBackend(keychain.NoLimit))
	w := newFlowWorld(t, failingStore{Store: memory, saveErr: keychain.ErrLocked})
	var issued string
	w.svc.Store = &watching{Store: w.svc.Store, saw: func(c *account.Connected) { issued = c.AccessToken }}
	_, err := w.connectAs("ada@example.com")
	var notKept *auth.NotKeptError
	if !errors.As(err, &notKept) || !errors.Is(err, keychain.ErrLocked) || notKept.RevokeErr != nil {
		t.Fatalf("Wait = %v; want the keychain's refusal, the tokens revoked", err)
	}
	if issued == "" || w.works(issued) {
		t.Error("the access token Make issued still works")
	}
}

// watching sees what is saved, or tried to be.
type watching struct {
	accounts.Store
	saw func(*account.Connected)
}

func (w *watching) Replace(c, guess *account.Connected) (*account.Connected, error) {
	w.saw(c)
	return w.Store.Replace(c, guess)
}

// TestReplacedTokensAreRevoked: connecting the same account again
// replaces its connection, and the replaced tokens are revoked.
func TestReplacedTokensAreRevoked(t *testing.T) {
	w := newFlowWorld(t, nil)
	first, err := w.connectAs("ada@example.com")
	if err != nil {
		t.Fatal(err)
	}
	second, err := w.connectAs("ada@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if !second.Replaced || second.RevokeErr != nil {
		t.Errorf("replaced %v, revoke error %v", second.Replaced, second.RevokeErr)
	}
	if w.works(first.Conn.AccessToken) || !w.works(second.Conn.AccessToken) {
		t.Error("the replaced token still works, or the new one does not")
	}
}

// TestASecondAccountKeepsTheDefault: the one account there was becomes
// the saved default when a second is connected, and the result says so; a
// third changes nothing.
func TestASecondAccountKeepsTheDefault(t *testing.T) {
	w := newFlowWorld(t, nil)
	ada, err := w.connectAs("ada@example.com")
	if err != nil || ada.DefaultKept != nil {
		t.Fatalf("the first account: %+v, %v", ada, err)
	}
	grace, err := w.connectAs("grace@example.com")
	if err != nil || grace.DefaultKept == nil || grace.DefaultKept.ID() != ada.Conn.ID() {
		t.Fatalf("the second account kept %v as the default (%v), want Ada", grace.DefaultKept, err)
	}
	saved, _ := config.ReadSettings(w.svc.SettingsDir)
	if saved[config.EnvAccount] != ada.Conn.ID() {
		t.Errorf("saved default %q, want Ada's ID", saved[config.EnvAccount])
	}
	alan, err := w.connectAs("alan@example.com")
	if err != nil || alan.DefaultKept != nil {
		t.Errorf("a third account: kept %v, %v", alan.DefaultKept, err)
	}
}

// TestReconnectAsSomeoneElse: a Reconnect that signs in as another person
// names the account it was for; both stay.
func TestReconnectAsSomeoneElse(t *testing.T) {
	w := newFlowWorld(t, nil)
	ada, err := w.connectAs("ada@example.com")
	if err != nil {
		t.Fatal(err)
	}
	c, err := Connect(context.Background(), Live(w.svc), ada.Conn.ID())
	if err != nil {
		t.Fatal(err)
	}
	go (person.Person{Email: "grace@example.com"}).Approve(context.Background(), c.AuthURL())
	r, err := c.Wait(context.Background())
	if err != nil || r.AskedFor == nil || r.AskedFor.ID() != ada.Conn.ID() || r.Replaced {
		t.Fatalf("result %+v, %v; want Grace, asked for Ada, nothing replaced", r, err)
	}
	if conns, _, _ := w.svc.List(); len(conns) != 2 {
		t.Errorf("%d accounts, want both", len(conns))
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if cmp := c.Settled(ctx, r); cmp != nil {
		t.Errorf("a clean sign-in reported compromised: %+v", cmp)
	}
}
