package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// An organization that deploys Make Connect can preset and lock what its
// people may change: the managed policy. It is read-only to the person,
// above every other source, and read the same by the window and every
// command:
//   - Windows: HKLM\Software\Policies\MakeConnect, then
//     HKCU\Software\Policies\MakeConnect (Group Policy writes both; only
//     administrators can), a value in HKLM winning;
//   - macOS: /Library/Managed Preferences/com.makeconnect.app.plist (what
//     an MDM profile installs), XML or binary;
//   - Linux and the BSDs: /etc/make-connect/policy.json, refused unless
//     root alone can change it.
// A policy degrades per key, as Chrome's does: an unknown key, a value of
// the wrong type or one that cannot work is a *PolicyError naming the key
// and the source, kept in Policy.Problems, while the rest applies. A known
// key whose value cannot be used stops what it governs (Definition.Stops)
// and nothing else: the setting it locks stays locked, to no value, rather
// than falling back to the person's. Nothing is skipped silently: a
// policy silently half read is a policy that does not hold. Only a source
// that cannot be read at all is an error: there is then no policy to go on
// with. A policy never holds a token.

// Policy is what the managed policy sets. The zero Policy sets nothing.
type Policy struct {
	// Values are the settings it presets and locks, by environment
	// variable: client ID, issuer, zone, scopes, redirect URI, CA file,
	// keychain.
	Values map[string]string
	// AllowedZones, when not empty, are the only zones a connect may use,
	// and allowedBases their API bases.
	AllowedZones, allowedBases []string
	// AllowedScopes, when not empty, are the only scopes a connect may ask
	// for.
	AllowedScopes []string
	// DisableTokenCopy hides the window's Copy access token (the command
	// line's token command, for scripts, still works).
	DisableTokenCopy bool
	// MaxAccounts, when above 0, is how many accounts may be connected on
	// this computer.
	MaxAccounts int
	// ManagedBy names the organization: "Managed by ManagedBy".
	ManagedBy string
	// Sources says where each key was set: the registry key or the file.
	Sources map[Key]string
	// Problems are the keys that cannot be used, each with why: every
	// one, not only the first.
	Problems []*PolicyError
	// Shadowed are the values a stronger source's value of the same key
	// overrides (HKLM's over HKCU's).
	Shadowed []Shadowed
}

// Shadowed is the value of Key in Source that By's value of the same key
// overrides. Conflicts says the two differ, or one of them cannot be
// used (Problem, when it is Source's).
type Shadowed struct {
	Key        Key
	Source, By string
	Conflicts  bool
	Problem    *PolicyError
}

// String says it in the diagnostics' English.
func (s Shadowed) String() string {
	what := "the same value"
	switch {
	case s.Problem != nil:
		what = "a value that could not be used anyway"
	case s.Conflicts:
		what = "a different value"
	}
	return fmt.Sprintf("%s in %s is overridden by %s in %s (%s)", s.Key, s.Source, s.Key, s.By, what)
}

// Stopped is the problem of a key whose value cannot be used that stops
// s, nil when none does.
func (p Policy) Stopped(s Stop) *PolicyError {
	for _, e := range p.Problems {
		if d, known := Lookup(e.Key); known && d.Stops == s && s != StopsNothing && p.failed(e.Key) == e {
			return e
		}
	}
	return nil
}

// failed is the problem of key, a key the policy names but whose value
// cannot be used; nil when it has none or its value applies.
func (p Policy) failed(key Key) *PolicyError {
	if _, set := p.Sources[key]; set {
		return nil
	}
	for _, e := range p.Problems {
		if e.Key == key && e.Fault != UnknownKey {
			return e
		}
	}
	return nil
}

// Source is where key is set, or where its value that cannot be used
// is; "" when the policy does not name it.
func (p Policy) Source(key Key) string {
	s, _ := p.claimedBy(key)
	return s
}

// claimedBy is the source that decides key, whether its value applies or
// cannot be used; ok is false when the policy leaves key alone.
func (p Policy) claimedBy(key Key) (source string, ok bool) {
	if s, set := p.Sources[key]; set {
		return s, true
	}
	if e := p.failed(key); e != nil {
		return e.Source, true
	}
	return "", false
}

