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

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/makeapi"
	"github.com/make-connect/make-connect/internal/platform/httpclient"
)

// BuiltInClientID is the Make OAuth client ID baked in at package time
// (-ldflags "-X github.com/make-connect/make-connect/config.BuiltInClientID=…").
// The saved settings, the environment and flags still override it.
var BuiltInClientID = ""

// Config is everything the app needs to connect and keep accounts.
type Config struct {
	// Auth is the connect flow's configuration; see auth.Config for its
	// defaults.
	Auth auth.Config
	// Zone is the Make zone whose API tells who is connected, as shown to
	// people. Default makeapi.DefaultZone.
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

// Load resolves every setting: the managed policy, flag (f may be nil),
// environment (getenv is os.Getenv outside tests), saved settings, built
// in, default. A value that cannot work is an error naming the setting,
// where it was set and what it accepts: it is a usage error, whatever its
// source; so is a flag that would change what the policy sets.
func Load(f *Flags, getenv func(string) string, saved Settings, policy Policy) (Config, error) {
	if f == nil {
		f = &Flags{}
	}
	r := resolver{flags: f.values(), getenv: getenv, saved: saved, policy: policy, sources: map[string]Source{}}
	c, err := r.load(f)
	c.Ignored = r.ignored
	if err == nil {
		err = r.overridden
	}
	return c, err
}

func (r *resolver) load(f *Flags) (Config, error) {
	c := Config{Sources: r.sources, Policy: r.policy}
	c.Auth.ClientID = r.pick(EnvClientID, BuiltInClientID)
	c.Auth.Issuer = r.pick(EnvIssuer, auth.DefaultIssuer)
	c.Auth.Scopes = auth.SplitScopes(r.pick(EnvScopes, strings.Join(auth.DefaultScopes, " ")))
	c.Auth.RedirectURI = r.pick(EnvRedirectURI, auth.DefaultRedirectURI)
	c.KeyringService = r.pick(EnvKeyringService, AppID)
	c.Keychain = strings.ToLower(r.pick(EnvKeychain, "system"))
	if c.Keychain != "system" && c.Keychain != "kernel" {
		return c, r.blame(EnvKeychain, &auth.ValueError{What: "keychain", Value: c.Keychain, Problem: auth.NotKeychain})
	}
	c.CAFile = r.pick(EnvCAFile, "")
	c.Account = r.pick(EnvAccount, "")
	c.Verbose = f.Verbose || r.getenv(EnvDebug) == "1"

	defaultZone := makeapi.DefaultZone
	if allowed := r.policy.AllowedZones; len(allowed) > 0 && !slices.Contains(allowed, defaultZone) {
		defaultZone = allowed[0]
	}
	zone, zoneBase, err := makeapi.ParseZone(r.pick(EnvZone, defaultZone))
	if err != nil {
		return c, r.blame(EnvZone, err)
	}
	c.Zone = zone
	c.APIBase = strings.TrimSuffix(r.pick(EnvAPIBase, zoneBase), "/")
	if err := r.zoneAllowed(c.Zone, c.APIBase); err != nil {
		return c, err
	}
	if c.Auth.Scopes, err = r.scopesAllowed(c.Auth.Scopes); err != nil {
		return c, err
	}
	if t := r.pick(EnvTimeout, ""); t != "" {
		d, err := time.ParseDuration(t)
		if err != nil || d <= 0 {
			return c, r.blame(EnvTimeout, &auth.ValueError{What: "timeout", Value: t, Problem: auth.NotDuration})
		}
		c.Auth.Timeout = d
	}
	c.Auth = c.Auth.WithDefaults()

	// The access token goes to the API base, the sign-in to the issuer and
	// the browser back to the redirect URI: each is checked here, whatever
	// set it. (The client ID is checked when a connect starts: nothing else
	// needs one.)
	for _, check := range []struct {
		env string
		err error
	}{
		{EnvAPIBase, auth.CheckEndpoint("API base", c.APIBase)},
		{EnvIssuer, auth.CheckEndpoint("issuer", c.Auth.Issuer)},
		{EnvRedirectURI, auth.CheckRedirectURI(c.Auth.RedirectURI)},
		{EnvScopes, auth.CheckScopes(c.Auth.Scopes)},
	} {
		if check.err != nil {
			return c, r.blame(check.env, check.err)
		}
	}
	return c, nil
}

// HTTPClient is the client for every request under c: the proxy the
// environment (getenv) names, c's CA file trusted, every answer capped,
// each request logged to log when it is not nil.
func (c Config) HTTPClient(getenv func(string) string, log io.Writer) (*http.Client, error) {
	hc, err := httpclient.New(httpclient.Options{CAFile: c.CAFile, Log: log, Getenv: getenv})
	if err != nil {
		return nil, &SettingError{Env: EnvCAFile, Source: c.Sources[EnvCAFile], Err: err}
	}
	return hc, nil
}
