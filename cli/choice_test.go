package cli

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/make-connect/make-connect/sandbox"
)

// tokenJSONOf runs "token --json" with args and decodes it.
func tokenJSONOf(t *testing.T, h *harness, args ...string) (int, tokenJSON, string) {
	t.Helper()
	code, out, errOut := h.run(append([]string{"token", "--json"}, args...)...)
	var v tokenJSON
	if code == ExitOK {
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatalf("token --json printed %q: %v", out, err)
		}
	}
	return code, v, errOut
}

// TestChoosingAnAccount: with several accounts, token and disconnect need
// one named, or a default (make-connect use, MAKE_CONNECT_ACCOUNT), which
// status marks; an email two accounts share is refused with their IDs.
func TestChoosingAnAccount(t *testing.T) {
	h := newHarness(t, sandbox.Options{})
	h.connectAs("ada@example.com")
	h.connectAs("grace@example.com")
	// The same person at a second sign-in server: another account.
	other, err := sandbox.Start(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	first := h.env["MAKE_CONNECT_ISSUER"]
	h.env["MAKE_CONNECT_ISSUER"], h.env["MAKE_CONNECT_API_BASE"] = other.Issuer(), other.Issuer()+"/api/v2"
	h.connectAs("ada@example.com")
	h.env["MAKE_CONNECT_ISSUER"], h.env["MAKE_CONNECT_API_BASE"] = first, first+"/api/v2"

	accts := h.status()
	if len(accts) != 3 {
		t.Fatalf("%d accounts", len(accts))
	}
	ada1, grace, ada2 := accts[0], accts[1], accts[2]
	for _, a := range accts {
		if a.Default {
			t.Errorf("%s is the default before any was chosen", a.Email)
		}
	}

	code, _, errOut := h.run("token")
	if code != ExitUsage || !strings.Contains(errOut, "3 accounts are connected ("+ada1.ID+", "+grace.ID+", "+ada2.ID+")") ||
		!strings.Contains(errOut, "make-connect use ID") {
		t.Errorf("token with three accounts: exit %d: %s", code, errOut)
	}
	code, _, errOut = h.run("token", "--account", "ADA@example.com")
	if code != ExitUsage || !strings.Contains(errOut, "ADA@example.com belongs to 2 connected accounts") ||
		!strings.Contains(errOut, ada1.ID+", "+ada2.ID) {
		t.Errorf("an email two accounts share: exit %d: %s", code, errOut)
	}
	if code, tok, errOut := tokenJSONOf(t, h, "--account", "grace@example.com"); code != ExitOK || tok.Account != grace.ID {
		t.Errorf("an email one account has: exit %d, account %q: %s", code, tok.Account, errOut)
	}

	if code, out, errOut := h.run("use", ada2.ID); code != ExitOK || !strings.Contains(out, "is now the default account") {
		t.Fatalf("use: exit %d: %s %s", code, out, errOut)
	}
	for _, a := range h.status() {
		if a.Default != (a.ID == ada2.ID) {
			t.Errorf("%s (%s): default = %v", a.Email, a.ID, a.Default)
		}
	}
	if code, tok, _ := tokenJSONOf(t, h); code != ExitOK || tok.Account != ada2.ID {
		t.Errorf("token uses %q, want the default %s", tok.Account, ada2.ID)
	}
	h.env["MAKE_CONNECT_ACCOUNT"] = grace.ID // one call's choice
	if code, tok, _ := tokenJSONOf(t, h); code != ExitOK || tok.Account != grace.ID {
		t.Errorf("with MAKE_CONNECT_ACCOUNT, token uses %q, want %s", tok.Account, grace.ID)
	}
	delete(h.env, "MAKE_CONNECT_ACCOUNT")
	if code, out, errOut := h.run("disconnect"); code != ExitOK || !strings.Contains(out, "Disconnected Ada Lovelace") {
		t.Fatalf("disconnect of the default: exit %d: %s %s", code, out, errOut)
	}
	if accts := h.status(); len(accts) != 2 || accts[0].ID != ada1.ID || accts[1].ID != grace.ID {
		t.Errorf("after disconnecting the default: %+v", accts)
	}
	if code, _, errOut := h.run("use", "nobody@example.com"); code != ExitFailure || !strings.Contains(errOut, "No connected account has the ID or email") {
		t.Errorf("use of an unknown account: exit %d: %s", code, errOut)
	}
	if code, _, errOut := h.run("use"); code != ExitUsage || !strings.Contains(errOut, "Use needs an account") {
		t.Errorf("use without an account: exit %d: %s", code, errOut)
	}
}

// TestTokenForScripts: --json names what a script needs, and --min-valid
// renews a token that would not last when it can, and says so when not.
func TestTokenForScripts(t *testing.T) {
	h := newHarness(t, sandbox.Options{RefreshTokens: true})
	h.connectAs("ada@example.com")
	code, tok, errOut := tokenJSONOf(t, h)
	if code != ExitOK || tok.AccessToken == "" || tok.TokenType == "" || tok.ExpiresAt == nil ||
		tok.APIBase != h.sandbox.Issuer()+"/api/v2" || len(tok.Scopes) == 0 || tok.Account == "" {
		t.Fatalf("token --json: exit %d, %+v: %s", code, tok, errOut)
	}
	if time.Until(*tok.ExpiresAt) < 58*time.Minute {
		t.Errorf("expires_at %v", tok.ExpiresAt)
	}
	// An hour-long token asked to last two: renewed, which gives another
	// hour, still short of two.
	code, _, errOut = tokenJSONOf(t, h, "--min-valid", "2h")
	if code != ExitFailure || !strings.Contains(errOut, "under the 2h0m0s asked for") {
		t.Errorf("--min-valid 2h: exit %d: %s", code, errOut)
	}
	code, again, errOut := tokenJSONOf(t, h, "--min-valid", "59m59s")
	if code != ExitOK || again.AccessToken == tok.AccessToken {
		t.Errorf("--min-valid 59m59s did not renew the token: exit %d: %s", code, errOut)
	}

	t.Run("no refresh token", func(t *testing.T) {
		h := newHarness(t, sandbox.Options{})
		h.connectAs("grace@example.com")
		code, _, errOut := h.run("token", "--min-valid", "90m")
		if code != ExitFailure || !strings.Contains(errOut, "expires in 59m, under the 1h30m0s asked for, and Make gave it no way to renew itself; connect it again") {
			t.Errorf("--min-valid 90m without a refresh token: exit %d: %s", code, errOut)
		}
	})
}

// TestStatusCheckAsksMake: accepted while the token works, rejected once
// it was revoked behind the app's back, unreachable when Make is not
// there; without --check, checked is null.
func TestStatusCheckAsksMake(t *testing.T) {
	h := newHarness(t, sandbox.Options{})
	h.connectAs("ada@example.com")
	if a := h.status()[0]; a.Checked != nil {
		t.Errorf("without --check, checked = %v", *a.Checked)
	}
	checked := func() string {
		t.Helper()
		code, out, errOut := h.run("status", "--json", "--check")
		var v struct{ Accounts []accountJSON }
		if code != ExitOK || json.Unmarshal([]byte(out), &v) != nil || len(v.Accounts) != 1 || v.Accounts[0].Checked == nil {
			t.Fatalf("status --check: exit %d: %s %s", code, out, errOut)
		}
		return string(*v.Accounts[0].Checked)
	}
	if got := checked(); got != "accepted" {
		t.Errorf("a working token: %q", got)
	}
	code, out, _ := h.run("status", "--check")
	if code != ExitOK || !strings.Contains(out, "Make:      accepted by Make") {
		t.Errorf("status --check: %s", out)
	}

	_, tok, _ := tokenJSONOf(t, h)
	form := url.Values{"token": {tok.AccessToken}, "client_id": {"make-connect-test"}}
	resp, err := http.PostForm(h.sandbox.Issuer()+"/oauth/v2/revoke", form)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("revoke behind the app's back: %v", err)
	}
	resp.Body.Close()
	if got := checked(); got != "rejected" {
		t.Errorf("a revoked token: %q", got)
	}
	if _, out, _ := h.run("status", "--check"); !strings.Contains(out, "rejected by Make (revoked or expired early)") {
		t.Errorf("status --check: %s", out)
	}

	h.sandbox.Close()
	if got := checked(); got != "unreachable" {
		t.Errorf("Make gone: %q", got)
	}
}

