package config

import (
	"errors"
	"flag"
	"fmt"
	"slices"
	"testing"
)

// hostile is what a person (or a program that sets their environment)
// tries instead of what the policy sets: each a value that works, so that
// only the policy keeps it out.
var hostile = map[string]string{
	EnvClientID: "mine", EnvIssuer: "https://evil.example", EnvZone: "us1.make.com",
	EnvAPIBase: "https://attacker.example/api/v2", EnvScopes: "openid scenarios:write",
	EnvRedirectURI: "http://127.0.0.1:1/cb", EnvCAFile: "/tmp/mine.pem", EnvKeychain: "system",
}

// steering is, for a policy key, the value the policy gives it (JSON),
// values tried over hostile's, and whether the policy still holds in what
// Load made of it.
type steering struct {
	policy string
	try    map[string]string
	holds  func(c Config, err error) bool
}

var steerings = map[Key]steering{
	KeyClientID: {policy: `"org-client"`, holds: func(c Config, _ error) bool { return c.Auth.ClientID == "org-client" }},
	KeyIssuer:   {policy: `"https://sso.example.com"`, holds: func(c Config, _ error) bool { return c.Auth.Issuer == "https://sso.example.com" }},
	// The token goes to the API base: the Zone fixes it.
	KeyZone: {policy: `"eu2.make.com"`, holds: func(c Config, _ error) bool {
		return c.Zone == "eu2.make.com" && c.APIBase == "https://eu2.make.com/api/v2"
	}},
	KeyScopes: {policy: `"openid user:read"`, holds: func(c Config, _ error) bool {
		return slices.Equal(c.Auth.Scopes, []string{"openid", "user:read"})
	}},
	KeyRedirectURI: {policy: `"http://127.0.0.1:53682/callback"`, holds: func(c Config, _ error) bool {
		return c.Auth.RedirectURI == "http://127.0.0.1:53682/callback"
	}},
	KeyCAFile:    {policy: `"/etc/ssl/org.pem"`, holds: func(c Config, _ error) bool { return c.CAFile == "/etc/ssl/org.pem" }},
	KeyKeychain:  {policy: `"kernel"`, holds: func(c Config, _ error) bool { return c.Keychain == "kernel" }},
	KeyManagedBy: {policy: `"Example Ltd"`, holds: func(c Config, _ error) bool { return c.Policy.ManagedBy == "Example Ltd" }},
	// An allowed zone with another API base: refused.
	KeyAllowedZones: {policy: `["eu2.make.com"]`, try: map[string]string{EnvZone: "eu2.make.com"}, holds: func(c Config, err error) bool {
		return errors.Is(err, ErrNotAllowed) || c.APIBase == "https://eu2.make.com/api/v2"
	}},
	KeyAllowedScopes: {policy: `["openid", "user:read"]`, holds: func(c Config, err error) bool {
		return errors.Is(err, ErrNotAllowed) || !slices.Contains(c.Auth.Scopes, "scenarios:write")
	}},
	KeyDisableTokenCopy: {policy: `true`, holds: func(c Config, _ error) bool { return c.Policy.DisableTokenCopy }},
	KeyMaxAccounts:      {policy: `2`, holds: func(c Config, _ error) bool { return c.Policy.MaxAccounts == 2 }},
}

// The environment, flags and the saved settings, one at a time, try to
// steer around each of the policy's keys: the policy holds, and every
// value it overrides is said — an environment variable or a saved value
// ignored with a note, a flag refused as a usage error. A key added to
// the table without a case here fails.
func TestPolicyCannotBeSteeredAround(t *testing.T) {
	for _, d := range Definitions() {
		s, ok := steerings[d.Key]
		if !ok {
			t.Errorf("%s has no case in steerings: say how the environment could steer around it", d.Key)
			continue
		}
		policy := mustPolicy(t, fmt.Sprintf(`{%q: %s}`, d.Key, s.policy))
		try := map[string]string{}
		for env, v := range hostile {
			try[env] = v
		}
		for env, v := range s.try {
			try[env] = v
		}
		for _, way := range []string{"environment", "flag", "saved"} {
			t.Run(string(d.Key)+"/"+way, func(t *testing.T) {
				getenv, f, saved := func(string) string { return "" }, &Flags{}, Settings(nil)
				switch way {
				case "environment":
					getenv = func(k string) string { return try[k] }
				case "flag":
					f = flagsOf(t, try)
				case "saved":
					saved = Settings(try)
				}
				c, err := Load(f, getenv, saved, policy)
				if !s.holds(c, err) {
					t.Fatalf("steered around: %+v, err %v", c, err)
				}
				// Each setting the key fixes that was tried is said.
				for _, env := range slices.Sorted(mapKeys(try)) {
					if PolicyKey(env) != d.Key {
						continue
					}
					if way == "flag" {
						if !flagRefused(err, env) {
							t.Errorf("--%s against the policy's %s: err %v, want a usage error", FlagName(env), d.Key, err)
						}
					} else if !slices.ContainsFunc(c.Ignored, func(i Ignored) bool { return i.Env == env && i.Key == d.Key && i.Saved == (way == "saved") }) {
						t.Errorf("%s (%s) overridden by %s is not said: %v", env, way, d.Key, c.Ignored)
					}
				}
			})
		}
	}
}

func mapKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// flagsOf is the flags of the settings in m, as the command line parses them.
func flagsOf(t *testing.T, m map[string]string) *Flags {
	t.Helper()
	var f Flags
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	f.Register(fs)
	for env, v := range m {
		if err := fs.Set(FlagName(env), v); err != nil {
			t.Fatal(err)
		}
	}
	return &f
}

// flagRefused: err holds a usage error about env's flag, set by the policy.
func flagRefused(err error, env string) bool {
	for _, e := range ProblemsIn(err) {
		var se *SettingError
		if errors.As(e, &se) && se.Env == env && se.Source == FromFlag && errors.Is(e, ErrSetByPolicy) {
			return true
		}
	}
	return false
}
