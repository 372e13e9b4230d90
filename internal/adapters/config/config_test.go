package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLoadPrecedence(t *testing.T) {
	BuiltInClientID = "built-in"
	defer func() { BuiltInClientID = "" }()
	env := map[string]string{EnvClientID: "from-env", EnvScopes: "openid, scenarios:read", EnvTimeout: "30s"}
	saved := Settings{EnvClientID: "from-settings", EnvZone: "us1", EnvRedirectURI: "http://127.0.0.1:53682/callback"}
	cases := []struct {
		name    string
		flags   Flags
		env     map[string]string
		saved   Settings
		check   func(t *testing.T, c Config)
		sources map[string]Source
	}{
		{"defaults and built in", Flags{}, nil, nil, func(t *testing.T, c Config) {
			if c.Auth.ClientID != "built-in" || c.Auth.Issuer != DefaultIssuer || c.Auth.RedirectURI != DefaultRedirectURI ||
				c.KeyringService != AppID || c.Zone != "eu1.make.com" || c.APIBase != "https://eu1.make.com/api/v2" || c.Verbose {
				t.Errorf("got %+v", c)
			}
		}, map[string]Source{EnvClientID: FromBuiltIn, EnvZone: FromDefault, EnvAPIBase: FromDefault}},
		{"saved settings over built in", Flags{}, nil, saved, func(t *testing.T, c Config) {
			if c.Auth.ClientID != "from-settings" || c.Zone != "us1.make.com" || c.APIBase != "https://us1.make.com/api/v2" ||
				c.Auth.RedirectURI != "http://127.0.0.1:53682/callback" {
				t.Errorf("got %+v", c)
			}
		}, map[string]Source{EnvClientID: FromSaved, EnvZone: FromSaved, EnvRedirectURI: FromSaved}},
		{"environment over saved settings", Flags{}, env, saved, func(t *testing.T, c Config) {
			if c.Auth.ClientID != "from-env" || strings.Join(c.Auth.Scopes, " ") != "openid scenarios:read" ||
				c.Auth.Timeout != 30*time.Second || c.Zone != "us1.make.com" {
				t.Errorf("got %+v", c)
			}
		}, map[string]Source{EnvClientID: FromEnvironment, EnvScopes: FromEnvironment, EnvZone: FromSaved}},
		{"flags over environment", Flags{ClientID: "from-flag", Zone: "eu2.make.com", APIBase: "https://api.example/v2/", Verbose: true}, env, saved, func(t *testing.T, c Config) {
			if c.Auth.ClientID != "from-flag" || c.Zone != "eu2.make.com" || c.APIBase != "https://api.example/v2" || !c.Verbose {
				t.Errorf("got %+v", c)
			}
		}, map[string]Source{EnvClientID: FromFlag, EnvZone: FromFlag, EnvAPIBase: FromFlag}},
		{"a zone given as an API base", Flags{}, map[string]string{EnvZone: "https://make.example.org/api/v2"}, nil, func(t *testing.T, c Config) {
			if c.Zone != "make.example.org" || c.APIBase != "https://make.example.org/api/v2" {
				t.Errorf("got %+v", c)
			}
		}, nil},
		{"debug from the environment", Flags{}, map[string]string{EnvDebug: "1"}, nil, func(t *testing.T, c Config) {
			if !c.Verbose {
				t.Error("MAKE_CONNECT_DEBUG=1 is not verbose")
			}
		}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load(&tc.flags, func(k string) string { return tc.env[k] }, tc.saved, Policy{})
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, c)
			for env, want := range tc.sources {
				if got := c.Sources[env]; got != want {
					t.Errorf("%s comes from %v, want %v", env, got, want)
				}
			}
		})
	}
}

