package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/core/accounts"
	"github.com/make-connect/make-connect/internal/testkit/keychaintest"
	"github.com/make-connect/make-connect/internal/testkit/person"
	"github.com/make-connect/make-connect/internal/testkit/sandbox"
)

const policyFile = "/etc/make-connect/policy.json"

func policyOf(t *testing.T, body string) config.Policy {
	t.Helper()
	p, err := config.ParsePolicyJSON(policyFile, []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// The organization's policy over every command: a flag against it is a
// usage error, an environment variable it overrides is said on stderr,
// doctor lists it, MaxAccounts refuses a new account after its sign-in
// (and withdraws what Make gave), and a policy that cannot be read stops
// every command with the key and the source.
func TestManagedPolicy(t *testing.T) {
	t.Parallel()
	h := newHarness(t, sandbox.Options{})
	h.policy = policyOf(t, `{"ClientID": "make-connect-test", "Scopes": "openid user:read organizations:read",
		"MaxAccounts": 1, "ManagedByOrganization": "Example Ltd"}`)

	code, _, errOut := h.run("status", "--client-id", "another-client")
	if code != ExitUsage || !strings.Contains(errOut, "Your organization's policy sets this to another value") ||
		!strings.Contains(errOut, "ClientID in "+policyFile) || !strings.Contains(errOut, "Leave it out") {
		t.Errorf("a flag against the policy: exit %d: %s", code, errOut)
	}

	h.env[config.EnvScopes] = "openid"
	code, _, errOut = h.run("status")
	if code != ExitOK || !strings.Contains(errOut, "make-connect: MAKE_CONNECT_SCOPES in the environment is ignored: "+
		"your organization's policy sets it (Scopes in "+policyFile+").") {
		t.Errorf("an overridden variable: exit %d: %s", code, errOut)
	}

	code, out, _ := h.run("doctor", "--json")
	var report struct {
		Checks []struct{ Name, Status, Message string }
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatalf("doctor --json (exit %d): %v", code, err)
	}
	var lines []string
	for _, c := range report.Checks {
		lines = append(lines, c.Name+": "+c.Message)
	}
	all := strings.Join(lines, "\n")
	for _, want := range []string{
		"client ID: make-connect-test (set by your organization's policy: ClientID in " + policyFile + ")",
		"policy: ManagedByOrganization: Example Ltd (" + policyFile + ")",
		"policy: MaxAccounts: 1 (" + policyFile + ")",
		"ignored: MAKE_CONNECT_SCOPES in the environment is ignored",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("doctor does not say %q:\n%s", want, all)
		}
	}

	h.connectAs("ada@example.com")
	// At the limit, connect says so before anyone signs in; a reconnect
	// named with --account is not one more.
	code, _, errOut = h.run("connect", "--no-browser")
	if code != ExitFailure || !strings.Contains(errOut, "Your organization allows at most one connected account on this computer") ||
		!strings.Contains(errOut, "connect --account ID") || !strings.Contains(errOut, "no sign-in was wasted") || strings.Contains(errOut, "authorize?") {
		t.Errorf("a connect at MaxAccounts 1: exit %d: %s", code, errOut)
	}
	c := h.startConnect(context.Background(), "--account", "ada@example.com")
	if _, _, err := (person.Person{Email: "ada@example.com"}).Approve(context.Background(), c.authURL); err != nil {
		t.Fatal(err)
	}
	if code := c.wait(t); code != ExitOK {
		t.Errorf("a reconnect at MaxAccounts 1: exit %d: %s", code, c.errText())
	}
	// Whoever signs in during a reconnect is checked again when the
	// account is kept: someone else is one more.
	c = h.startConnect(context.Background(), "--account", "ada@example.com")
	if _, _, err := (person.Person{Email: "grace@example.com"}).Approve(context.Background(), c.authURL); err != nil {
		t.Fatal(err)
	}
	if code := c.wait(t); code != ExitFailure || !strings.Contains(c.errText(), "Your organization allows at most one connected account on this computer") ||
		!strings.Contains(c.errText(), "Make was told to withdraw the access it just gave") {
		t.Errorf("a second account under MaxAccounts 1: exit %d: %s", code, c.errText())
	}
	if accts := h.status(); len(accts) != 1 || accts[0].Email != "ada@example.com" {
		t.Errorf("accounts after the refused one: %+v", accts)
	}

	// A key the app does not know is said, and ignored.
	h.policy, h.policyErr = config.ParsePolicyJSON(policyFile, []byte(`{"Zome": "eu2.make.com", "ClientID": "make-connect-test"}`))
	code, _, errOut = h.run("token")
	if code != ExitOK || !strings.Contains(errOut, "Your organization's policy has a value Make Connect ignores, Zome (Zome in "+policyFile) {
		t.Errorf("a policy with an unknown key: exit %d: %s", code, errOut)
	}

	_, h.policyErr = config.ParsePolicyJSON(policyFile, []byte(`{"Zome": `))
	if h.policyErr == nil {
		t.Fatal("a policy that is not JSON was read")
	}
	code, _, errOut = h.run("token")
	if code != ExitFailure || !strings.Contains(errOut, "Your organization's policy for Make Connect cannot be used, so nothing was done ("+policyFile) ||
		!strings.Contains(errOut, "Ask whoever manages this computer") {
		t.Errorf("a policy that cannot be used: exit %d: %s", code, errOut)
	}
}

// The policy's Zone fixes the API base, where the access token goes:
// MAKE_CONNECT_API_BASE is ignored and said, --api-base is a usage error,
// and doctor shows the zone's API base.
func TestPolicyZoneFixesTheAPIBase(t *testing.T) {
	env := map[string]string{config.EnvClientID: "test-client", config.EnvConfigDir: t.TempDir(),
		config.EnvKeyringService: "com.makeconnect.cli-test.zone", config.EnvIssuer: "http://127.0.0.1:9",
		config.EnvAPIBase: "https://attacker.example/api/v2"}
	run := func(args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		code := Run(context.Background(), Env{Stdout: &out, Stderr: &errOut, Getenv: func(k string) string { return env[k] }, GOOS: "linux",
			NewStore: func(config.Config) (accounts.Store, error) { s, _ := keychaintest.Memory("zone"); return s, nil },
			ReadPolicy: func() (config.Policy, error) {
				return config.ParsePolicyJSON(policyFile, []byte(`{"Zone": "eu2.make.com"}`))
			},
		}, args)
		return code, out.String(), errOut.String()
	}
	_, out, errOut := run("doctor")
	if !strings.Contains(out, "zone: eu2.make.com, API https://eu2.make.com/api/v2 (set by your organization's policy: Zone in "+policyFile+")") ||
		strings.Contains(out, "API https://attacker.example") ||
		!strings.Contains(errOut, "MAKE_CONNECT_API_BASE in the environment is ignored: your organization's policy sets it (Zone in "+policyFile+").") {
		t.Errorf("doctor under a policy Zone and MAKE_CONNECT_API_BASE:\n%s\nstderr:\n%s", out, errOut)
	}
	code, _, errOut := run("status", "--api-base", "https://attacker.example/api/v2")
	if code != ExitUsage || !strings.Contains(errOut, "Zone in "+policyFile) {
		t.Errorf("--api-base against the policy's Zone: exit %d: %s", code, errOut)
	}
}
