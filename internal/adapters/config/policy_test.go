package config

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const testPolicySource = "/etc/make-connect/policy.json"

func mustPolicy(t *testing.T, body string) Policy {
	t.Helper()
	p, err := ParsePolicyJSON(testPolicySource, []byte(body))
	if err != nil || len(p.Problems) != 0 {
		t.Fatal(err, p.Problems)
	}
	return p
}

// problemOf is the policy's one problem, or its error when it is not a
// policy at all.
func problemOf(p Policy, err error) (*PolicyError, bool) {
	var pe *PolicyError
	if errors.As(err, &pe) {
		return pe, true
	}
	if len(p.Problems) != 1 {
		return nil, false
	}
	return p.Problems[0], true
}

// Every key, read from JSON, lands where the faces look for it, with its
// source.
func TestPolicyReadsEveryKey(t *testing.T) {
	p := mustPolicy(t, `{
		"ClientID": "org-client", "Issuer": "https://sso.example.com", "Zone": "eu2", "Scopes": "openid scenarios:read",
		"RedirectURI": "http://127.0.0.1:53682/callback", "CAFile": "/etc/ssl/org.pem", "Keychain": "kernel",
		"AllowedZones": ["eu2.make.com", "https://make.example.org/api/v2"], "AllowedScopes": ["openid", "scenarios:read"],
		"DisableTokenCopy": true, "MaxAccounts": 3, "ManagedByOrganization": " Example Ltd "}`)
	want := map[string]string{EnvClientID: "org-client", EnvIssuer: "https://sso.example.com", EnvZone: "eu2",
		EnvScopes: "openid scenarios:read", EnvRedirectURI: "http://127.0.0.1:53682/callback", EnvCAFile: "/etc/ssl/org.pem", EnvKeychain: "kernel"}
	for env, v := range want {
		if p.Values[env] != v {
			t.Errorf("%s = %q, want %q", env, p.Values[env], v)
		}
	}
	if !slices.Equal(p.AllowedZones, []string{"eu2.make.com", "make.example.org"}) ||
		!slices.Equal(p.allowedBases, []string{"https://eu2.make.com/api/v2", "https://make.example.org/api/v2"}) ||
		!slices.Equal(p.AllowedScopes, []string{"openid", "scenarios:read"}) ||
		!p.DisableTokenCopy || p.MaxAccounts != 3 || p.ManagedBy != "Example Ltd" {
		t.Errorf("got %+v", p)
	}
	if got := len(p.Sources); got != len(PolicyKeys()) {
		t.Errorf("%d keys have a source, want all %d", got, len(PolicyKeys()))
	}
	for key, source := range p.Sources {
		if source != testPolicySource {
			t.Errorf("%s's source is %q", key, source)
		}
	}
}

// A key the app does not know or a value of the wrong type is a problem
// naming the key and the source: never ignored silently, never quoting
// the value. Only a source that is not a policy at all is an error.
func TestPolicyRefusesWhatItCannotUse(t *testing.T) {
	for _, tc := range []struct {
		name, body, key, words string
	}{
		{"unknown key", `{"ClientId": "x"}`, "ClientId", `there is no policy "ClientId"`},
		{"a number for a text", `{"Zone": 1}`, "Zone", "must be a text that is not empty, not 1"},
		{"an empty text", `{"ClientID": "  "}`, "ClientID", "must be a text that is not empty"},
		{"a text for a list", `{"AllowedZones": "eu1.make.com"}`, "AllowedZones", "must be a list of one or more strings, not a text"},
		{"an empty list", `{"AllowedScopes": []}`, "AllowedScopes", "a list of one or more strings"},
		{"not a zone", `{"AllowedZones": ["http://evil.example"]}`, "AllowedZones", "is not one of Make's zones"},
		{"a text for a boolean", `{"DisableTokenCopy": "yes"}`, "DisableTokenCopy", "must be true or false (1 or 0), not a text"},
		{"too many accounts", `{"MaxAccounts": 0}`, "MaxAccounts", "a whole number from 1 to 1000"},
		{"a fraction", `{"MaxAccounts": 2.5}`, "MaxAccounts", "a whole number from 1 to 1000, not 2.5"},
		{"null", `{"Issuer": null}`, "Issuer", "not nothing (null)"},
		{"not an object", `["ClientID"]`, "", "not a JSON object of policies"},
		{"two objects", `{} {}`, "", "more than one JSON value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ParsePolicyJSON(testPolicySource, []byte(tc.body))
			if (err != nil) != (tc.key == "") {
				t.Errorf("err = %v: only a source that is not a policy is an error", err)
			}
			pe, ok := problemOf(p, err)
			if !ok || string(pe.Key) != tc.key || pe.Source != testPolicySource || !strings.Contains(pe.Error(), tc.words) {
				t.Fatalf("%v, %v: want a PolicyError about %q in %s saying %q", err, p.Problems, tc.key, testPolicySource, tc.words)
			}
			if tc.key != "" && !strings.HasPrefix(pe.Error(), tc.key+" in "+testPolicySource) {
				t.Errorf("%q does not start with the key and the source", pe)
			}
		})
	}
}

