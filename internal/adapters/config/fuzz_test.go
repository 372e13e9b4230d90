package config

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"howett.net/plist"
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
	f.Add("", "", "", "com.makeconnect.app://host/cb", "", "")
	f.Add("", "", "", "https://u:p@intranet.example/cb?x#y", "", "")
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
		if !safeRedirect(c.Auth.RedirectURI) {
			t.Fatalf("accepted the redirect URI %q", c.Auth.RedirectURI)
		}
		if c.Auth.Timeout <= 0 {
			t.Fatalf("accepted the timeout %v", c.Auth.Timeout)
		}
	})
}

// safeRedirect reports whether the browser comes back to raw only on this
// computer (a loopback IP), to this app (its own scheme, no host) or
// encrypted to a page named by its host (https, no user name).
func safeRedirect(raw string) bool {
	r, err := url.Parse(raw)
	if err != nil || r.RawQuery != "" || r.Fragment != "" || r.User != nil {
		return false
	}
	switch r.Scheme {
	case "http":
		ip := net.ParseIP(r.Hostname())
		return ip != nil && ip.IsLoopback()
	case "https":
		return r.Hostname() != ""
	}
	return r.Scheme == Scheme() && r.Host == "" && r.Opaque == "" && strings.HasPrefix(r.Path, "/") && !strings.HasPrefix(r.Path, "//")
}

// FuzzPolicy reads an arbitrary policy file: see checkPolicy.
func FuzzPolicy(f *testing.F) {
	f.Add(`{"Zone": "eu2", "MaxAccounts": 3, "AllowedZones": ["eu1.make.com"], "DisableTokenCopy": true}`)
	f.Add(`{"Zome": 1, "MaxAccounts": 1e400, "AllowedScopes": [null, "x"], "DisableTokenCopy": 2, "Issuer": {"a": []}}`)
	f.Add(`{"RedirectURI": "http://localhost:1/cb", "Keychain": "file", "Scopes": "\"", "MaxAccounts": -9223372036854775809}`)
	f.Add(`{"AllowedZones": [], "ClientID": "  ", "CAFile": 1.5, "ManagedByOrganization": ["x"]} {}`)
	f.Add(`{"Zone": "https://make.example.org/api/v2", "Zone": "us1"}`)
	f.Fuzz(func(t *testing.T, body string) {
		p, err := ParsePolicyJSON("policy.json", []byte(body))
		var names map[string]any
		dec := json.NewDecoder(strings.NewReader(body))
		dec.UseNumber()
		if dec.Decode(&names) != nil || dec.More() {
			names = nil
		}
		checkPolicy(t, "policy.json", p, err, len(names))
	})
}

