package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/makeapi"
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
// An unknown key or a value of the wrong type is an error naming the key
// and the source, never ignored: a policy that is silently half read is
// a policy that does not hold. A policy never holds a token.

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
	// Sources says where each key was set, by its policy name (ClientID,
	// AllowedZones…): the registry key or the file.
	Sources map[string]string
}

// ErrSetByPolicy is a flag that would change what the managed policy sets.
var ErrSetByPolicy = errors.New("your organization's policy sets this to another value, so a flag cannot change it")

// ErrNotAllowed is a zone, API base or scope the managed policy does not
// allow.
var ErrNotAllowed = errors.New("your organization's policy does not allow it")

// NotAllowedError is a zone, API base or scopes (What) the policy's Key
// (AllowedZones, AllowedScopes, read from Source) does not allow: Values
// are those refused, Allowed what it allows.
type NotAllowedError struct {
	What, Key, Source string
	Values, Allowed   []string
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
func (r *resolver) zoneAllowed(zone, apiBase string) error {
	p := r.policy
	if len(p.AllowedZones) == 0 {
		return nil
	}
	refused := &NotAllowedError{Key: "AllowedZones", Allowed: p.AllowedZones, Source: p.Sources["AllowedZones"]}
	if !slices.Contains(p.AllowedZones, zone) {
		refused.What, refused.Values = "zone", []string{zone}
		return r.blame(EnvZone, refused)
	}
	if !slices.Contains(p.allowedBases, apiBase) {
		refused.What, refused.Values = "API base", []string{apiBase}
		return r.blame(EnvAPIBase, refused)
	}
	return nil
}

// scopesAllowed checks scopes against the policy's AllowedScopes. The
// default scopes are narrowed to the allowed ones; scopes someone chose
// must all be allowed.
func (r *resolver) scopesAllowed(scopes []string) ([]string, error) {
	p := r.policy
	if len(p.AllowedScopes) == 0 {
		return scopes, nil
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
		return scopes, nil
	case r.sources[EnvScopes] != FromDefault:
		return scopes, r.blame(EnvScopes, &NotAllowedError{What: "scopes", Values: refused, Key: "AllowedScopes",
			Allowed: p.AllowedScopes, Source: p.Sources["AllowedScopes"]})
	case len(kept) == 0:
		return slices.Clone(p.AllowedScopes), nil
	}
	return kept, nil
}

// policyKeys are the policy's keys; a string key's setting is its
// environment variable, "" for the keys that are not a setting.
var policyKeys = map[string]string{
	"ClientID": EnvClientID, "Issuer": EnvIssuer, "Zone": EnvZone, "Scopes": EnvScopes,
	"RedirectURI": EnvRedirectURI, "CAFile": EnvCAFile, "Keychain": EnvKeychain,
	"AllowedZones": "", "AllowedScopes": "", "DisableTokenCopy": "", "MaxAccounts": "", "ManagedByOrganization": "",
}

// PolicyKeys are the policy's keys, sorted: what the Group Policy template
// and docs/admin.md describe.
func PolicyKeys() []string {
	keys := make([]string, 0, len(policyKeys))
	for k := range policyKeys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// PolicyRegistryType is how Windows' registry holds the policy key, as
// the Group Policy template writes it: REG_MULTI_SZ for the lists,
// REG_DWORD for the switch and the number, REG_SZ for the texts. (ReadPolicy
// also takes a REG_EXPAND_SZ text and a REG_QWORD number.)
func PolicyRegistryType(key string) string {
	switch key {
	case "AllowedZones", "AllowedScopes":
		return "REG_MULTI_SZ"
	case "DisableTokenCopy", "MaxAccounts":
		return "REG_DWORD"
	}
	return "REG_SZ"
}

// PolicyKey is the policy key that sets the setting env, "" when none does.
func PolicyKey(env string) string {
	for k, e := range policyKeys {
		if e == env && e != "" {
			return k
		}
	}
	return ""
}

// Empty reports whether p sets nothing.
func (p Policy) Empty() bool { return len(p.Sources) == 0 }

// PolicyError is a managed policy that cannot be used: Key (the value's
// name, "" for the source as a whole) in Source is wrong as Err says.
type PolicyError struct {
	Source, Key string
	Err         error
}

func (e *PolicyError) Error() string {
	if e.Key == "" {
		return fmt.Sprintf("%s: %v", e.Source, e.Err)
	}
	return fmt.Sprintf("%s in %s: %v", e.Key, e.Source, e.Err)
}

func (e *PolicyError) Unwrap() error { return e.Err }

// add sets the policy's key from a value read from source: a string, a
// list of strings, a boolean or a whole number, in whichever form the
// source has (JSON, a property list, the registry), checked for the key.
// A key already set (by a stronger source) is left as it is.
func (p *Policy) add(source, key string, v any) error {
	env, known := policyKeys[key]
	if !known {
		return &PolicyError{Source: source, Key: key, Err: fmt.Errorf("there is no policy %q: the policies are %s", key, strings.Join(PolicyKeys(), ", "))}
	}
	if _, set := p.Sources[key]; set {
		return nil
	}
	bad := func(want string) error {
		return &PolicyError{Source: source, Key: key, Err: fmt.Errorf("it must be %s, not %s", want, describeValue(v))}
	}
	switch key {
	case "AllowedZones", "AllowedScopes":
		list, ok := stringList(v)
		if !ok || len(list) == 0 {
			return bad("a list of one or more strings")
		}
		if key == "AllowedZones" {
			p.allowedBases = make([]string, len(list))
			for i, z := range list {
				zone, base, err := makeapi.ParseZone(z)
				if err != nil {
					return &PolicyError{Source: source, Key: key, Err: err}
				}
				list[i], p.allowedBases[i] = zone, base
			}
			p.AllowedZones = list
		} else {
			list = auth.SplitScopes(strings.Join(list, " "))
			if err := auth.CheckScopes(list); err != nil {
				return &PolicyError{Source: source, Key: key, Err: err}
			}
			p.AllowedScopes = list
		}
	case "DisableTokenCopy":
		switch b := v.(type) {
		case bool:
			p.DisableTokenCopy = b
		default:
			n, ok := wholeNumber(v)
			if !ok || n != 0 && n != 1 {
				return bad("true or false (1 or 0)")
			}
			p.DisableTokenCopy = n == 1
		}
	case "MaxAccounts":
		n, ok := wholeNumber(v)
		if !ok || n < 1 || n > 1000 {
			return bad("a whole number from 1 to 1000")
		}
		p.MaxAccounts = int(n)
	default: // the strings: a setting, or the organization's name
		s, ok := v.(string)
		if !ok || strings.TrimSpace(s) == "" {
			return bad("a text that is not empty")
		}
		s = strings.TrimSpace(s)
		if env == "" {
			p.ManagedBy = s
		} else {
			if p.Values == nil {
				p.Values = map[string]string{}
			}
			p.Values[env] = s
		}
	}
	if p.Sources == nil {
		p.Sources = map[string]string{}
	}
	p.Sources[key] = source
	return nil
}

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

// describeValue names v's kind for an error, without its content.
func describeValue(v any) string {
	switch v.(type) {
	case string:
		return "a text"
	case json.Number:
		return "a number"
	case bool:
		return "true or false"
	case []any, []string:
		return "a list"
	case map[string]any:
		return "a table of keys"
	case nil:
		return "nothing (null)"
	}
	if _, ok := wholeNumber(v); ok {
		return "a number"
	}
	return fmt.Sprintf("a %T", v)
}

// readRootOnly reads the policy file at path with parse, refusing one
// that anyone but root could change: they could point every account at
// their own server. No file is no policy.
func readRootOnly(path string, parse func(source string, data []byte) (Policy, error)) (Policy, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Policy{}, nil
	}
	if err != nil {
		return Policy{}, &PolicyError{Source: path, Err: err}
	}
	if err := safefile.Check(path); err != nil {
		return Policy{}, &PolicyError{Source: path, Err: fmt.Errorf("only root may be able to change a policy, but %w", err)}
	}
	return parse(path, data)
}

// ParsePolicyJSON reads a policy file's JSON from source: one object of
// the keys.
func ParsePolicyJSON(source string, data []byte) (Policy, error) {
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.UseNumber()
	var raw map[string]any
	if err := dec.Decode(&raw); err != nil {
		return Policy{}, &PolicyError{Source: source, Err: fmt.Errorf("it is not a JSON object of policies: %v", err)}
	}
	if dec.More() {
		return Policy{}, &PolicyError{Source: source, Err: fmt.Errorf("it holds more than one JSON value")}
	}
	return policyFrom(source, raw)
}

// policyFrom reads the keys of raw, sorted so the first error is always
// the same.
func policyFrom(source string, raw map[string]any) (Policy, error) {
	var p Policy
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := p.add(source, k, raw[k]); err != nil {
			return Policy{}, err
		}
	}
	return p, nil
}