// The policy is above the flag, the environment and the saved settings:
// a flag that would change it is an error, an environment variable or a
// saved setting it overrides is ignored with a line saying so.
func TestPolicyPrecedence(t *testing.T) {
	policy := mustPolicy(t, `{"Zone": "eu2.make.com", "ClientID": "org-client"}`)
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

	c, err := Load(nil, env(map[string]string{EnvZone: "us1.make.com"}), Settings{EnvClientID: "mine"}, policy)
	if err != nil {
		t.Fatal(err)
	}
	if c.Zone != "eu2.make.com" || c.Auth.ClientID != "org-client" || c.Sources[EnvZone] != FromPolicy || c.Sources[EnvClientID] != FromPolicy {
		t.Errorf("zone %s, client %s, sources %v", c.Zone, c.Auth.ClientID, c.Sources)
	}
	wantIgnored := []string{
		"MAKE_CONNECT_ZONE in the environment is ignored: your organization's policy sets it (Zone in " + testPolicySource + ").",
		"The ClientID saved in Settings is ignored: your organization's policy sets it (ClientID in " + testPolicySource + ").",
	}
	var ignored []string
	for _, i := range c.Ignored {
		ignored = append(ignored, i.String())
	}
	slices.Sort(ignored)
	if !slices.Equal(ignored, wantIgnored) {
		t.Errorf("ignored = %q\nwant %q", ignored, wantIgnored)
	}
	if got := c.Where(EnvZone); got != "set by your organization's policy: Zone in "+testPolicySource {
		t.Errorf("Where = %q", got)
	}

	// The same value is not overridden: nothing to say.
	c, err = Load(&Flags{Zone: "eu2.make.com"}, env(map[string]string{EnvClientID: "org-client"}), nil, policy)
	if err != nil || len(c.Ignored) != 0 {
		t.Errorf("the policy's own values: err %v, ignored %q", err, c.Ignored)
	}

	_, err = Load(&Flags{Zone: "us1.make.com"}, env(nil), nil, policy)
	var se *SettingError
	if !errors.As(err, &se) || se.Env != EnvZone || se.Source != FromFlag || !errors.Is(err, ErrSetByPolicy) ||
		!strings.Contains(err.Error(), "Zone in "+testPolicySource) || !strings.Contains(err.Error(), "--zone") {
		t.Errorf("a flag against the policy: %v", err)
	}

	// A value the policy sets is checked like any other, when it is read:
	// it is a problem, saying the key and the source, that stops what the
	// key governs (connecting), and the rest applies. The setting stays
	// the policy's: the person's value does not take its place.
	p, err := ParsePolicyJSON(testPolicySource, []byte(`{"RedirectURI": "http://example.com/cb", "Zone": "eu2"}`))
	pe, _ := problemOf(p, err)
	if err != nil || pe == nil || pe.Key != KeyRedirectURI || pe.Fault != BadValue || pe.Source != testPolicySource ||
		p.Values[EnvZone] != "eu2" || p.Stopped(StopsConnect) != pe {
		t.Errorf("a bad redirect URI in the policy: %v, %+v", err, p)
	}
	c, err = Load(nil, env(map[string]string{EnvRedirectURI: "http://127.0.0.1:1/cb"}), nil, p)
	if err != nil || c.Auth.RedirectURI != DefaultRedirectURI || c.Sources[EnvRedirectURI] != FromPolicy || c.Zone != "eu2.make.com" || len(c.Ignored) != 1 {
		t.Errorf("under the rest of the policy: %v, %+v", err, c)
	}
}