func TestLoadRefuses(t *testing.T) {
	cases := []struct {
		name  string
		flags Flags
		env   map[string]string
		saved Settings
		want  []string
	}{
		{"bad timeout", Flags{}, map[string]string{EnvTimeout: "soon"}, nil,
			[]string{`the timeout "soon" is not a duration`, "set by MAKE_CONNECT_TIMEOUT in the environment"}},
		{"garbage zone", Flags{Zone: "garbage"}, nil, nil,
			[]string{`the zone "garbage" is not one of Make's zones (eu1.make.com, eu2.make.com`, "set by --zone"}},
		{"a zone with a path", Flags{}, map[string]string{EnvZone: "eu1.make.com/../evil"}, nil, []string{"is not one of Make's zones"}},
		{"a saved zone is checked too", Flags{}, nil, Settings{EnvZone: "evil.example"}, []string{"is not one of Make's zones", "saved in Settings"}},
		{"http API base", Flags{}, map[string]string{EnvAPIBase: "http://make.example/api/v2"}, nil, []string{"must use https", "MAKE_CONNECT_API_BASE"}},
		{"API base with a password", Flags{APIBase: "https://u:p@make.example/api/v2"}, nil, nil, []string{"must not carry a user name or password", "--api-base"}},
		{"http issuer", Flags{}, map[string]string{EnvIssuer: "http://make.example"}, nil, []string{"must use https"}},
		{"localhost redirect", Flags{RedirectURI: "http://localhost:8080/callback"}, nil, nil, []string{"use http://127.0.0.1 instead", "--redirect-uri"}},
		{"a scope with a quote", Flags{Scopes: `openid "x`}, nil, nil, []string{`“"x” is not a scope`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(&tc.flags, func(k string) string { return tc.env[k] }, tc.saved, Policy{})
			if err == nil {
				t.Fatal("accepted")
			}
			for _, want := range tc.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
		})
	}
	// A loopback API base (the sandbox) and no client ID are fine here.
	if _, err := Load(&Flags{APIBase: "http://127.0.0.1:8787/api/v2"}, func(string) string { return "" }, nil, Policy{}); err != nil {
		t.Errorf("loopback API base: %v", err)
	}
}

func TestSavedSettings(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "make-connect")
	if s, err := ReadSettings(dir); err != nil || len(s) != 0 {
		t.Fatalf("nothing saved yet: %v, %v", s, err)
	}
	want := Settings{EnvClientID: "abc", EnvZone: "us2.make.com", EnvCAFile: "/etc/ssl/corp.pem"}
	if err := (Settings{EnvClientID: " abc ", EnvZone: "us2.make.com", EnvCAFile: "/etc/ssl/corp.pem", EnvIssuer: "not saveable"}).Write(dir); err != nil {
		t.Fatal(err)
	}
	got, err := ReadSettings(dir)
	if err != nil || len(got) != len(want) || got[EnvClientID] != "abc" || got[EnvZone] != "us2.make.com" || got[EnvCAFile] != want[EnvCAFile] {
		t.Fatalf("read back %v, %v; want %v", got, err, want)
	}
	info, err := os.Stat(filepath.Join(dir, "settings.json"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("settings file mode %v (%v), want 0600", info.Mode(), err)
	}
	os.WriteFile(filepath.Join(dir, "settings.json"), []byte("{not json"), 0o600)
	if _, err := ReadSettings(dir); err == nil || !strings.Contains(err.Error(), "fix or delete it") {
		t.Errorf("a damaged file: %v", err)
	}
	if d, _ := Dir(func(k string) string { return map[string]string{EnvConfigDir: "/tmp/demo"}[k] }); d != "/tmp/demo" {
		t.Errorf("Dir with %s = %q", EnvConfigDir, d)
	}
}

func TestCAFileSetting(t *testing.T) {
	c, err := Load(&Flags{CAFile: filepath.Join(t.TempDir(), "missing.pem")}, func(string) string { return "" }, nil, Policy{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.HTTPClient(nil, nil); err == nil || !strings.Contains(err.Error(), "--ca-file") {
		t.Errorf("a missing CA file: %v, want an error naming --ca-file", err)
	}
}
