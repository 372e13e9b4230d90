package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"strings"

	"github.com/make-connect/make-connect/internal/platform/safefile"
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
// and the source, and is skipped while the rest applies. It is never
// skipped silently: a policy silently half read is a policy that does not
// hold. A policy never holds a token.

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
	// Problems are the keys skipped, each with why: every one, not only
	// the first.
	Problems []*PolicyError
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
	case []string:
		return slices.Clone(l), true
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

// readRootOnly reads the policy file at path with parse, refusing one
// that anyone but root could change: they could point every account at
// their own server. No file is no policy.
func readRootOnly(path string, parse func(source string, data []byte) (Policy, error)) (Policy, error) {
	data, err := safefile.ReadFile(path, safefile.System)
	var unsafe *safefile.Error
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Policy{}, nil
	case errors.As(err, &unsafe):
		return Policy{}, &PolicyError{Source: path, Fault: Unsafe, Err: err}
	case err != nil:
		return Policy{}, &PolicyError{Source: path, Fault: Unreadable, Err: err}
	}
	return parse(path, data)
}

// ParsePolicyJSON reads a policy file's JSON from source: one object of
// the keys. The Policy holds every key that can be used, also when err
// (a Problems of *PolicyError) lists the keys skipped.
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
	return policyFrom(source, raw)
}

// Where says in words where the setting env got its value, naming the
// policy's key and source when the policy set it.
func (c Config) Where(env string) string {
	if c.Sources[env] == FromPolicy {
		key := PolicyKey(env)
		return fmt.Sprintf("set by your organization's policy: %s in %s", key, c.Policy.Sources[key])
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
	rule := func(key Key, value string) {
		if source, ok := p.Sources[key]; ok {
			out = append(out, Rule{key, value, source})
		}
	}
	rule(KeyManagedBy, p.ManagedBy)
	rule(KeyAllowedZones, strings.Join(p.AllowedZones, ", "))
	rule(KeyAllowedScopes, strings.Join(p.AllowedScopes, " "))
	rule(KeyMaxAccounts, fmt.Sprint(p.MaxAccounts))
	if p.DisableTokenCopy {
		rule(KeyDisableTokenCopy, "on")
	} else {
		rule(KeyDisableTokenCopy, "off")
	}
	return out
}
