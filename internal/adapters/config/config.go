// Package config is the one home of the app's settings: what each one is,
// its default, and where its value comes from. The window and the command
// line resolve them alike: a flag over the environment over the saved
// settings over what was built in over the default; an organization's
// managed policy (policy.go) is above them all.
package config

import (
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/make-connect/make-connect/internal/platform/httpclient"
)

// BuiltInClientID is the Make OAuth client ID baked in at package time
// (-ldflags "-X github.com/make-connect/make-connect/config.BuiltInClientID=…").
// The saved settings, the environment and flags still override it.
var BuiltInClientID = ""

// Config is everything the app needs to connect and keep accounts.
type Config struct {
	// Auth are the connect flow's settings; auth.FromConfig makes them
	// the flow's configuration.
	Auth AuthSettings
	// Zone is the Make zone whose API tells who is connected, as shown to
	// people. Default DefaultZone.
	Zone string
	// APIBase is the Make API base URL. Default the zone's,
	// https://{Zone}/api/v2.
	APIBase string
	// KeyringService names the keychain entries. Default AppID.
	KeyringService string
	// Keychain is where accounts are kept: "system" (the default) or
	// "kernel" (keychain.Kinds).
	Keychain string
	// CAFile is a PEM bundle trusted in addition to the system's roots, for
	// networks whose proxy inspects TLS. Default none.
	CAFile string
	// Account is the account commands use when none is named: its ID or
	// email. Default none (the only account, when there is one).
	Account string
	// Verbose logs every HTTP request (never a query, header or body).
	Verbose bool
	// Sources says where each setting's value came from, by the name of its
	// environment variable.
	Sources map[string]Source
	// Policy is the managed policy the settings were resolved under: the
	// faces lock what it sets, name the organization and hide what it
	// disables.
	Policy Policy
	// Ignored are the environment variables and saved settings the policy
	// overrides: the faces show them, so none is ignored silently.
	Ignored []Ignored
}

// AuthSettings are the settings of the connect flow, resolved.
type AuthSettings struct {
	// ClientID is the public client's ID, registered with Make. Default
	// BuiltInClientID, which may be none.
	ClientID string
	// Issuer is the authorization server. Default DefaultIssuer.
	Issuer string
	// Scopes are asked for. Default DefaultScopes.
	Scopes []string
	// RedirectURI is where the browser brings the answer back: loopback,
	// the app's private-use scheme or an https page (ParseRedirectURI).
	// Default DefaultRedirectURI.
	RedirectURI string
	// Timeout ends a connect that has not completed. Default
	// DefaultTimeout.
	Timeout time.Duration
}

// Load resolves every setting: the managed policy, flag (f may be nil),
// environment (getenv is os.Getenv outside tests), saved settings, built
// in, default. A value that cannot work is a *SettingError naming the
// setting, where it was set and what it accepts: a usage error, whatever
// its source; so is a flag that would change what the policy sets. err
// holds every one of them at once, a Problems (ProblemsIn lists them);
// the Config is resolved as far as it could be even then. The policy's
// own problems, the keys it skipped, are in the Config's Policy.Problems.
func Load(f *Flags, getenv func(string) string, saved Settings, policy Policy) (Config, error) {
	if f == nil {
		f = &Flags{}
	}
	r := resolver{flags: f.values(), getenv: getenv, saved: saved, policy: policy, sources: map[string]Source{}}
	c := r.load(f)
	c.Ignored = r.ignored
	return c, r.problems.asError()
}

