package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/accounts"
	"github.com/make-connect/make-connect/internal/testkit/person"
	"github.com/make-connect/make-connect/internal/testkit/sandbox"
)

// remoteBrowser approves in a browser on another computer: it gets as far
// as Make sending it back to this computer's loopback address, which it
// cannot reach, and returns that address, the one the person copies.
func remoteBrowser(t *testing.T, authURL string) string {
	t.Helper()
	target, err := person.Person{}.Consent(context.Background(), authURL, true)
	if err != nil {
		t.Fatal(err)
	}
	return target.String()
}

// TestPasteThroughAPipe pastes the address the browser ended on, after two
// wrong ones, on standard input.
func TestPasteThroughAPipe(t *testing.T) {
	t.Parallel()
	h := newHarness(t, sandbox.Options{})
	c := h.startConnect(context.Background())
	c.waitFor(t, "paste it here and press Enter")
	target := remoteBrowser(t, c.authURL)

	fmt.Fprintln(c.stdin, "hello")
	c.waitFor(t, "That is not the address this sign-in ended on: it should start with http://127.0.0.1:")
	forged, _ := url.Parse(target)
	q := forged.Query()
	q.Set("state", "forged")
	forged.RawQuery = q.Encode()
	fmt.Fprintln(c.stdin, forged.String())
	c.waitFor(t, "it belongs to another sign-in")
	fmt.Fprintln(c.stdin, "  "+target+"  ")

	if code := c.wait(t); code != ExitOK {
		t.Fatalf("exit %d: %s", code, c.errText())
	}
	if !strings.Contains(c.stdout.String(), "Connected: Ada Lovelace <ada@example.com>") {
		t.Errorf("connect printed %q", c.stdout.String())
	}
	if n := len(h.status()); n != 1 {
		t.Errorf("%d accounts stored, want 1", n)
	}
	if strings.Contains(c.stderr.String(), forged.Query().Get("code")) {
		t.Error("the code reached the output")
	}
}

// TestSchemeOnMacOS: on macOS the scheme's address does not reach a
// waiting connect (config.SchemeHandedOver), so connect does not promise
// it: it asks for the address, or for another redirect URI, and a pasted
// address connects.
func TestSchemeOnMacOS(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir()) // the sign-in channel's folder: not the person's
	for _, goos := range []string{"darwin", "linux"} {
		t.Run(goos, func(t *testing.T) {
			h := newHarness(t, sandbox.Options{})
			h.goos = goos
			h.env["MAKE_CONNECT_REDIRECT_URI"] = config.SchemeRedirectURI()
			c := h.startConnect(context.Background())
			c.waitFor(t, "paste it here and press Enter")
			says := strings.Contains(c.errText(), "on macOS the answer does not reach this command")
			if promises := strings.Contains(c.errText(), "hands the sign-in back"); says != (goos == "darwin") || promises == says {
				t.Fatalf("on %s connect says: %s", goos, c.errText())
			}
			target := remoteBrowser(t, c.authURL)
			if !strings.HasPrefix(target, config.SchemeRedirectURI()+"?") {
				t.Fatalf("the sandbox sent the browser to %.40s…, not the scheme", target)
			}
			fmt.Fprintln(c.stdin, target)
			if code := c.wait(t); code != ExitOK || !strings.Contains(c.stdout.String(), "Connected: Ada Lovelace") {
				t.Fatalf("exit %d: %s%s", code, c.stdout.String(), c.errText())
			}
		})
	}
}

// TestEndOfInputKeepsWaiting: nobody pastes (input closed at once), and
// the browser comes back to the listener as usual.
func TestEndOfInputKeepsWaiting(t *testing.T) {
	t.Parallel()
	h := newHarness(t, sandbox.Options{})
	c := h.startConnect(context.Background())
	c.stdin.Close()
	if _, _, err := (person.Person{}).Approve(context.Background(), c.authURL); err != nil {
		t.Fatal(err)
	}
	if code := c.wait(t); code != ExitOK {
		t.Fatalf("exit %d: %s", code, c.errText())
	}
}