func TestPolicyAllowedZones(t *testing.T) {
	policy := mustPolicy(t, `{"AllowedZones": ["us2.make.com", "eu2.make.com"]}`)
	none := func(string) string { return "" }

	c, err := Load(nil, none, nil, policy)
	if err != nil || c.Zone != "us2.make.com" || c.APIBase != "https://us2.make.com/api/v2" {
		t.Errorf("the default zone is not allowed, so the first allowed one: %s %s, %v", c.Zone, c.APIBase, err)
	}
	c, err = Load(nil, none, Settings{EnvZone: "eu2"}, policy)
	if err != nil || c.Zone != "eu2.make.com" {
		t.Errorf("an allowed zone: %s, %v", c.Zone, err)
	}
	var se *SettingError
	_, err = Load(nil, none, Settings{EnvZone: "eu1.make.com"}, policy)
	if !errors.As(err, &se) || se.Env != EnvZone || !errors.Is(err, ErrNotAllowed) || !strings.Contains(err.Error(), "only us2.make.com, eu2.make.com") {
		t.Errorf("a zone not allowed: %v", err)
	}
	// The token goes to the API base: another base under an allowed zone
	// is refused too.
	_, err = Load(&Flags{Zone: "eu2.make.com", APIBase: "https://api.example/v2"}, none, nil, policy)
	if !errors.As(err, &se) || se.Env != EnvAPIBase || !errors.Is(err, ErrNotAllowed) {
		t.Errorf("an API base not allowed: %v", err)
	}
	c, err = Load(nil, none, nil, Policy{})
	if err != nil || c.Zone != "eu1.make.com" {
		t.Errorf("no policy: %s, %v", c.Zone, err)
	}
}

func TestPolicyAllowedScopes(t *testing.T) {
	none := func(string) string { return "" }
	c, err := Load(nil, none, nil, mustPolicy(t, `{"AllowedScopes": ["openid", "organizations:read", "scenarios:read"]}`))
	if err != nil || !slices.Equal(c.Auth.Scopes, []string{"openid", "organizations:read"}) {
		t.Errorf("the default scopes narrowed to the allowed: %v, %v", c.Auth.Scopes, err)
	}
	c, err = Load(nil, none, nil, mustPolicy(t, `{"AllowedScopes": ["scenarios:read"]}`))
	if err != nil || !slices.Equal(c.Auth.Scopes, []string{"scenarios:read"}) {
		t.Errorf("no default scope allowed: the allowed ones: %v, %v", c.Auth.Scopes, err)
	}
	var se *SettingError
	_, err = Load(nil, func(k string) string { return map[string]string{EnvScopes: "openid scenarios:write"}[k] }, nil,
		mustPolicy(t, `{"AllowedScopes": ["openid", "scenarios:read"]}`))
	if !errors.As(err, &se) || se.Env != EnvScopes || se.Source != FromEnvironment || !errors.Is(err, ErrNotAllowed) ||
		!strings.Contains(err.Error(), "scenarios:write") {
		t.Errorf("a scope not allowed: %v", err)
	}
}

// Policy.Rules and the stronger source winning when two are merged (the
// registry's HKLM over HKCU).
func TestPolicyMergeAndRules(t *testing.T) {
	machine := policyFrom(`HKLM\Software\Policies\MakeConnect`, map[string]any{"Zone": "eu2.make.com", "MaxAccounts": uint64(2)})
	user := policyFrom(`HKCU\Software\Policies\MakeConnect`, map[string]any{"Zone": "us1.make.com", "ManagedByOrganization": "Example Ltd",
		"AllowedZones": []string{"eu2.make.com"}, "DisableTokenCopy": uint64(1)})
	machine.merge(user)
	if machine.Values[EnvZone] != "eu2.make.com" || machine.Sources["Zone"] != `HKLM\Software\Policies\MakeConnect` ||
		machine.ManagedBy != "Example Ltd" || !machine.DisableTokenCopy || machine.MaxAccounts != 2 ||
		!slices.Equal(machine.allowedBases, []string{"https://eu2.make.com/api/v2"}) {
		t.Errorf("merged: %+v", machine)
	}
	want := []string{
		`ManagedByOrganization: Example Ltd (HKCU\Software\Policies\MakeConnect)`,
		`AllowedZones: eu2.make.com (HKCU\Software\Policies\MakeConnect)`,
		`MaxAccounts: 2 (HKLM\Software\Policies\MakeConnect)`,
		`DisableTokenCopy: the window does not copy access tokens (HKCU\Software\Policies\MakeConnect)`,
	}
	var got []string
	for _, r := range machine.Rules() {
		got = append(got, r.String())
	}
	if !slices.Equal(got, want) {
		t.Errorf("rules %q\nwant %q", got, want)
	}
}

