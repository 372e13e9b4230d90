package config

import (
	"net"
	"net/url"
	"strings"
	"testing"
)

// FuzzLoad reads arbitrary settings from the environment: no panic, and
// whatever is accepted can be used safely — the token goes only to an
// https API base without user info (or a loopback IP), the browser comes
// back only to a loopback IP, and every scope can be sent as one.
func FuzzLoad(f *testing.F) {
	f.Add("eu1.make.com", "", "", "", "", "")
	f.Add("eu1", "https://make.example.org/api/v2", "https://www.make.com", "http://127.0.0.1:0/callback", "openid user:read", "5m")
	f.Add("eu1.make.com/../evil", "http://localhost/api", "http://make.example", "http://localhost:1/cb", "a\"b", "-1s")
	f.Add("https://u:p@evil.example/api/v2", "https://[::1]:80/x", "https://", "http://[::1]:80/callback", "openid,,", "1h")
	f.Fuzz(func(t *testing.T, zone, apiBase, issuer, redirect, scopes, timeout string) {
		env := map[string]string{EnvZone: zone, EnvAPIBase: apiBase, EnvIssuer: issuer, EnvRedirectURI: redirect, EnvScopes: scopes, EnvTimeout: timeout}
		c, err := Load(nil, func(k string) string { return env[k] }, nil, Policy{})
		if err != nil {
			return
		}
		u, perr := url.Parse(c.APIBase)
		if perr != nil || u.User != nil || CheckEndpoint("API base", c.APIBase) != nil {
			t.Fatalf("accepted the API base %q", c.APIBase)
		}
		if u.Scheme == "http" {
			if ip := net.ParseIP(u.Hostname()); ip == nil || !ip.IsLoopback() {
				t.Fatalf("accepted plain http to %q", u.Host)
			}
		}
		if c.Zone == "" || strings.ContainsAny(c.Zone, "/?#@ ") {
			t.Fatalf("accepted the zone %q", c.Zone)
		}
		if CheckRedirectURI(c.Auth.RedirectURI) != nil || CheckScopes(c.Auth.Scopes) != nil || CheckEndpoint("issuer", c.Auth.Issuer) != nil {
			t.Fatalf("accepted %+v", c.Auth)
		}
		if r, _ := url.Parse(c.Auth.RedirectURI); r == nil || net.ParseIP(r.Hostname()) == nil || !net.ParseIP(r.Hostname()).IsLoopback() {
			t.Fatalf("accepted the redirect URI %q", c.Auth.RedirectURI)
		}
		if c.Auth.Timeout <= 0 {
			t.Fatalf("accepted the timeout %v", c.Auth.Timeout)
		}
	})
}

// FuzzPolicy reads an arbitrary policy file: no panic; a key is either
// applied or reported, never both, never silently dropped; and every key
// applied is one a setting's check or the key's own accepts.
func FuzzPolicy(f *testing.F) {
	f.Add(`{"Zone": "eu2", "MaxAccounts": 3, "AllowedZones": ["eu1.make.com"], "DisableTokenCopy": true}`)
	f.Add(`{"Zome": 1, "MaxAccounts": 1e400, "AllowedScopes": [null, "x"], "DisableTokenCopy": 2, "Issuer": {"a": []}}`)
	f.Add(`{"RedirectURI": "http://localhost:1/cb", "Keychain": "file", "Scopes": "\"", "MaxAccounts": -9223372036854775809}`)
	f.Add(`{"AllowedZones": [], "ClientID": "  ", "CAFile": 1.5, "ManagedByOrganization": ["x"]} {}`)
	f.Fuzz(func(t *testing.T, body string) {
		p, err := ParsePolicyJSON("policy.json", []byte(body))
		problems := ProblemsIn(err)
		reported := map[Key]bool{}
		for _, e := range problems {
			pe, ok := e.(*PolicyError)
			if !ok || pe.Source != "policy.json" || pe.Error() == "" {
				t.Fatalf("a problem that is not a PolicyError about the file: %#v", e)
			}
			reported[pe.Key] = true
			if _, applied := p.Sources[pe.Key]; applied && pe.Key != "" {
				t.Fatalf("%s both applied and reported", pe.Key)
			}
		}
		if len(p.Problems) != 0 && len(p.Problems) != len(problems) {
			t.Fatalf("Policy.Problems %d, err %d", len(p.Problems), len(problems))
		}
		for env, v := range p.Values {
			if checkSetting(env, v) != nil {
				t.Fatalf("applied %s = %q, which its check refuses", env, v)
			}
		}
		if p.MaxAccounts != 0 && (p.MaxAccounts < 1 || p.MaxAccounts > 1000) {
			t.Fatalf("applied MaxAccounts %d", p.MaxAccounts)
		}
		if len(p.AllowedZones) != len(p.allowedBases) || CheckScopes(p.AllowedScopes) != nil && p.AllowedScopes != nil {
			t.Fatalf("applied %+v", p)
		}
		// Load under whatever was applied: no panic, and a problem is a
		// *SettingError.
		_, err = Load(nil, func(string) string { return "" }, nil, p)
		for _, e := range ProblemsIn(err) {
			if _, ok := e.(*SettingError); !ok {
				t.Fatalf("Load's problem %#v is not a SettingError", e)
			}
		}
	})
}