// TestSSHSessionActsAsNoBrowser runs connect without --no-browser in an SSH
// session: it says why, never starts a browser, and takes the paste.
func TestSSHSessionActsAsNoBrowser(t *testing.T) {
	t.Parallel()
	h := newHarness(t, sandbox.Options{})
	h.env["SSH_CONNECTION"] = "10.0.0.2 50000 10.0.0.1 22"
	h.env["DISPLAY"] = "localhost:10.0" // X forwarding changes nothing
	c := h.start(context.Background(), "connect")
	c.waitFor(t, "This is an SSH session, so no browser is opened here.\nOpen this address in a browser on any computer:")
	fmt.Fprintln(c.stdin, remoteBrowser(t, c.authURL))
	if code := c.wait(t); code != ExitOK {
		t.Fatalf("exit %d: %s", code, c.errText())
	}
}

// TestLauncherFailure: the browser launcher fails (a browser that refuses
// to start as root); connect says so, and the paste still works.
func TestLauncherFailure(t *testing.T) {
	t.Parallel()
	h := newHarness(t, sandbox.Options{})
	h.env["DISPLAY"] = ":0"
	opened := make(chan string, 1)
	h.browser = func(u string) error {
		opened <- u
		return errors.New("exit status 1: Running as root without --no-sandbox is not supported")
	}
	c := h.start(context.Background(), "connect")
	c.waitFor(t, "The browser could not be opened here (exit status 1: Running as root without --no-sandbox is not supported). Open this address in a browser on any computer:")
	c.waitFor(t, "authorize?")
	for _, line := range strings.Split(c.stderr.String(), "\n") {
		if line = strings.TrimSpace(line); strings.HasPrefix(line, "http") && strings.Contains(line, "authorize?") {
			c.authURL = line
		}
	}
	if u := <-opened; u == c.authURL || !strings.Contains(u, "/launch/") {
		t.Errorf("the launcher was given %q, not a single-use launch link", u)
	}
	if strings.Contains(c.stderr.String(), "has opened") {
		t.Error("connect claims the browser opened")
	}
	fmt.Fprintln(c.stdin, remoteBrowser(t, c.authURL))
	if code := c.wait(t); code != ExitOK {
		t.Fatalf("exit %d: %s", code, c.errText())
	}
}

// TestPortErrorsNameTheSetting: a fixed redirect port another program
// holds is named, with the setting to change where it was set.
func TestPortErrorsNameTheSetting(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	redirect := "http://127.0.0.1:" + port + "/callback"
	for _, tc := range []struct {
		name string
		args []string
		env  string
		want string
	}{
		{"environment", nil, redirect, "set MAKE_CONNECT_REDIRECT_URI in the environment to another redirect URI registered with Make"},
		{"flag", []string{"--redirect-uri", redirect}, "", "pass --redirect-uri with another redirect URI"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, sandbox.Options{})
			if tc.env != "" {
				h.env["MAKE_CONNECT_REDIRECT_URI"] = tc.env
			}
			code, _, errOut := h.run(append([]string{"connect", "--no-browser"}, tc.args...)...)
			want := "Port " + port + " is in use by another program. Close that program, or use another port: " + tc.want
			if code != ExitFailure || !strings.Contains(errOut, want) {
				t.Errorf("exit %d: %s\nwant %q", code, errOut, want)
			}
			if strings.Contains(errOut, "Settings") {
				t.Error("the message points to Settings, though the setting comes from elsewhere")
			}
		})
	}
}

