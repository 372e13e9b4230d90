package cli

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/make-connect/make-connect/internal/testkit/person"
	"github.com/make-connect/make-connect/internal/testkit/sandbox"
)

func TestConnectApproveStatusTokenDisconnect(t *testing.T) {
	t.Parallel()
	h := newHarness(t, sandbox.Options{})
	ctx := context.Background()
	c := h.startConnect(ctx)
	redirect := redirectOf(t, c.authURL)

	// Forged and stray requests during a real flow must not end it.
	base := redirect.String()
	for _, tc := range []struct {
		name, url, host string
		want            int
	}{
		{"forged code", base + "?code=forged&state=forged", "", 400},
		{"forged denial", base + "?error=access_denied&state=forged", "", 400},
		{"no state", base + "?code=forged", "", 400},
		{"favicon", "http://" + redirect.Host + "/favicon.ico", "", 404},
		{"DNS rebinding", base + "?code=forged&state=forged", "attacker.example:" + redirect.Port(), 400},
	} {
		if got := get(t, tc.url, tc.host); got != tc.want {
			t.Errorf("%s: HTTP %d, want %d", tc.name, got, tc.want)
		}
	}
	select {
	case <-c.done:
		t.Fatalf("a forged request ended the flow: exit %d: %s", c.code, c.errText())
	default:
	}

	status, page, err := person.Person{}.Approve(ctx, c.authURL)
	if err != nil || status != 200 || !strings.Contains(page, "Connected Ada Lovelace &lt;ada@example.com&gt; to Make Connect.") {
		t.Fatalf("browser: %d %q %v", status, page, err)
	}
	if code := c.wait(t); code != 0 {
		t.Fatalf("connect: exit %d: %s", code, c.errText())
	}
	out := c.stdout.String()
	for _, want := range []string{"Connected: Ada Lovelace <ada@example.com>", "(in 59m)", "Scopes:    openid user:read"} {
		if !strings.Contains(out, want) {
			t.Errorf("connect output lacks %q:\n%s", want, out)
		}
	}

	accts := h.status()
	if len(accts) != 1 {
		t.Fatalf("status lists %d accounts, want 1", len(accts))
	}
	a := accts[0]
	if a.Name != "Ada Lovelace" || a.Email != "ada@example.com" || a.Subject != "1001" || a.Issuer != h.sandbox.Issuer() {
		t.Errorf("account = %+v", a)
	}
	if a.ExpiresAt == nil || time.Until(*a.ExpiresAt) < 58*time.Minute || time.Until(*a.ExpiresAt) > time.Hour || a.Expired {
		t.Errorf("expires_at = %v, expired = %v; want about an hour from now", a.ExpiresAt, a.Expired)
	}
	if strings.Join(a.Scopes, " ") != "openid user:read organizations:read" || a.HasRefreshToken {
		t.Errorf("scopes %v confirmed %v refresh %v", a.Scopes, a.ScopesConfirmed, a.HasRefreshToken)
	}

	code, tok, errOut := h.run("token", "--account", a.ID)
	tok = strings.TrimSpace(tok)
	if code != 0 || tok == "" {
		t.Fatalf("token: exit %d: %s", code, errOut)
	}
	if got := usersMe(t, h, tok); got != 200 {
		t.Fatalf("the token from \"token\" does not work at /users/me: HTTP %d", got)
	}

	if code, out, errOut := h.run("disconnect", "--account", "ada@example.com"); code != 0 || !strings.Contains(out, "revoked") {
		t.Fatalf("disconnect: exit %d: %s %s", code, out, errOut)
	}
	if got := usersMe(t, h, tok); got != 401 {
		t.Errorf("after disconnect the token still works: HTTP %d", got)
	}
	if n := len(h.status()); n != 0 {
		t.Errorf("status lists %d accounts after disconnect", n)
	}
}

func usersMe(t *testing.T, h *harness, token string) int {
	req, _ := http.NewRequest("GET", h.sandbox.Issuer()+"/api/v2/users/me", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestConnectFailures(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		opts     sandbox.Options
		browser  func(t *testing.T, authURL string) (int, string)
		wantCode int
		wantErr  string
		wantPage string
	}{
		{"deny", sandbox.Options{}, func(t *testing.T, u string) (int, string) {
			s, p, err := person.Person{}.Deny(context.Background(), u)
			if err != nil {
				t.Fatal(err)
			}
			return s, p
		}, ExitDeclined, "declined", "declined"},
		{"wrong iss", sandbox.Options{}, func(t *testing.T, u string) (int, string) {
			p := person.Person{}
			redirect, err := p.Consent(context.Background(), u, true)
			if err != nil {
				t.Fatal(err)
			}
			q := redirect.Query()
			q.Set("iss", "https://evil.example")
			redirect.RawQuery = q.Encode()
			s, page, err := p.Visit(context.Background(), redirect.String())
			if err != nil {
				t.Fatal(err)
			}
			return s, page
		}, ExitFailure, "different server", "different server"},
		{"tampered id_token", sandbox.Options{TamperIDToken: true}, func(t *testing.T, u string) (int, string) {
			s, p, err := person.Person{}.Approve(context.Background(), u)
			if err != nil {
				t.Fatal(err)
			}
			return s, p
		}, ExitFailure, "verify id_token", "Connecting did not work"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, tc.opts)
			c := h.startConnect(context.Background())
			_, page := tc.browser(t, c.authURL)
			if !strings.Contains(page, tc.wantPage) {
				t.Errorf("the browser shows %q, want %q", page, tc.wantPage)
			}
			if code := c.wait(t); code != tc.wantCode || !strings.Contains(c.stderr.String(), tc.wantErr) {
				t.Errorf("exit %d, want %d with %q: %s", code, tc.wantCode, tc.wantErr, c.errText())
			}
			if n := len(h.status()); n != 0 {
				t.Errorf("%d accounts stored after a failed connect", n)
			}
		})
	}
}

