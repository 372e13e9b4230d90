package cli

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/testkit/person"
	"github.com/make-connect/make-connect/internal/testkit/sandbox"
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

// connectAsSaying connects as email and returns what connect said on
// stderr.
func (h *harness) connectAsSaying(email string) string {
	h.t.Helper()
	c := h.startConnect(context.Background())
	if _, _, err := (person.Person{Email: email}).Approve(context.Background(), c.authURL); err != nil {
		h.t.Fatal(err)
	}
	if code := c.wait(h.t); code != 0 {
		h.t.Fatalf("connect as %s: exit %d: %s", email, code, c.errText())
	}
	return c.errText()
}

// defaults is which of status's accounts are the default, by email and
// issuer order.
func defaults(accts []accountJSON) []string {
	var out []string
	for _, a := range accts {
		if a.Default {
			out = append(out, a.ID)
		}
	}
	return out
}

// TestChoosingAnAccount: the account used when none is named is explicit
// and shown. The only account is it; when a second one is connected, the
// first is saved as the default and connect says so; make-connect use and
// MAKE_CONNECT_ACCOUNT choose another; disconnecting the default clears
// it; and a default that names an account which is gone is an error
// (exit 2, naming where it was set), never a reason to use another.
func TestChoosingAnAccount(t *testing.T) {
	t.Parallel()
	h := newHarness(t, sandbox.Options{})
	h.connectAs("ada@example.com")
	if accts := h.status(); len(accts) != 1 || !accts[0].Default {
		t.Fatalf("the only account is not shown as the default: %+v", accts)
	}
	said := h.connectAsSaying("grace@example.com")
	accts := h.status()
	ada1, grace := accts[0], accts[1]
	if !strings.Contains(said, "Ada Lovelace <ada@example.com> stays the default account, the one tools use when they name none; "+
		"to use Grace Hopper <grace@example.com> instead, run: make-connect use "+grace.ID) {
		t.Errorf("connecting a second account did not say who stays the default: %s", said)
	}
	if got := h.savedSettings()["MAKE_CONNECT_ACCOUNT"]; got != ada1.ID {
		t.Errorf("saved default %q, want the first account %s", got, ada1.ID)
	}
	if d := defaults(h.status()); len(d) != 1 || d[0] != ada1.ID {
		t.Errorf("defaults %q, want Ada's", d)
	}
	if code, tok, errOut := tokenJSONOf(t, h); code != ExitOK || tok.Account != ada1.ID {
		t.Errorf("token without --account gave %q (exit %d: %s), want the kept default", tok.Account, code, errOut)
	}

	// The same person at a second sign-in server: another account, and
	// the default stays.
	other := sandbox.Start(t, sandbox.Options{})
	first := h.env["MAKE_CONNECT_ISSUER"]
	h.env["MAKE_CONNECT_ISSUER"], h.env["MAKE_CONNECT_API_BASE"] = other.Issuer(), other.Issuer()+"/api/v2"
	if said := h.connectAsSaying("ada@example.com"); strings.Contains(said, "stays the default") {
		t.Errorf("a third account changed the default: %s", said)
	}
	h.env["MAKE_CONNECT_ISSUER"], h.env["MAKE_CONNECT_API_BASE"] = first, first+"/api/v2"
	ada2 := h.status()[2]

	code, _, errOut := h.run("token", "--account", "ADA@example.com")
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
	if d := defaults(h.status()); len(d) != 1 || d[0] != ada2.ID {
		t.Errorf("defaults %q after use, want %s", d, ada2.ID)
	}
	h.env["MAKE_CONNECT_ACCOUNT"] = grace.ID // one call's choice
	if code, tok, _ := tokenJSONOf(t, h); code != ExitOK || tok.Account != grace.ID {
		t.Errorf("with MAKE_CONNECT_ACCOUNT, token uses %q, want %s", tok.Account, grace.ID)
	}
	// A variable that names an account which is gone is an error that
	// names it, for token and disconnect alike: nothing is removed.
	h.env["MAKE_CONNECT_ACCOUNT"] = "0123456789ab"
	for _, cmd := range [][]string{{"token"}, {"disconnect"}} {
		code, _, errOut := h.run(cmd...)
		if code != ExitUsage || !strings.Contains(errOut, "MAKE_CONNECT_ACCOUNT is set to 0123456789ab, which is not a connected account") {
			t.Errorf("%s with MAKE_CONNECT_ACCOUNT naming no account: exit %d: %s", cmd[0], code, errOut)
		}
	}
	delete(h.env, "MAKE_CONNECT_ACCOUNT")
	if n := len(h.status()); n != 3 {
		t.Fatalf("%d accounts left, want all 3", n)
	}

	// Disconnecting the default clears it: with two left, none is.
	if code, out, errOut := h.run("disconnect"); code != ExitOK || !strings.Contains(out, "Disconnected Ada Lovelace") ||
		!strings.Contains(errOut, "It was the default account") {
		t.Fatalf("disconnect of the default: exit %d: %s %s", code, out, errOut)
	}
	if got, ok := h.savedSettings()["MAKE_CONNECT_ACCOUNT"]; ok {
		t.Errorf("the disconnected default is still saved: %q", got)
	}
	accts = h.status()
	if len(accts) != 2 || accts[0].ID != ada1.ID || accts[1].ID != grace.ID || len(defaults(accts)) != 0 {
		t.Errorf("after disconnecting the default: %+v", accts)
	}
	code, _, errOut = h.run("token")
	if code != ExitUsage || !strings.Contains(errOut, "2 accounts are connected ("+ada1.ID+", "+grace.ID+") and none is the default") ||
		!strings.Contains(errOut, "make-connect use ID") {
		t.Errorf("token with two accounts and no default: exit %d: %s", code, errOut)
	}

	// Connected again later, the person does not take the default back
	// from whoever was chosen since.
	if code, _, errOut := h.run("use", grace.ID); code != ExitOK {
		t.Fatalf("use: exit %d: %s", code, errOut)
	}
	h.env["MAKE_CONNECT_ISSUER"], h.env["MAKE_CONNECT_API_BASE"] = other.Issuer(), other.Issuer()+"/api/v2"
	h.connectAs("ada@example.com")
	h.env["MAKE_CONNECT_ISSUER"], h.env["MAKE_CONNECT_API_BASE"] = first, first+"/api/v2"
	if d := defaults(h.status()); len(d) != 1 || d[0] != grace.ID {
		t.Errorf("defaults %q after the old default came back, want Grace's still", d)
	}

	if code, _, errOut := h.run("use", "nobody@example.com"); code != ExitFailure || !strings.Contains(errOut, "No connected account has the ID or email") {
		t.Errorf("use of an unknown account: exit %d: %s", code, errOut)
	}
	if code, _, errOut := h.run("use"); code != ExitUsage || !strings.Contains(errOut, "Use needs an account") {
		t.Errorf("use without an account: exit %d: %s", code, errOut)
	}
}

