package cli

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/make-connect/make-connect/internal/testkit/person"
	"github.com/make-connect/make-connect/internal/testkit/sandbox"
)

// TestHostileServer connects against a server that misbehaves in each way
// on hostileNames. Every failure must end with a clear message and exit 1,
// the browser must be told the truth, an endless answer be read only in
// part, no secret reach the output, nothing be stored — and the account
// stored before stay as it was. The two faults a connect survives (escapes
// in the name, expires_in as a string) must connect, safely.
//
// The cases run in parallel: each has its own sandbox, hostile server,
// keychain service (named after the test) and environment.
func TestHostileServer(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		exit   int
		stderr string // what the person reads first
		page   string // what the browser shows
	}{
		"500 html":                       {1, "Make refused the sign-in.", "Not connected"},
		"invalid_grant":                  {1, "Make refused the sign-in.", "Not connected"},
		"no access_token":                {1, "Make refused the sign-in.", "Not connected"},
		"200 text/html":                  {1, "Make refused the sign-in.", "Not connected"},
		"endless body":                   {1, "Make refused the sign-in.", "Not connected"},
		"no answer":                      {1, "Make could not be reached.", "Not connected"},
		"alg none":                       {1, "its ID token is not valid", "Not connected"},
		"unknown key":                    {1, "its ID token is not valid", "Not connected"},
		"other audience":                 {1, "its ID token is not valid", "Not connected"},
		"other nonce":                    {1, "its ID token is not valid", "Not connected"},
		"other issuer":                   {1, "its ID token is not valid", "Not connected"},
		"expired":                        {1, "its ID token is not valid", "Not connected"},
		"unreachable keys":               {1, "its ID token is not valid", "Not connected"},
		"discovery names another issuer": {1, "answered with sign-in settings Make Connect cannot use safely", ""},
		"plain http endpoint":            {1, "answered with sign-in settings Make Connect cannot use safely", ""},
		"pkce plain only":                {1, "answered with sign-in settings Make Connect cannot use safely", ""},
		"escapes in error_description":   {1, "Make refused the sign-in.", "Not connected"},
		"escapes in the name":            {0, "", "&lt;eve@example.com&gt; to Make Connect."},
		"expires_in as a string":         {0, "", "Connected Eve Example &lt;eve@example.com&gt; to Make Connect."},
		"escapes in the discovery body":  {1, "answered with sign-in settings Make Connect cannot use safely", ""},
		"escapes in the subject":         {0, "", "Connected Eve Example &lt;eve@example.com&gt; to Make Connect."},
		// A redirect is followed only by an API call, and only on the
		// same server; nothing ever reaches the catchers.
		"discovery 302 to http":           {1, "The server sent this request on to http://127.0.0.1:", ""},
		"discovery 307 to another host":   {1, "The server sent this request on to https://localhost:", ""},
		"keys 302 to http":                {1, "its ID token is not valid", "Not connected"},
		"keys 307 to another host":        {1, "its ID token is not valid", "Not connected"},
		"token 302 to http":               {1, "The server sent this request on to http://127.0.0.1:", "Not connected"},
		"token 307 to another host":       {1, "The server sent this request on to https://localhost:", "Not connected"},
		"users/me 302 to http":            {0, "Make did not say who this is", "Your Make account is connected."},
		"users/me 307 to another host":    {0, "Make did not say who this is", "Your Make account is connected."},
		"users/me 302 on the same server": {0, "", "Connected Eve Example &lt;eve@example.com&gt; to Make Connect."},
	}
	if len(cases) != len(hostileNames) {
		t.Fatalf("%d cases for %d faults", len(cases), len(hostileNames))
	}
	for _, fault := range hostileNames {
		want := cases[fault]
		t.Run(fault, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, sandbox.Options{})
			h.connectAs("grace@example.com")
			before, _ := json.Marshal(h.status())
			srv := newHostile(fault)
			defer srv.Close()
			h.env["MAKE_CONNECT_ISSUER"], h.env["MAKE_CONNECT_API_BASE"] = srv.URL, srv.URL+"/api/v2"
			h.env["MAKE_CONNECT_SCOPES"] = "openid user:read"
			h.env["MAKE_CONNECT_CA_FILE"] = srv.caFile
			h.env["MAKE_CONNECT_TIMEOUT"] = "60s" // longer than one request may take (30 s)

			var out, state, page string
			code := 0
			if want.page == "" { // refused before any address is printed
				code, out, _ = h.run("connect", "--no-browser")
				_, _, errOut := h.run("connect", "--no-browser")
				out += errOut
			} else {
				c := h.startConnect(context.Background())
				u, _ := url.Parse(c.authURL)
				state = u.Query().Get("state")
				target, err := (person.Person{Client: srv.Client()}).Consent(context.Background(), c.authURL, true)
				if err != nil {
					t.Fatal(err)
				}
				_, page, _ = (person.Person{Client: srv.Client()}).Visit(context.Background(), target.String())
				code = c.wait(t)
				out = c.stdout.String() + c.errText()
			}

			if code != want.exit || !strings.Contains(out, want.stderr) {
				t.Errorf("exit %d, want %d with %q:\n%s", code, want.exit, want.stderr, out)
			}
			if want.page != "" && (!strings.Contains(page, want.page) || want.exit != 0 && strings.Contains(page, "<h1>Connected</h1>")) {
				t.Errorf("the browser shows %q, want %q", page, want.page)
			}
			for _, secret := range []string{hostileCode, "hostile-at-8c1d2e3f4a5b6c7d", state} {
				if secret != "" && strings.Contains(out, secret) {
					t.Errorf("the output holds a secret (%d bytes)", len(secret))
				}
			}
			for _, c := range []*catcher{srv.plain, srv.elsewhere} {
				if got := c.requests(); len(got) > 0 {
					t.Errorf("a redirect was followed to %s: %v", c.URL, got)
				}
			}
			if steers(out) || strings.Contains(page, "<script>") {
				t.Errorf("server text steers the terminal or the page:\n%q", out)
			}
			// The client stops at httpclient.MaxBody; what more the server
			// wrote sits in the sockets' buffers. (The process's own
			// allocations say nothing while other cases run beside it.)
			if sent := srv.sent.Load(); sent > 64<<20 {
				t.Errorf("the connect read on: the server wrote %d MiB of an endless answer", sent>>20)
			}
			after := h.status()
			if want.exit != 0 {
				if now, _ := json.Marshal(after); string(now) != string(before) {
					t.Errorf("the accounts changed:\nbefore %s\nafter  %s", before, now)
				}
				return
			}
			email := "eve@example.com"
			if strings.Contains(want.stderr, "did not say who") { // users/me was not asked where it pointed
				email = ""
			}
			if len(after) != 2 || after[0].Email != "grace@example.com" || after[1].Email != email || after[1].ExpiresAt == nil {
				t.Errorf("after a connect that worked: %+v", after)
			}
		})
	}
}

