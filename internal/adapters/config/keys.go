package config

import (
	"sort"
	"strings"
)

// Key names a value of the managed policy: a registry value under
// Software\Policies\MakeConnect, a key of policy.json or of the managed
// preferences' property list. Every Key has one Definition in
// definitions; TestKnownKeysRegistered fails on one without, and on a
// definition the Group Policy template or docs/admin.md lacks.
type Key string

// The policy's keys.
const (
	KeyClientID         Key = "ClientID"
	KeyIssuer           Key = "Issuer"
	KeyZone             Key = "Zone"
	KeyScopes           Key = "Scopes"
	KeyRedirectURI      Key = "RedirectURI"
	KeyCAFile           Key = "CAFile"
	KeyKeychain         Key = "Keychain"
	KeyManagedBy        Key = "ManagedByOrganization"
	KeyAllowedZones     Key = "AllowedZones"
	KeyAllowedScopes    Key = "AllowedScopes"
	KeyDisableTokenCopy Key = "DisableTokenCopy"
	KeyMaxAccounts      Key = "MaxAccounts"
)

// Kind is the type of a policy value, whatever form its source gives it
// in (JSON, a property list, the registry).
type Kind int

const (
	KindText   Kind = iota + 1 // a text that is not empty
	KindBool                   // true or false; 1 or 0 in the registry
	KindNumber                 // a whole number from Min to Max
	KindList                   // a list of one or more texts
)

// Stop is what a key whose value cannot be used stops: what it governs,
// and nothing else. The policy fails closed there and open nowhere else,
// as Chrome's degrades per key: an organization that locked a setting
// does not have the person's value take its place.
type Stop int

const (
	StopsNothing   Stop = iota // the key is only reported
	StopsConnect               // connecting an account
	StopsRequests              // every request to Make: whom to trust is not known
	StopsKeychain              // opening the keychain: which one is not known
	StopsTokenCopy             // the window's copying of access tokens: it is off
)

// Definition is what a policy key is: its value's Kind, what it governs,
// how the Group Policy template writes it.
type Definition struct {
	Key  Key
	Kind Kind
	// Setting is the environment variable of the setting the key presets
	// and locks; "" for a rule of the policy's own, which Governs says.
	Setting string
	// Fixes is another setting the key locks with Setting: the Zone fixes
	// the API base, https://<zone>/api/v2, where the access token goes.
	Fixes   string
	Governs string
	// Stops is what a value that cannot be used stops.
	Stops Stop
	// Registry is the registry type the template writes (REG_SZ,
	// REG_DWORD, REG_MULTI_SZ); ReadPolicy also takes a REG_EXPAND_SZ
	// text and a REG_QWORD number.
	Registry string
	// ADMX is the name of the template's policy that writes the value
	// (packaging/windows/policy/MakeConnect.admx); docs/admin.md has a
	// row for the key in its table of values.
	ADMX string
	// Min and Max bound a KindNumber.
	Min, Max int64
}

// definitions is the one table of the policy's keys.
var definitions = []Definition{
	{Key: KeyClientID, Kind: KindText, Setting: EnvClientID, Stops: StopsConnect, Registry: "REG_SZ", ADMX: "ClientID"},
	{Key: KeyIssuer, Kind: KindText, Setting: EnvIssuer, Stops: StopsConnect, Registry: "REG_SZ", ADMX: "Issuer"},
	{Key: KeyZone, Kind: KindText, Setting: EnvZone, Fixes: EnvAPIBase, Stops: StopsConnect, Registry: "REG_SZ", ADMX: "Zone"},
	{Key: KeyScopes, Kind: KindText, Setting: EnvScopes, Stops: StopsConnect, Registry: "REG_SZ", ADMX: "Scopes"},
	{Key: KeyRedirectURI, Kind: KindText, Setting: EnvRedirectURI, Stops: StopsConnect, Registry: "REG_SZ", ADMX: "RedirectURI"},
	{Key: KeyCAFile, Kind: KindText, Setting: EnvCAFile, Stops: StopsRequests, Registry: "REG_SZ", ADMX: "CAFile"},
	{Key: KeyKeychain, Kind: KindText, Setting: EnvKeychain, Stops: StopsKeychain, Registry: "REG_SZ", ADMX: "Keychain"},
	{Key: KeyManagedBy, Kind: KindText, Governs: "the organization the faces name: Managed by …", Stops: StopsNothing, Registry: "REG_SZ", ADMX: "ManagedByOrganization"},
	{Key: KeyAllowedZones, Kind: KindList, Governs: "the only zones, and so API bases, a connect may use", Stops: StopsConnect, Registry: "REG_MULTI_SZ", ADMX: "AllowedZones"},
	{Key: KeyAllowedScopes, Kind: KindList, Governs: "the only scopes a connect may ask for", Stops: StopsConnect, Registry: "REG_MULTI_SZ", ADMX: "AllowedScopes"},
	{Key: KeyDisableTokenCopy, Kind: KindBool, Governs: "whether the window copies access tokens", Stops: StopsTokenCopy, Registry: "REG_DWORD", ADMX: "DisableTokenCopy"},
	{Key: KeyMaxAccounts, Kind: KindNumber, Governs: "how many accounts may be connected on this computer", Stops: StopsConnect, Registry: "REG_DWORD", ADMX: "MaxAccounts", Min: 1, Max: 1000},
}

// Lookup is key's definition; ok is false for a key the app does not
// know.
func Lookup(key Key) (d Definition, ok bool) {
	for _, d := range definitions {
		if d.Key == key {
			return d, true
		}
	}
	return Definition{}, false
}

// lookupFold is the definition whose key is name in any case: Windows'
// registry value names are not case-sensitive (reg query /v ClientID
// finds a value written clientid).
func lookupFold(name string) (d Definition, ok bool) {
	for _, d := range definitions {
		if strings.EqualFold(string(d.Key), name) {
			return d, true
		}
	}
	return Definition{}, false
}

// Definitions are the policy's keys' definitions, sorted by key: what the
// Group Policy template and docs/admin.md describe.
func Definitions() []Definition {
	out := append([]Definition(nil), definitions...)
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// PolicyKeys are the policy's keys, sorted.
func PolicyKeys() []Key {
	var keys []Key
	for _, d := range Definitions() {
		keys = append(keys, d.Key)
	}
	return keys
}

// PolicyRegistryType is how Windows' registry holds the policy key, as
// the Group Policy template writes it; "" for a key the app does not know.
func PolicyRegistryType(key Key) string {
	d, _ := Lookup(key)
	return d.Registry
}

// PolicyKey is the policy key that sets the setting env, or fixes it
// with its own (the Zone the API base); "" when none does.
func PolicyKey(env string) Key {
	for _, d := range definitions {
		if env != "" && (d.Setting == env || d.Fixes == env) {
			return d.Key
		}
	}
	return ""
}