func (r *resolver) load(f *Flags) Config {
	c := Config{Sources: r.sources, Policy: r.policy}
	c.Auth.ClientID = r.pick(EnvClientID, BuiltInClientID)
	c.Auth.Issuer = strings.TrimSuffix(r.checked(EnvIssuer, DefaultIssuer), "/")
	c.Auth.Scopes = SplitScopes(r.checked(EnvScopes, strings.Join(DefaultScopes, " ")))
	c.Auth.RedirectURI = r.checked(EnvRedirectURI, DefaultRedirectURI)
	c.KeyringService = r.pick(EnvKeyringService, AppID)
	c.Keychain = strings.ToLower(r.checked(EnvKeychain, "system"))
	c.CAFile = r.pick(EnvCAFile, "")
	c.Account = r.pick(EnvAccount, "")
	c.Verbose = f.Verbose || r.getenv(EnvDebug) == "1"

	defaultZone := DefaultZone
	if allowed := r.policy.AllowedZones; len(allowed) > 0 && !slices.Contains(allowed, defaultZone) {
		defaultZone = allowed[0]
	}
	zone, zoneBase, err := ParseZone(r.pick(EnvZone, defaultZone))
	if err != nil {
		r.blame(EnvZone, err)
		zone, zoneBase, _ = ParseZone(defaultZone)
	}
	c.Zone = zone
	c.APIBase = strings.TrimSuffix(r.checked(EnvAPIBase, zoneBase), "/")
	r.zoneAllowed(c.Zone, c.APIBase)
	c.Auth.Scopes = r.scopesAllowed(c.Auth.Scopes)
	c.Auth.Timeout = DefaultTimeout
	if t := r.checked(EnvTimeout, ""); t != "" && r.ok(EnvTimeout) {
		c.Auth.Timeout, _ = time.ParseDuration(t)
	}
	return c
}

// checked is [resolver.pick], the value also checked as the setting's
// (checkSetting): when it cannot work, the problem is kept and def is
// used instead, so that every other setting is still checked.
func (r *resolver) checked(env, def string) string {
	v := r.pick(env, def)
	if v == "" {
		return v
	}
	if err := checkSetting(env, v); err != nil {
		r.blame(env, err)
		return def
	}
	return v
}

// ok reports whether no problem was found with the setting env.
func (r *resolver) ok(env string) bool {
	for _, p := range r.problems {
		if se, is := p.(*SettingError); is && se.Env == env {
			return false
		}
	}
	return true
}

// checkSetting is what is wrong with v as the value of the setting env,
// nil when nothing is or the setting is not checked by its form. The
// access token goes to the API base, the sign-in to the issuer and the
// browser back to the redirect URI: each is checked, whatever set it.
// (The client ID is checked when a connect starts: nothing else needs one;
// the CA file when the HTTP client is built.)
func checkSetting(env, v string) error {
	switch env {
	case EnvZone:
		_, _, err := ParseZone(v)
		return err
	case EnvAPIBase:
		return CheckEndpoint("API base", strings.TrimSuffix(v, "/"))
	case EnvIssuer:
		return CheckEndpoint("issuer", strings.TrimSuffix(v, "/"))
	case EnvRedirectURI:
		return CheckRedirectURI(v)
	case EnvScopes:
		return CheckScopes(SplitScopes(v))
	case EnvKeychain:
		if k := strings.ToLower(v); k != "system" && k != "kernel" {
			return &ValueError{What: "keychain", Value: v, Problem: NotKeychain}
		}
	case EnvTimeout:
		if d, err := time.ParseDuration(v); err != nil || d <= 0 {
			return &ValueError{What: "timeout", Value: v, Problem: NotDuration}
		}
	}
	return nil
}

// Validate is every problem with the settings c was loaded with, at once:
// loadErr's (what Load returned) and, as the client is built only when it
// is needed, the CA file when it cannot be used. A form shows each beside
// its setting.
func (c Config) Validate(loadErr error, getenv func(string) string) []error {
	problems := ProblemsIn(loadErr)
	if _, err := c.HTTPClient(getenv, nil); err != nil {
		problems = append(problems, err)
	}
	return problems
}

// SettingError is err in the setting env, as c has it: where its value
// came from, and from the policy, where its key is set.
func (c Config) SettingError(env string, err error) *SettingError {
	return settingError(env, c.Sources[env], c.Policy, err)
}

// HTTPClient is the client for every request under c: the proxy the
// environment (getenv) names, c's CA file trusted, every answer capped,
// each request logged to log when it is not nil.
func (c Config) HTTPClient(getenv func(string) string, log io.Writer) (*http.Client, error) {
	hc, err := httpclient.New(httpclient.Options{CAFile: c.CAFile, Log: log, Getenv: getenv})
	if err != nil {
		return nil, c.SettingError(EnvCAFile, err)
	}
	return hc, nil
}