// TestStatusJSONAlwaysParses: scripts get valid JSON whatever fails.
func TestStatusJSONAlwaysParses(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		env      map[string]string
		store    func(h *harness)
		wantCode int
		wantErr  string
	}{
		{"a keychain that cannot be read", nil, func(h *harness) { h.store = brokenStore{} }, ExitFailure, "The keychain is broken."},
		{"a zone that cannot work", map[string]string{"MAKE_CONNECT_ZONE": "garbage"}, nil, ExitUsage, `“garbage” is not one of Make's zones`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, sandbox.Options{})
			for k, v := range tc.env {
				h.env[k] = v
			}
			if tc.store != nil {
				tc.store(h)
			}
			code, out, _ := h.run("status", "--json")
			var v struct {
				Accounts []json.RawMessage `json:"accounts"`
				Error    string            `json:"error"`
			}
			if err := json.Unmarshal([]byte(out), &v); err != nil {
				t.Fatalf("status --json printed %q, not JSON: %v", out, err)
			}
			if code != tc.wantCode || v.Accounts == nil || len(v.Accounts) != 0 || !strings.Contains(v.Error, tc.wantErr) {
				t.Errorf("exit %d, %s; want exit %d, no accounts and an error saying %q", code, out, tc.wantCode, tc.wantErr)
			}
		})
	}
}

// brokenStore is a keychain that cannot be read; only List (and Close,
// which has nothing to wait for) is called.
type brokenStore struct{ accounts.Store }

func (brokenStore) Close() error { return nil }

func (brokenStore) List() (conns []*account.Connected, skipped []error, err error) {
	return nil, nil, errors.New("the keychain is broken")
}

// browserFollowing requests a launch link as a browser does: once, and
// on to the consent page, where the person presses Allow.
func browserFollowing(t *testing.T, launch string) {
	t.Helper()
	if status, page, err := (person.Person{}).Approve(context.Background(), launch); err != nil || status != http.StatusOK {
		t.Fatalf("the browser: HTTP %d, %v: %s", status, err, page)
	}
}

var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// TestLaunchLinkOpenedTwice: someone else requests the browser's
// single-use link — before the person approved, or just after the attempt
// completed. Either way nothing stays connected, and connect says why.
func TestLaunchLinkOpenedTwice(t *testing.T) {
	t.Parallel()
	for _, late := range []bool{false, true} {
		t.Run(map[bool]string{false: "before the answer", true: "after the answer"}[late], func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, sandbox.Options{})
			h.env["DISPLAY"] = ":0"
			opened := make(chan string, 1)
			h.browser = func(u string) error { opened <- u; return nil }
			c := h.start(context.Background(), "connect")
			launch := <-opened
			if said := c.stderr.String(); strings.Contains(said, "authorize?") {
				t.Error("with a browser that opens, connect printed the sign-in address, with its state")
			} else if !strings.Contains(said, "--no-browser") {
				t.Errorf("connect does not say how to get the address (--no-browser):\n%s", said)
			}
			if !late { // the person's browser opens the consent page
				resp, err := noRedirects.Get(launch)
				if err != nil || resp.StatusCode != http.StatusFound {
					t.Fatalf("the browser's request: %v (%s); connect said: %s", err, statusOf(resp), c.errText())
				}
				resp.Body.Close()
			} else {
				browserFollowing(t, launch)
				// The callback page came after the account was stored.
				if n := len(h.status()); n != 1 {
					t.Fatalf("%d accounts stored after approving", n)
				}
			}
			resp, err := noRedirects.Get(launch) // the other user
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if code := c.wait(t); code != ExitFailure || !strings.Contains(c.errText(), "The sign-in link was opened twice") {
				t.Fatalf("exit %d: %s", code, c.errText())
			}
			if n := len(h.status()); n != 0 {
				t.Errorf("%d accounts stay connected", n)
			}
			if late && !strings.Contains(c.errText(), "its tokens were revoked and removed") {
				t.Errorf("connect does not say the account was disconnected: %s", c.errText())
			}
		})
	}
}

// statusOf is a response's status line for a failure message, or "no
// response".
func statusOf(resp *http.Response) string {
	if resp == nil {
		return "no response"
	}
	return resp.Status
}