// TestHostileRevocationRedirect: a revocation endpoint that redirects gets
// the tokens once, itself: the redirect is not followed, so neither
// plain http nor another host receives them, and the disconnect says the
// token may still work, with the redirect in the details.
func TestHostileRevocationRedirect(t *testing.T) {
	t.Parallel()
	for _, fault := range revocationFaults {
		t.Run(fault, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, sandbox.Options{})
			srv := newHostile(fault)
			defer srv.Close()
			h.env["MAKE_CONNECT_ISSUER"], h.env["MAKE_CONNECT_API_BASE"] = srv.URL, srv.URL+"/api/v2"
			h.env["MAKE_CONNECT_SCOPES"] = "openid user:read"
			h.env["MAKE_CONNECT_CA_FILE"] = srv.caFile
			c := h.startConnect(context.Background())
			person := person.Person{Client: srv.Client()}
			target, err := person.Consent(context.Background(), c.authURL, true)
			if err != nil {
				t.Fatal(err)
			}
			person.Visit(context.Background(), target.String())
			if code := c.wait(t); code != 0 {
				t.Fatalf("connect: exit %d\n%s", code, c.errText())
			}

			code, out, errOut := h.run("disconnect")
			said := out + errOut
			if code != 1 || !strings.Contains(said, "Make could not be told to withdraw its access") ||
				!strings.Contains(said, "it was not sent there") || len(h.status()) != 0 {
				t.Errorf("disconnect: exit %d, %d accounts left\n%s%s", code, len(h.status()), out, errOut)
			}
			for _, c := range []*catcher{srv.plain, srv.elsewhere} {
				if got := c.requests(); len(got) > 0 {
					t.Errorf("the revocation was sent on to %s: %v", c.URL, got)
				}
			}
			if strings.Contains(out+errOut, "hostile-at-8c1d2e3f4a5b6c7d") {
				t.Error("the output holds the access token")
			}
		})
	}
}