// Locks reports whether the policy decides the setting env, and by which
// key: also when the key's value cannot be used, and the setting is
// locked to none.
func (p Policy) Locks(env string) (Key, bool) {
	key := PolicyKey(env)
	_, ok := p.claimedBy(key)
	return key, ok && key != ""
}

// settle makes a key that cannot be used stop what it governs where p
// holds it as a field: the window does not copy tokens.
func (p *Policy) settle() {
	if p.Stopped(StopsTokenCopy) != nil {
		p.DisableTokenCopy = true
	}
}

// value is key's value as p holds it, in words for comparing and for
// Rules: a list joined, DisableTokenCopy "on" or "off".
func (p Policy) value(key Key) string {
	switch key {
	case KeyManagedBy:
		return p.ManagedBy
	case KeyAllowedZones:
		return strings.Join(p.AllowedZones, ", ")
	case KeyAllowedScopes:
		return strings.Join(p.AllowedScopes, " ")
	case KeyMaxAccounts:
		return fmt.Sprint(p.MaxAccounts)
	case KeyDisableTokenCopy:
		if p.DisableTokenCopy {
			return "on"
		}
		return "off"
	}
	d, _ := Lookup(key)
	return p.Values[d.Setting]
}

// ErrSetByPolicy is a flag that would change what the managed policy sets.
var ErrSetByPolicy = errors.New("your organization's policy sets this to another value, so a flag cannot change it")

// SetByPolicyError is a flag that would change what the policy's Key,
// read from Source, sets. It is ErrSetByPolicy.
type SetByPolicyError struct {
	Key    Key
	Source string
}

func (e *SetByPolicyError) Error() string {
	return fmt.Sprintf("%v (%s in %s)", ErrSetByPolicy, e.Key, e.Source)
}

func (e *SetByPolicyError) Unwrap() error { return ErrSetByPolicy }

// ErrNotAllowed is a zone, API base or scope the managed policy does not
// allow.
var ErrNotAllowed = errors.New("your organization's policy does not allow it")

// NotAllowedError is a zone, API base or scopes (What) the policy's Key
// (AllowedZones, AllowedScopes, read from Source) does not allow: Values
// are those refused, Allowed what it allows.
type NotAllowedError struct {
	What, Source    string
	Key             Key
	Values, Allowed []string
}

func (e *NotAllowedError) Error() string {
	sep := ", "
	if e.What == "scopes" {
		sep = " "
	}
	return fmt.Sprintf("the %s %s: %v: only %s (%s in %s)", e.What, strings.Join(e.Values, " "), ErrNotAllowed, strings.Join(e.Allowed, sep), e.Key, e.Source)
}

func (e *NotAllowedError) Is(target error) bool { return target == ErrNotAllowed }

// zoneAllowed checks the zone and API base against the policy's
// AllowedZones: the access token goes to the API base, so both must be an
// allowed zone's.
func (r *resolver) zoneAllowed(zone, apiBase string) {
	p := r.policy
	if len(p.AllowedZones) == 0 {
		return
	}
	refused := &NotAllowedError{Key: KeyAllowedZones, Allowed: p.AllowedZones, Source: p.Sources[KeyAllowedZones]}
	switch {
	case !r.ok(EnvZone) || !r.ok(EnvAPIBase):
		// already a problem of its own
	case !slices.Contains(p.AllowedZones, zone):
		refused.What, refused.Values = "zone", []string{zone}
		r.blame(EnvZone, refused)
	case !slices.Contains(p.allowedBases, apiBase):
		refused.What, refused.Values = "API base", []string{apiBase}
		r.blame(EnvAPIBase, refused)
	}
}