// TestSavedDefaultThatIsGone: a saved default naming an account that is
// not connected (removed behind the app's back) is never replaced by the
// one account that is left: token and disconnect refuse, naming
// "make-connect use".
func TestSavedDefaultThatIsGone(t *testing.T) {
	t.Parallel()
	h := newHarness(t, sandbox.Options{})
	h.connectAs("ada@example.com")
	if err := (config.Settings{config.EnvAccount: "0123456789ab"}).Write(h.env["MAKE_CONNECT_CONFIG_DIR"]); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range [][]string{{"token"}, {"disconnect"}} {
		code, _, errOut := h.run(cmd...)
		if code != ExitUsage || !strings.Contains(errOut, "The default account, 0123456789ab, is no longer connected") ||
			!strings.Contains(errOut, "make-connect use ID") {
			t.Errorf("%s with a saved default that is gone: exit %d: %s", cmd[0], code, errOut)
		}
	}
	if n := len(h.status()); n != 1 {
		t.Errorf("%d accounts left, want the one that was there", n)
	}
	// With no account left, there is nothing to choose: the saved
	// default is beside the point, and token says to connect.
	if code, _, errOut := h.run("disconnect", "--account", "ada@example.com"); code != ExitOK {
		t.Fatalf("disconnect: exit %d: %s", code, errOut)
	}
	code, _, errOut := h.run("token")
	if code != ExitFailure || !strings.Contains(errOut, `No Make account is connected. Run "make-connect connect" to connect one.`) ||
		strings.Contains(errOut, "choose") {
		t.Errorf("token with a stale default and no account: exit %d: %s", code, errOut)
	}
}

// TestTokenForScripts: --json names what a script needs, and --min-valid
// renews a token that would not last when it can, and says so when not.
func TestTokenForScripts(t *testing.T) {
	t.Parallel()
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
	if code != ExitFailure || !strings.Contains(errOut, "sooner than the 2h0m0s asked for") {
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
		if code != ExitFailure || !strings.Contains(errOut, "expires in 59m, sooner than the 1h30m0s asked for, and Make gave it no way to renew itself. Run \"make-connect connect\" to sign in again.") {
			t.Errorf("--min-valid 90m without a refresh token: exit %d: %s", code, errOut)
		}
	})
}

// TestStatusCheckAsksMake: accepted while the token works, rejected once
// it was revoked behind the app's back, unreachable when Make is not
// there; without --check, checked is null.
func TestStatusCheckAsksMake(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
	h := newHarness(t, sandbox.Options{})
	h.connectAs("ada@example.com")
	_, old, _ := tokenJSONOf(t, h)
	c := h.startConnect(context.Background())
	if _, _, err := (person.Person{}).Approve(context.Background(), c.authURL); err != nil {
		t.Fatal(err)
	}
	if code := c.wait(t); code != ExitOK || !strings.Contains(c.errText(), "This replaced the account's earlier connection; its old tokens were revoked.") {
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
	t.Parallel()
	cases := []struct {
		name   string
		zones  []string
		scopes string
		note   string
		orgs   int
	}{
		{"one zone, the one set", []string{"eu1.make.com"}, "", "", 1},
		{"one zone, another", []string{"us1.make.com"}, "", "This account's organizations are in us1.make.com; the zone setting says eu1.make.com.", 1},
		{"two zones, short and long names", []string{"us2.make.com", "eu1"}, "", "", 2},
		{"no organizations:read", []string{"us1.make.com"}, "openid user:read", "Zone not checked: the account was not granted organizations:read", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
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
		t.Parallel()
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