// steers reports whether s holds what could steer a terminal: a control
// character other than line feed and tab, a C1 control, or a bidi
// formatting character.
func steers(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f ||
			r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
	})
}

// TestNoCommandPrintsWhatSteersTheTerminal: an account whose subject (its
// label, with no name granted) and whose revocation errors carry terminal
// escapes and bidi overrides goes through every command that prints it,
// and nothing any of them prints can steer the terminal.
func TestNoCommandPrintsWhatSteersTheTerminal(t *testing.T) {
	t.Parallel()
	h := newHarness(t, sandbox.Options{})
	srv := newHostile("escapes in the subject")
	defer srv.Close()
	h.env["MAKE_CONNECT_ISSUER"], h.env["MAKE_CONNECT_API_BASE"] = srv.URL, srv.URL+"/api/v2"
	h.env["MAKE_CONNECT_SCOPES"] = "openid" // no name: the subject is the label
	h.env["MAKE_CONNECT_CA_FILE"] = srv.caFile
	c := h.startConnect(context.Background())
	person := person.Person{Client: srv.Client()}
	target, err := person.Consent(context.Background(), c.authURL, true)
	if err != nil {
		t.Fatal(err)
	}
	person.Visit(context.Background(), target.String())
	if code := c.wait(t); code != 0 {
		t.Fatalf("connect: exit %d\n%s", code, c.errText())
	}
	said := map[string]string{"connect": c.stdout.String() + c.errText()}
	id := h.status()[0].ID
	for _, args := range [][]string{{"status"}, {"status", "--json"}, {"use", id}, {"doctor"}, {"disconnect"}, {"connect", "--no-browser", "--timeout", "1ms"}} {
		_, out, errOut := h.run(args...)
		said[strings.Join(args, " ")] = out + errOut
	}
	for what, out := range said {
		if steers(out) {
			t.Errorf("%s printed what steers the terminal: %q", what, out)
		}
	}
	if !strings.Contains(said["disconnect"], "Removed eve\uFFFD]0;pwned") || !strings.Contains(said["disconnect"], "Details:") {
		t.Errorf("disconnect should name the account, its escapes shown as U+FFFD, and the revocation's error:\n%s", said["disconnect"])
	}
}

// TestAnotherUserIsToldOf: while connect waits, user nobody (through
// setpriv and curl) asks for the callback; the request is refused, the
// person is told, and their own sign-in still completes.
func TestAnotherUserIsToldOf(t *testing.T) {
	t.Parallel()
	if os.Geteuid() != 0 {
		t.Skip("running a request as another user needs root")
	}
	setpriv, err1 := exec.LookPath("setpriv")
	curl, err2 := exec.LookPath("curl")
	if err1 != nil || err2 != nil {
		t.Skip("needs setpriv (util-linux) and curl (make deps installs it)")
	}
	h := newHarness(t, sandbox.Options{})
	c := h.startConnect(context.Background())
	u, _ := url.Parse(c.authURL)
	callback := u.Query().Get("redirect_uri") + "?state=" + u.Query().Get("state") + "&code=theirs"
	out, err := exec.Command(setpriv, "--reuid=65534", "--regid=65534", "--clear-groups",
		curl, "-s", "-o", "/dev/null", "-w", "%{http_code}", callback).Output()
	if err != nil || string(out) != "403" {
		t.Fatalf("nobody's callback: %q, %v; want HTTP 403", out, err)
	}
	if _, _, err := (person.Person{Email: "ada@example.com"}).Approve(context.Background(), c.authURL); err != nil {
		t.Fatal(err)
	}
	if code := c.wait(t); code != 0 {
		t.Fatalf("connect: exit %d\n%s", code, c.errText())
	}
	if said := c.errText(); !strings.Contains(said, "Another user of this computer (nobody, uid 65534) tried to use this sign-in and was refused") {
		t.Errorf("the person was not told:\n%s", said)
	}
}