// scopesAllowed checks scopes against the policy's AllowedScopes. The
// default scopes are narrowed to the allowed ones; scopes someone chose
// must all be allowed.
func (r *resolver) scopesAllowed(scopes []string) []string {
	p := r.policy
	if len(p.AllowedScopes) == 0 || !r.ok(EnvScopes) {
		return scopes
	}
	var kept, refused []string
	for _, s := range scopes {
		if slices.Contains(p.AllowedScopes, s) {
			kept = append(kept, s)
		} else {
			refused = append(refused, s)
		}
	}
	switch {
	case len(refused) == 0:
		return scopes
	case r.sources[EnvScopes] != FromDefault:
		r.blame(EnvScopes, &NotAllowedError{What: "scopes", Values: refused, Key: KeyAllowedScopes,
			Allowed: p.AllowedScopes, Source: p.Sources[KeyAllowedScopes]})
		return scopes
	case len(kept) == 0:
		return slices.Clone(p.AllowedScopes)
	}
	return kept
}

// Empty reports whether p sets nothing.
func (p Policy) Empty() bool { return len(p.Sources) == 0 }

// stringList is v as a list of strings, from []string or []any.
func stringList(v any) ([]string, bool) {
	switch l := v.(type) {
	case []string: // REG_MULTI_SZ: its entries checked as JSON's are
		list := make([]any, len(l))
		for i, e := range l {
			list[i] = e
		}
		return stringList(list)
	case []any:
		out := make([]string, 0, len(l))
		for _, e := range l {
			s, ok := e.(string)
			if !ok || strings.TrimSpace(s) == "" {
				return nil, false
			}
			out = append(out, strings.TrimSpace(s))
		}
		return out, true
	}
	return nil, false
}

// wholeNumber is v as a whole number, from JSON's numbers, a property
// list's integers or a registry DWORD.
func wholeNumber(v any) (int64, bool) {
	switch n := v.(type) {
	case json.Number:
		i, err := n.Int64()
		return i, err == nil
	case float64:
		return int64(n), n == math.Trunc(n) && math.Abs(n) < 1<<53
	case int64:
		return n, true
	case uint64:
		return int64(n), n < 1<<62
	case int:
		return int64(n), true
	case uint32:
		return int64(n), true
	}
	return 0, false
}

// ParsePolicyJSON reads a policy file's JSON from source: one object of
// the keys. err is a *PolicyError when it is not one; a key that cannot
// be used is in the Policy's Problems.
func ParsePolicyJSON(source string, data []byte) (Policy, error) {
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.UseNumber()
	var raw map[string]any
	if err := dec.Decode(&raw); err != nil {
		return Policy{}, &PolicyError{Source: source, Fault: NotParsed, Got: "JSON", Err: err}
	}
	if dec.More() {
		return Policy{}, &PolicyError{Source: source, Fault: NotParsed, Got: "JSON", Err: errMoreThanOne}
	}
	return policyFrom(source, raw), nil
}

// Where says in words where the setting env got its value, naming the
// policy's key and source when the policy set it.
func (c Config) Where(env string) string {
	if c.Sources[env] == FromPolicy {
		key := PolicyKey(env)
		source, _ := c.Policy.claimedBy(key)
		return policyWhere(key, source)
	}
	return Where(env, c.Sources[env])
}

// Rule is one thing a policy sets that is not a setting: its Key, its
// Value as the policy gives it (a list joined, DisableTokenCopy "on" or
// "off") and its Source.
type Rule struct {
	Key           Key
	Value, Source string
}

// String is the rule in the diagnostics' English; explain.PolicyRule says
// it in the person's language.
func (r Rule) String() string {
	v := r.Value
	if r.Key == KeyDisableTokenCopy && v == "on" {
		v = "the window does not copy access tokens"
	}
	return fmt.Sprintf("%s: %s (%s)", r.Key, v, r.Source)
}

// Rules lists what the policy sets that is not a setting, with its
// source: for doctor and the window's Settings.
func (p Policy) Rules() []Rule {
	var out []Rule
	for _, key := range []Key{KeyManagedBy, KeyAllowedZones, KeyAllowedScopes, KeyMaxAccounts, KeyDisableTokenCopy} {
		if source, ok := p.Sources[key]; ok {
			out = append(out, Rule{key, p.value(key), source})
		}
	}
	return out
}