// TestConnectTimeoutAndCancel: a connect that timed out frees its port;
// after Ctrl-C the port answers with the page saying the sign-in was
// cancelled, until the process exits.
func TestConnectTimeoutAndCancel(t *testing.T) {
	for _, tc := range []struct {
		name    string
		timeout string
		cancel  bool
	}{{"timeout", "1s", false}, {"cancel", "1m", true}} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, sandbox.Options{})
			h.env["MAKE_CONNECT_TIMEOUT"] = tc.timeout
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			c := h.startConnect(ctx)
			if tc.cancel {
				cancel()
			}
			if code := c.wait(t); code != ExitTimeout {
				t.Fatalf("exit %d, want %d: %s", code, ExitTimeout, c.errText())
			}
			redirect := redirectOf(t, c.authURL)
			if tc.cancel {
				// Until the command's process exits, the listener answers
				// a while with the page saying the sign-in was cancelled
				// (auth's cancelledLinger), and exchanges nothing.
				signIn, _ := url.Parse(c.authURL)
				state := signIn.Query().Get("state")
				if got := get(t, redirect.String()+"?"+url.Values{"state": {state}, "code": {"c"}}.Encode(), ""); got != http.StatusGone {
					t.Fatalf("the browser's answer after Ctrl-C: HTTP %d, want %d (the cancelled page)", got, http.StatusGone)
				}
				return
			}
			ln, err := net.Listen("tcp", redirect.Host)
			if err != nil {
				t.Fatalf("the port is still held: %v", err)
			}
			ln.Close()
		})
	}
}

func TestConnectWithoutUserRead(t *testing.T) {
	t.Parallel()
	h := newHarness(t, sandbox.Options{})
	h.env["MAKE_CONNECT_SCOPES"] = "openid"
	c := h.startConnect(context.Background())
	if _, _, err := (person.Person{Email: "grace@example.com"}).Approve(context.Background(), c.authURL); err != nil {
		t.Fatal(err)
	}
	if code := c.wait(t); code != 0 {
		t.Fatalf("exit %d: %s", code, c.errText())
	}
	if !strings.Contains(c.stdout.String(), "Note:      Name and email need the user:read scope") {
		t.Errorf("no note on the missing identity:\n%s", c.stdout.String())
	}
	accts := h.status()
	if len(accts) != 1 || accts[0].Subject != "1002" || accts[0].Name != "" {
		t.Fatalf("accounts = %+v, want Grace's subject without a name", accts)
	}
}

func TestTokenRefusesAnExpiredAccount(t *testing.T) {
	t.Parallel()
	h := newHarness(t, sandbox.Options{})
	c := h.startConnect(context.Background())
	if _, _, err := (person.Person{}).Approve(context.Background(), c.authURL); err != nil {
		t.Fatal(err)
	}
	if code := c.wait(t); code != 0 {
		t.Fatalf("exit %d", code)
	}
	var out, errOut strings.Builder
	env := h.cliEnv(&out, &errOut)
	env.Now = func() time.Time { return time.Now().Add(2 * time.Hour) }
	if code := Run(context.Background(), env, []string{"token"}); code != ExitFailure || out.Len() != 0 || !strings.Contains(errOut.String(), "expired") {
		t.Fatalf("token two hours later: exit %d, stdout %q, stderr %q", code, out.String(), errOut.String())
	}
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	h := newHarness(t, sandbox.Options{})
	delete(h.env, "MAKE_CONNECT_CLIENT_ID")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, "unknown command"},
		{[]string{"status", "--bogus"}, "flag provided but not defined"},
		{[]string{"connect", "--no-browser"}, "Register a public OAuth client with Make"},
		{[]string{"connect", "--no-browser", "--timeout", "soon"}, "not a duration"},
		// A redirect port is 1–65535 (0: any free one), refused before
		// anything starts, naming the flag.
		{[]string{"connect", "--no-browser", "--redirect-uri", "http://127.0.0.1:99999/cb"}, "a port is a number from 1 to 65535 (0 for any free one) (set by --redirect-uri)"},
	} {
		code, _, errOut := h.run(tc.args...)
		if code != ExitUsage || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d %q, want %d with %q", tc.args, code, errOut, ExitUsage, tc.want)
		}
	}
}
