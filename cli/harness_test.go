package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/core/accounts"
	"github.com/make-connect/make-connect/internal/testkit/keychaintest"
	"github.com/make-connect/make-connect/internal/testkit/sandbox"
)

// These tests run the real connect flow against the sandbox, an
// independent OAuth/OIDC server built on ory/fosite, with a scripted person
// in place of the browser. Under `make test` the keychain is a real Secret
// Service (gnome-keyring); a bare `go test` uses the in-memory backend.

// harness is one sandbox and one keychain shared by a test's commands.
type harness struct {
	t       *testing.T
	sandbox *sandbox.Server
	env     map[string]string
	store   accounts.Store
	now     func() time.Time // the commands' clock; nil means time.Now
	// browser stands in for the system's browser launcher; by default a
	// test that opens one fails ("--no-browser" must not).
	browser func(url string) error
	// policy and policyErr are what reading the organization's managed
	// policy gives.
	policy    config.Policy
	policyErr error
	// goos is the operating system the commands are told they run on;
	// "" means linux.
	goos string
}

func newHarness(t *testing.T, opts sandbox.Options) *harness {
	t.Helper()
	s := sandbox.Start(t, opts)
	service := "com.makeconnect.test." + strings.ReplaceAll(t.Name(), "/", ".")
	h := &harness{t: t, sandbox: s, store: keychaintest.Store(t, service), env: map[string]string{
		"MAKE_CONNECT_CLIENT_ID":       "make-connect-test",
		"MAKE_CONNECT_ISSUER":          s.Issuer(),
		"MAKE_CONNECT_API_BASE":        s.Issuer() + "/api/v2",
		"MAKE_CONNECT_KEYRING_SERVICE": service,
		"MAKE_CONNECT_TIMEOUT":         "20s",
		"MAKE_CONNECT_CONFIG_DIR":      t.TempDir(), // never the person's own saved settings
	}}
	return h
}

// run runs a command to completion.
func (h *harness) run(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Run(context.Background(), h.cliEnv(&out, &errb), args)
	return code, out.String(), errb.String()
}

func (h *harness) cliEnv(stdout, stderr io.Writer) Env {
	browser := h.browser
	if browser == nil {
		browser = func(string) error { h.t.Error("--no-browser opened the browser"); return nil }
	}
	goos := h.goos
	if goos == "" {
		goos = "linux"
	}
	return Env{
		Stdout: stdout, Stderr: stderr,
		Getenv:      func(k string) string { return h.env[k] },
		GOOS:        goos,
		OpenBrowser: browser,
		NewStore:    func(config.Config) (accounts.Store, error) { return h.store, nil },
		ReadPolicy:  func() (config.Policy, error) { return h.policy, h.policyErr },
		Now:         h.now,
	}
}

// connecting is a "connect" running in the background.
type connecting struct {
	authURL string
	done    chan struct{}
	code    int
	stdout  bytes.Buffer
	stderr  syncBuffer
	// stdin is what a person types or pastes.
	stdin *io.PipeWriter
}

// startConnect starts "connect --no-browser" and returns once it has
// printed the address to visit, as a person would read it.
func (h *harness) startConnect(ctx context.Context, args ...string) *connecting {
	h.t.Helper()
	return h.start(ctx, append([]string{"connect", "--no-browser"}, args...)...)
}

// start runs a command that prints an address to visit, and returns once
// it has, or once it said it opens the browser (authURL is "" then).
func (h *harness) start(ctx context.Context, args ...string) *connecting {
	h.t.Helper()
	c := &connecting{done: make(chan struct{})}
	pr, pw := io.Pipe()
	in, stdin := io.Pipe()
	c.stdin = stdin
	h.t.Cleanup(func() { stdin.Close() })
	go func() {
		defer close(c.done)
		env := h.cliEnv(&c.stdout, io.MultiWriter(&c.stderr, pw))
		env.Stdin = in
		c.code = Run(ctx, env, args)
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	opening := false
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "http") && strings.Contains(line, "authorize?") {
			c.authURL = line
			break
		}
		if strings.HasPrefix(line, "Opening Make's sign-in page in your browser.") {
			opening = true
			break
		}
	}
	go io.Copy(io.Discard, pr)
	if c.authURL == "" && !opening {
		<-c.done
		h.t.Fatalf("connect printed no address to visit (exit %d): %s", c.code, c.errText())
	}
	return c
}

func (c *connecting) wait(t *testing.T) int {
	t.Helper()
	select {
	case <-c.done:
		return c.code
	case <-time.After(30 * time.Second):
		t.Fatal("connect did not finish")
		return -1
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// status returns "status --json".
func (h *harness) status() []accountJSON {
	h.t.Helper()
	code, out, errOut := h.run("status", "--json")
	if code != 0 {
		h.t.Fatalf("status --json: exit %d: %s", code, errOut)
	}
	var v struct {
		Accounts []accountJSON `json:"accounts"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		h.t.Fatalf("status --json printed %q: %v", out, err)
	}
	return v.Accounts
}

// redirectOf returns the loopback address the attempt listens on.
func redirectOf(t *testing.T, authURL string) *url.URL {
	u, err := url.Parse(authURL)
	if err != nil {
		t.Fatal(err)
	}
	r, err := url.Parse(u.Query().Get("redirect_uri"))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func get(t *testing.T, u string, host string) int {
	req, _ := http.NewRequest("GET", u, nil)
	if host != "" {
		req.Host = host
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET: %v", err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// waitFor waits until connect has printed text on stderr.
func (c *connecting) waitFor(t *testing.T, text string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(c.stderr.String(), text) {
		if time.Now().After(deadline) {
			t.Fatalf("connect never printed %q: %s", text, c.errText())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// errText is what connect printed on stderr, with the address to visit
// (which holds the state) left out, fit for a test's output.
func (c *connecting) errText() string {
	if c.authURL == "" {
		return c.stderr.String()
	}
	return strings.ReplaceAll(c.stderr.String(), c.authURL, "<authorize URL>")
}

// savedSettings is what the commands saved, as the window reads it.
func (h *harness) savedSettings() config.Settings {
	h.t.Helper()
	s, err := config.ReadSettings(h.env["MAKE_CONNECT_CONFIG_DIR"])
	if err != nil {
		h.t.Fatal(err)
	}
	return s
}