// TestReconnectRevokesTheReplacedTokens: connecting the same account again
// revokes the tokens the new ones replace, and says so.
func TestReconnectRevokesTheReplacedTokens(t *testing.T) {
	h := newHarness(t, sandbox.Options{})
	h.connectAs("ada@example.com")
	_, old, _ := tokenJSONOf(t, h)
	c := h.startConnect(context.Background())
	if _, _, err := (sandbox.Person{}).Approve(context.Background(), c.authURL); err != nil {
		t.Fatal(err)
	}
	if code := c.wait(t); code != ExitOK || !strings.Contains(c.errText(), "This replaced the account's earlier connection; its tokens were revoked.") {
		t.Fatalf("reconnect: exit %d: %s", code, c.errText())
	}
	if status := usersMe(t, h, old.AccessToken); status != http.StatusUnauthorized {
		t.Errorf("the replaced access token still works (HTTP %d)", status)
	}
	_, current, _ := tokenJSONOf(t, h)
	if status := usersMe(t, h, current.AccessToken); status != http.StatusOK || len(h.status()) != 1 {
		t.Errorf("the new token: HTTP %d", status)
	}
}

// TestZones: the account's organizations and their zones are listed and
// compared with the zone setting; without organizations:read the zone is
// "not checked"; a rate limit is said as such.
func TestZones(t *testing.T) {
	cases := []struct {
		name   string
		zones  []string
		scopes string
		note   string
		orgs   int
	}{
		{"one zone, the one set", []string{"eu1.make.com"}, "", "", 1},
		{"one zone, another", []string{"us1.make.com"}, "", "This account's organizations are in us1.make.com; Settings say eu1.make.com.", 1},
		{"two zones, short and long names", []string{"us2.make.com", "eu1"}, "", "", 2},
		{"no organizations:read", []string{"us1.make.com"}, "openid user:read", "Zone not checked: the account was not granted organizations:read", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, sandbox.Options{OrganizationZones: tc.zones})
			if tc.scopes != "" {
				h.env["MAKE_CONNECT_SCOPES"] = tc.scopes
			}
			h.connectAs("ada@example.com")
			a := h.status()[0]
			if !strings.HasPrefix(a.ZoneNote, tc.note) || (tc.note == "") != (a.ZoneNote == "") || len(a.Organizations) != tc.orgs || a.ZonesChecked != (tc.orgs > 0) {
				t.Errorf("zone note %q, %d organizations (%+v), checked %v", a.ZoneNote, len(a.Organizations), a.Organizations, a.ZonesChecked)
			}
			if a.APIBase != h.sandbox.Issuer()+"/api/v2" {
				t.Errorf("an API base set by hand changed to %s", a.APIBase)
			}
			if tc.orgs == 2 && (a.Organizations[1].Zone != "eu1.make.com" || a.Organizations[0].Name != "Ada's team in us2.make.com") {
				t.Errorf("organizations %+v", a.Organizations)
			}
		})
	}
	t.Run("rate limit", func(t *testing.T) {
		h := newHarness(t, sandbox.Options{RateLimited: true})
		h.env["MAKE_CONNECT_SCOPES"] = "openid"
		h.connectAs("ada@example.com")
		code, out, errOut := h.run("status", "--check")
		if code != ExitOK || !strings.Contains(out, "Make:      Make could not be reached") ||
			!strings.Contains(errOut, "Make's rate limit for this account's organization is used up") {
			t.Errorf("status --check over the rate limit: exit %d: %s %s", code, out, errOut)
		}
	})
}