// merge adds what q sets and p does not: p is the stronger source.
func (p *Policy) merge(q Policy) {
	for key, source := range q.Sources {
		if _, set := p.Sources[key]; set {
			continue
		}
		if p.Sources == nil {
			p.Sources = map[string]string{}
		}
		p.Sources[key] = source
		switch env := policyKeys[key]; key {
		case "AllowedZones":
			p.AllowedZones, p.allowedBases = q.AllowedZones, q.allowedBases
		case "AllowedScopes":
			p.AllowedScopes = q.AllowedScopes
		case "DisableTokenCopy":
			p.DisableTokenCopy = q.DisableTokenCopy
		case "MaxAccounts":
			p.MaxAccounts = q.MaxAccounts
		case "ManagedByOrganization":
			p.ManagedBy = q.ManagedBy
		default:
			if p.Values == nil {
				p.Values = map[string]string{}
			}
			p.Values[env] = q.Values[env]
		}
	}
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
type Rule struct{ Key, Value, Source string }

// String is the rule in the diagnostics' English; explain.PolicyRule says
// it in the person's language.
func (r Rule) String() string {
	v := r.Value
	if r.Key == "DisableTokenCopy" && v == "on" {
		v = "the window does not copy access tokens"
	}
	return fmt.Sprintf("%s: %s (%s)", r.Key, v, r.Source)
}

// Rules lists what the policy sets that is not a setting, with its
// source: for doctor and the window's Settings.
func (p Policy) Rules() []Rule {
	var out []Rule
	rule := func(key, value string) {
		if source, ok := p.Sources[key]; ok {
			out = append(out, Rule{key, value, source})
		}
	}
	rule("ManagedByOrganization", p.ManagedBy)
	rule("AllowedZones", strings.Join(p.AllowedZones, ", "))
	rule("AllowedScopes", strings.Join(p.AllowedScopes, " "))
	rule("MaxAccounts", fmt.Sprint(p.MaxAccounts))
	if p.DisableTokenCopy {
		rule("DisableTokenCopy", "on")
	} else {
		rule("DisableTokenCopy", "off")
	}
	return out
}
