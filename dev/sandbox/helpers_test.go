package sandbox

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/make-connect/make-connect/internal/testkit/person"
)

// testClientID is the client_id the tests' app uses; any would do.
const testClientID = "make-connect-test"

// unvisitedRedirect is a loopback redirect URI that no test visits: the
// tests read code and state off the redirect target instead.
const unvisitedRedirect = "http://127.0.0.1:5555/callback"

// fixture is a running sandbox seen through independent client libraries:
// golang.org/x/oauth2 for the OAuth side and go-oidc for discovery and
// id_token verification.
type fixture struct {
	srv      *Server
	conf     *oauth2.Config
	provider *oidc.Provider
	logs     *logRecorder
}

// newFixture starts a sandbox with opts and a client asking for scopes.
func newFixture(t *testing.T, opts Options, scopes ...string) *fixture {
	t.Helper()
	logs := &logRecorder{}
	opts.Logf = logs.Logf
	srv, err := Start(opts)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	provider, err := oidc.NewProvider(testContext(t), srv.Issuer())
	if err != nil {
		t.Fatalf("go-oidc discovery: %v", err)
	}
	endpoint := provider.Endpoint()
	endpoint.AuthStyle = oauth2.AuthStyleInParams
	return &fixture{
		srv:      srv,
		provider: provider,
		logs:     logs,
		conf: &oauth2.Config{
			ClientID:    testClientID,
			Endpoint:    endpoint,
			RedirectURL: unvisitedRedirect,
			Scopes:      scopes,
		},
	}
}

// testContext is a context that ends with the test or after 30 seconds.
func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// attempt is one authorization attempt's secrets and its URL.
type attempt struct {
	verifier, state, nonce string
	authURL                string
}

// newAttempt builds an authorization URL with PKCE S256, state and nonce;
// extra options may override any parameter.
func (f *fixture) newAttempt(extra ...oauth2.AuthCodeOption) attempt {
	a := attempt{verifier: oauth2.GenerateVerifier(), state: oauth2.GenerateVerifier(), nonce: oauth2.GenerateVerifier()}
	opts := append([]oauth2.AuthCodeOption{oauth2.S256ChallengeOption(a.verifier), oidc.Nonce(a.nonce)}, extra...)
	a.authURL = f.conf.AuthCodeURL(a.state, opts...)
	return a
}

// consent has a Person answer the attempt and returns the redirect's query.
func (f *fixture) consent(t *testing.T, p person.Person, a attempt, allow bool) url.Values {
	t.Helper()
	target, err := p.Consent(testContext(t), a.authURL, allow)
	if err != nil {
		t.Fatalf("Consent: %v", err)
	}
	if got := target.Scheme + "://" + target.Host + target.Path; got != f.conf.RedirectURL {
		t.Fatalf("redirected to %s, want %s", got, f.conf.RedirectURL)
	}
	return target.Query()
}

// approve has the default Person press Allow and returns the code.
func (f *fixture) approve(t *testing.T, a attempt) string {
	t.Helper()
	q := f.consent(t, person.Person{}, a, true)
	if q.Get("code") == "" {
		t.Fatalf("no code in the redirect; error=%q %q", q.Get("error"), q.Get("error_description"))
	}
	return q.Get("code")
}

// token runs a whole approval and code exchange.
func (f *fixture) token(t *testing.T) *oauth2.Token {
	t.Helper()
	a := f.newAttempt()
	tok, err := f.conf.Exchange(testContext(t), f.approve(t, a), oauth2.VerifierOption(a.verifier))
	if err != nil {
		t.Fatalf("Exchange: %v", err)
	}
	return tok
}

// verifyIDToken checks the token response's id_token with go-oidc.
func (f *fixture) verifyIDToken(ctx context.Context, tok *oauth2.Token) (*oidc.IDToken, error) {
	raw, ok := tok.Extra("id_token").(string)
	if !ok {
		return nil, fmt.Errorf("no id_token in the token response")
	}
	return f.provider.Verifier(&oidc.Config{ClientID: testClientID}).Verify(ctx, raw)
}

// get makes a GET with an optional bearer token and returns status and body.
func get(t *testing.T, u, bearer string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(testContext(t), http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read GET %s: %v", u, err)
	}
	return resp.StatusCode, string(body)
}

// loopback is a stand-in for the app's loopback callback listener.
type loopback struct {
	*httptest.Server
	mu      sync.Mutex
	queries []url.Values
}

// newLoopback starts a callback listener that answers 200 "Connected".
func newLoopback(t *testing.T) *loopback {
	l := &loopback{}
	l.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		l.queries = append(l.queries, r.URL.Query())
		l.mu.Unlock()
		if r.URL.Query().Get("error") != "" {
			http.Error(w, "Connection declined", http.StatusForbidden)
			return
		}
		fmt.Fprint(w, "Connected")
	}))
	t.Cleanup(l.Close)
	return l
}

// logRecorder keeps the sandbox's log lines.
type logRecorder struct {
	mu    sync.Mutex
	lines []string
}

func (l *logRecorder) Logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *logRecorder) all() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}
