package config

import (
	"encoding/binary"
	"fmt"
	"slices"
	"testing"
	"unicode/utf16"
)

// Each key, in turn, with a value of no kind any key takes: it is a
// problem naming the key; it stops what its definition says and nothing
// else; a setting it locks stays locked (the hostile environment does not
// take its place); and the rest of the policy applies.
func TestABadKeyStopsOnlyWhatItGoverns(t *testing.T) {
	stops := []Stop{StopsConnect, StopsRequests, StopsKeychain, StopsTokenCopy}
	for _, d := range Definitions() {
		t.Run(string(d.Key), func(t *testing.T) {
			p, err := ParsePolicyJSON(testPolicySource, []byte(fmt.Sprintf(`{%q: {"a": 1}, "ManagedByOrganization": "Example Ltd", "Scopes": "openid"}`, d.Key)))
			if d.Key == KeyManagedBy || d.Key == KeyScopes {
				p, err = ParsePolicyJSON(testPolicySource, []byte(fmt.Sprintf(`{%q: {"a": 1}, "MaxAccounts": 3}`, d.Key)))
			}
			if err != nil || len(p.Problems) != 1 || p.Problems[0].Key != d.Key || p.Problems[0].Fault != WrongType {
				t.Fatalf("err %v, problems %v", err, p.Problems)
			}
			for _, s := range stops {
				if got := p.Stopped(s); (got != nil) != (s == d.Stops) {
					t.Errorf("stop %d: %v (the key stops %d)", s, got, d.Stops)
				}
			}
			if len(p.Sources) != 2-boolInt(d.Key == KeyManagedBy || d.Key == KeyScopes) {
				t.Errorf("the rest does not apply: %v", p.Sources)
			}
			c, err := Load(nil, func(k string) string { return hostile[k] }, nil, p)
			for env := range hostile {
				if PolicyKey(env) == d.Key && c.Sources[env] != FromPolicy {
					t.Errorf("%s falls back to the %v, %v", env, c.Sources[env], err)
				}
			}
			if d.Key == KeyDisableTokenCopy && !c.Policy.DisableTokenCopy {
				t.Errorf("a DisableTokenCopy that cannot be used lets the window copy tokens")
			}
		})
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func utf16z(ss ...string) []byte {
	var b []byte
	for _, s := range ss {
		for _, u := range utf16.Encode([]rune(s)) {
			b = binary.LittleEndian.AppendUint16(b, u)
		}
		b = append(b, 0, 0)
	}
	return append(b, 0, 0)
}

func dword(n uint32) []byte { return binary.LittleEndian.AppendUint32(nil, n) }

// The registry's values as Windows' reader hands them over: a name in
// any case is the key's, as Windows matches names; the default value and
// a name a newer template added are reported and ignored; a type or size
// no key takes is a problem of its key alone.
func TestPolicyFromRegistry(t *testing.T) {
	const source = `HKLM\Software\Policies\MakeConnect`
	p := policyFromRegistry(source, []registryValue{
		{Name: "clientid", Type: regSZ, Data: utf16z("org-client")},
		{Name: "ZONE", Type: regExpandSZ, Data: utf16z("eu2")},
		{Name: "allowedZones", Type: regMultiSZ, Data: utf16z("eu2.make.com", "us1")},
		{Name: "disabletokencopy", Type: regDWORD, Data: dword(0)},
		{Name: "MaxAccounts", Type: regDWORD, Data: []byte{3, 0}},
		{Name: "", Type: regSZ, Data: utf16z("left by regedit")},
		{Name: "SomeNewerKey", Type: regBinary, Data: []byte{1}},
		{Name: "ManagedByOrganization", Type: regSZ, Err: fmt.Errorf("access denied")},
	})
	if p.Values[EnvClientID] != "org-client" || p.Values[EnvZone] != "eu2" || p.Values[EnvAPIBase] != "https://eu2.make.com/api/v2" ||
		!slices.Equal(p.AllowedZones, []string{"eu2.make.com", "us1.make.com"}) || p.DisableTokenCopy || p.Sources[KeyClientID] != source {
		t.Errorf("applied %+v", p)
	}
	var got []string
	for _, pe := range p.Problems {
		got = append(got, fmt.Sprintf("%s %d", pe.Key, pe.Fault))
	}
	want := []string{fmt.Sprintf("MaxAccounts %d", WrongType), fmt.Sprintf("ManagedByOrganization %d", Unreadable),
		fmt.Sprintf("(Default) %d", UnknownKey), fmt.Sprintf("SomeNewerKey %d", UnknownKey)}
	if !slices.Equal(got, want) {
		t.Errorf("problems %q, want %q", got, want)
	}
	if p.Stopped(StopsConnect) == nil || p.Stopped(StopsConnect).Key != KeyMaxAccounts || p.Stopped(StopsNothing) != nil {
		t.Errorf("a MaxAccounts of two bytes does not stop connecting: %v", p.Stopped(StopsConnect))
	}
}

// HKLM over HKCU: HKLM's value wins, HKCU's is listed as shadowed —
// conflicting when it differs or cannot be used — and a key HKLM cannot
// use stays stopped rather than taking HKCU's value.
func TestPolicyShadowed(t *testing.T) {
	const hklm, hkcu = `HKLM\Software\Policies\MakeConnect`, `HKCU\Software\Policies\MakeConnect`
	p := policyFromRegistry(hklm, []registryValue{
		{Name: "Zone", Type: regSZ, Data: utf16z("eu2.make.com")},
		{Name: "ClientID", Type: regSZ, Data: utf16z("org-client")},
		{Name: "AllowedZones", Type: regDWORD, Data: dword(1)}, // a number for a list
	})
	p.merge(policyFromRegistry(hkcu, []registryValue{
		{Name: "zone", Type: regSZ, Data: utf16z("us1.make.com")},
		{Name: "ClientID", Type: regSZ, Data: utf16z("org-client")},
		{Name: "AllowedZones", Type: regMultiSZ, Data: utf16z("us1.make.com")},
		{Name: "MaxAccounts", Type: regDWORD, Data: dword(0)},
	}))
	if p.Values[EnvZone] != "eu2.make.com" || len(p.AllowedZones) != 0 || p.Stopped(StopsConnect) == nil || p.Stopped(StopsConnect).Source != hklm {
		t.Errorf("merged %+v", p)
	}
	var got []string
	for _, s := range p.Shadowed {
		got = append(got, s.String())
	}
	want := []string{
		`ClientID in HKCU\Software\Policies\MakeConnect is overridden by ClientID in HKLM\Software\Policies\MakeConnect (the same value)`,
		`AllowedZones in HKCU\Software\Policies\MakeConnect is overridden by AllowedZones in HKLM\Software\Policies\MakeConnect (a different value)`,
		`Zone in HKCU\Software\Policies\MakeConnect is overridden by Zone in HKLM\Software\Policies\MakeConnect (a different value)`,
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("shadowed\n%q\nwant\n%q", got, want)
	}
	if len(p.Problems) != 2 { // HKLM's AllowedZones, HKCU's MaxAccounts (no stronger value)
		t.Errorf("problems %v", p.Problems)
	}
}

// A list may be a REG_SZ of entries separated by commas or spaces, as the
// MSI's and the setup's presets write it; an empty one is no list.
func TestRegistryTextList(t *testing.T) {
	const hklm = `HKLM\Software\Policies\MakeConnect`
	p := policyFromRegistry(hklm, []registryValue{
		{Name: "AllowedZones", Type: regSZ, Data: utf16z("eu2.make.com, us1.make.com")},
		{Name: "AllowedScopes", Type: regExpandSZ, Data: utf16z("openid user:read,organizations:read")},
	})
	if !slices.Equal(p.AllowedZones, []string{"eu2.make.com", "us1.make.com"}) ||
		!slices.Equal(p.AllowedScopes, []string{"openid", "user:read", "organizations:read"}) || len(p.Problems) != 0 {
		t.Errorf("read %+v", p)
	}
	p = policyFromRegistry(hklm, []registryValue{{Name: "AllowedZones", Type: regSZ, Data: utf16z(" ")}})
	if len(p.Problems) != 1 || p.Problems[0].Fault != WrongType || len(p.AllowedZones) != 0 {
		t.Errorf("an empty text for a list: %+v", p)
	}
}

// A number of the right type outside what the key takes says the range
// and the number, from the registry as from JSON.
func TestNumberOutOfRange(t *testing.T) {
	const hklm = `HKLM\Software\Policies\MakeConnect`
	p := policyFromRegistry(hklm, []registryValue{
		{Name: "MaxAccounts", Type: regDWORD, Data: dword(0)},
		{Name: "DisableTokenCopy", Type: regDWORD, Data: dword(2)},
	})
	var got []string
	for _, pe := range p.Problems {
		if pe.Fault != OutOfRange {
			t.Errorf("%s: fault %d, not OutOfRange", pe.Key, pe.Fault)
		}
		got = append(got, pe.Error())
	}
	want := []string{
		`DisableTokenCopy in HKLM\Software\Policies\MakeConnect: it must be true or false (1 or 0), not 2`,
		`MaxAccounts in HKLM\Software\Policies\MakeConnect: it must be a whole number from 1 to 1000, not 0`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems\n%q\nwant\n%q", got, want)
	}
}