// FuzzPolicyPlist reads an arbitrary property list, XML or binary, as
// macOS's managed preferences: see checkPolicy.
func FuzzPolicyPlist(f *testing.F) {
	for _, name := range []string{"policy.plist", "policy-binary.plist"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`<plist><dict><key>Zone</key><integer>3</integer><key>zone</key><string>eu2</string><key>MaxAccounts</key><real>2</real></dict></plist>`))
	f.Add([]byte(`<plist><dict><key>AllowedZones</key><array><string>eu1</string><data>AAA=</data></array><key>DisableTokenCopy</key><true/></dict></plist>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := parsePolicyPlist("policy.plist", data)
		var names map[string]any
		if _, perr := plist.Unmarshal(data, &names); perr != nil {
			names = nil
		}
		for _, k := range []string{"PayloadUUID", "PayloadType", "PayloadVersion", "PayloadIdentifier", "PayloadDisplayName"} {
			delete(names, k)
		}
		checkPolicy(t, "policy.plist", p, err, len(names))
	})
}

// FuzzPolicyRegistry reads two arbitrary registry values, by name, type
// and bytes, as Windows' reader hands them over: see checkPolicy.
func FuzzPolicyRegistry(f *testing.F) {
	utf16z := func(ss ...string) []byte {
		var b []byte
		for _, s := range ss {
			for _, u := range utf16.Encode([]rune(s)) {
				b = binary.LittleEndian.AppendUint16(b, u)
			}
			b = append(b, 0, 0)
		}
		return b
	}
	f.Add("clientid", uint32(regSZ), utf16z("org-client"), "", uint32(regSZ), utf16z("x"))
	f.Add("AllowedZones", uint32(regMultiSZ), utf16z("eu1.make.com", "eu2", ""), "MAXACCOUNTS", uint32(regDWORD), []byte{3, 0, 0, 0})
	f.Add("DisableTokenCopy", uint32(regQWORD), []byte{1, 0, 0, 0, 0, 0, 0, 0}, "Zone", uint32(regExpandSZ), utf16z("%ZONE%"))
	f.Add("Zone", uint32(regSZ), utf16z("eu2"), "zone", uint32(regDWORD), []byte{1, 2, 3})
	f.Add("MaxAccounts", uint32(regBinary), []byte{1}, "NewerKey", uint32(regSZ), []byte{0xff})
	f.Fuzz(func(t *testing.T, name1 string, type1 uint32, data1 []byte, name2 string, type2 uint32, data2 []byte) {
		const source = `HKLM\Software\Policies\MakeConnect`
		p := policyFromRegistry(source, []registryValue{{Name: name1, Type: type1, Data: data1}, {Name: name2, Type: type2, Data: data2}})
		checkPolicy(t, source, p, nil, 2)
	})
}

// checkPolicy: reading a policy did not panic (the fuzzer sees one); it
// is an error only when the source is not a policy at all; each of its
// names is applied, a problem or shadowed — exactly one, never dropped
// silently; every value applied is one a setting's check or the key's own
// accepts; and no environment, flag or saved setting steers around it:
// each setting it decides comes from the policy, and a key it could not
// use stops what it governs.
func checkPolicy(t *testing.T, source string, p Policy, err error, names int) {
	t.Helper()
	if err != nil {
		var pe *PolicyError
		if !errors.As(err, &pe) || pe.Key != "" || pe.Source != source || pe.Error() == "" {
			t.Fatalf("an error that is not about the source: %#v", err)
		}
		return
	}
	if got := len(p.Sources) + len(p.Problems) + len(p.Shadowed); got != names {
		t.Fatalf("%d names read, %d applied, %d problems, %d shadowed", names, len(p.Sources), len(p.Problems), len(p.Shadowed))
	}
	for _, pe := range p.Problems {
		if pe.Source != source || pe.Key == "" || pe.Error() == "" {
			t.Fatalf("a problem that is not about a key of the source: %#v", pe)
		}
		if _, applied := p.Sources[pe.Key]; applied {
			t.Fatalf("%s both applied and a problem", pe.Key)
		}
		if d, known := Lookup(pe.Key); known && d.Stops != StopsNothing && p.Stopped(d.Stops) == nil {
			t.Fatalf("%s cannot be used, and nothing is stopped", pe.Key)
		}
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
	if p.Stopped(StopsTokenCopy) != nil && !p.DisableTokenCopy {
		t.Fatalf("DisableTokenCopy cannot be used, and the window copies tokens")
	}
	// Under the hostile environment: no panic, a problem is a
	// *SettingError, and what the policy decides is the policy's.
	c, err := Load(nil, func(k string) string { return hostile[k] }, nil, p)
	for _, e := range ProblemsIn(err) {
		if _, ok := e.(*SettingError); !ok {
			t.Fatalf("Load's problem %#v is not a SettingError", e)
		}
	}
	for env := range hostile {
		if _, locked := p.Locks(env); locked && c.Sources[env] != FromPolicy {
			t.Fatalf("%s is the policy's, and comes from %v", env, c.Sources[env])
		}
	}
	if _, locked := p.Locks(EnvZone); locked && err == nil && c.APIBase == hostile[EnvAPIBase] {
		t.Fatalf("the policy sets the zone, and the token goes to %s", c.APIBase)
	}
}