// The property lists an MDM profile installs, XML and binary, read by the
// same keys; the profile's own Payload keys are not policies.
func TestPolicyPlist(t *testing.T) {
	for _, name := range []string{"policy.plist", "policy-binary.plist"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		p, err := parsePolicyPlist(name, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if p.Values[EnvClientID] != "org-client" || !slices.Equal(p.AllowedZones, []string{"eu2.make.com"}) ||
			!p.DisableTokenCopy || p.MaxAccounts != 2 || p.ManagedBy != "Example Ltd" {
			t.Errorf("%s: %+v", name, p)
		}
	}
	p, err := parsePolicyPlist("bad.plist", []byte(`<plist><dict><key>Zone</key><integer>3</integer></dict></plist>`))
	if pe, _ := problemOf(p, err); err != nil || pe == nil || pe.Key != "Zone" {
		t.Errorf("a number for the zone: %v, %v", err, p.Problems)
	}
}

// Each setting the policy sets is the one the connect flow uses.
func TestPolicySetsEachSetting(t *testing.T) {
	c, err := Load(nil, func(string) string { return "" }, nil, mustPolicy(t, `{
		"ClientID": "org-client", "Issuer": "https://sso.example.com", "Zone": "us2", "Scopes": "openid scenarios:read",
		"RedirectURI": "http://127.0.0.1:53682/callback", "CAFile": "/etc/ssl/org.pem", "Keychain": "kernel"}`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Auth.ClientID != "org-client" || c.Auth.Issuer != "https://sso.example.com" || c.Zone != "us2.make.com" ||
		c.APIBase != "https://us2.make.com/api/v2" || !slices.Equal(c.Auth.Scopes, []string{"openid", "scenarios:read"}) ||
		c.Auth.RedirectURI != "http://127.0.0.1:53682/callback" || c.CAFile != "/etc/ssl/org.pem" || c.Keychain != "kernel" {
		t.Errorf("got %+v", c)
	}
	for _, env := range []string{EnvClientID, EnvIssuer, EnvZone, EnvScopes, EnvRedirectURI, EnvCAFile, EnvKeychain} {
		if c.Sources[env] != FromPolicy {
			t.Errorf("%s comes from %v", env, c.Sources[env])
		}
	}
	p, err := ParsePolicyJSON(testPolicySource, []byte(`{"Keychain": "file"}`))
	if pe, _ := problemOf(p, err); pe == nil || pe.Key != KeyKeychain || pe.Fault != BadValue || p.Stopped(StopsKeychain) != pe {
		t.Errorf("a keychain the app does not have: %v, %v", err, p.Problems)
	}
}

// Every problem at once: each bad policy key is reported and skipped, the
// rest applies; each setting that cannot work is reported by Load.
func TestEveryProblemAtOnce(t *testing.T) {
	p, err := ParsePolicyJSON(testPolicySource, []byte(`{"Zome": "x", "MaxAccounts": "two", "Zone": "garbage",
		"ManagedByOrganization": "Example Ltd", "DisableTokenCopy": true}`))
	var keys []Key
	for _, pe := range p.Problems {
		keys = append(keys, pe.Key)
	}
	if err != nil || !slices.Equal(keys, []Key{KeyMaxAccounts, "Zome", KeyZone}) || p.ManagedBy != "Example Ltd" || !p.DisableTokenCopy {
		t.Errorf("problems about %v (%v); applied %+v", keys, err, p)
	}
	env := map[string]string{EnvTimeout: "soon", EnvIssuer: "http://example.com", EnvKeychain: "file"}
	_, err = Load(&Flags{Zone: "garbage", RedirectURI: "http://localhost:1/cb"}, func(k string) string { return env[k] }, nil, Policy{})
	var envs []string
	for _, e := range ProblemsIn(err) {
		var se *SettingError
		if !errors.As(e, &se) {
			t.Fatalf("%v is not a SettingError", e)
		}
		envs = append(envs, se.Env)
	}
	slices.Sort(envs)
	want := []string{EnvIssuer, EnvKeychain, EnvRedirectURI, EnvTimeout, EnvZone}
	slices.Sort(want)
	if !slices.Equal(envs, want) {
		t.Errorf("problems about %v, want %v", envs, want)
	}
}
