package config

import (
	"strings"
	"testing"
	"time"

	"github.com/make-connect/make-connect/auth"
)

func TestLoadPrecedence(t *testing.T) {
	env := map[string]string{
		EnvClientID: "from-env", EnvScopes: "openid, scenarios:read", EnvZone: "us1.make.com", EnvTimeout: "30s",
	}
	getenv := func(k string) string { return env[k] }
	cases := []struct {
		name  string
		flags Flags
		check func(t *testing.T, c Config)
	}{
		{"environment over defaults", Flags{}, func(t *testing.T, c Config) {
			if c.Auth.ClientID != "from-env" || strings.Join(c.Auth.Scopes, " ") != "openid scenarios:read" ||
				c.APIBase != "https://us1.make.com/api/v2" || c.Auth.Timeout != 30*time.Second {
				t.Errorf("got %+v", c)
			}
			if c.Auth.Issuer != auth.DefaultIssuer || c.Auth.RedirectURI != auth.DefaultRedirectURI || c.KeyringService != AppID {
				t.Errorf("defaults not applied: %+v", c)
			}
		}},
		{"flags over environment", Flags{ClientID: "from-flag", Zone: "eu2.make.com", APIBase: "https://api.example/v2"}, func(t *testing.T, c Config) {
			if c.Auth.ClientID != "from-flag" || c.Zone != "eu2.make.com" || c.APIBase != "https://api.example/v2" {
				t.Errorf("got %+v", c)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load(&tc.flags, getenv)
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, c)
		})
	}
}

func TestBuiltInClientID(t *testing.T) {
	BuiltInClientID = "baked-in"
	defer func() { BuiltInClientID = "" }()
	c, _ := Load(nil, func(string) string { return "" })
	if c.Auth.ClientID != "baked-in" {
		t.Fatalf("client ID = %q, want the built-in one", c.Auth.ClientID)
	}
}

func TestLoadRefuses(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"bad timeout", map[string]string{EnvTimeout: "soon"}, `the timeout "soon" is not a duration`},
		{"http API base", map[string]string{EnvAPIBase: "http://make.example/api/v2"}, "must use https"},
		{"fine", map[string]string{EnvAPIBase: "http://127.0.0.1:8787/api/v2"}, ""},
		{"no client ID is for connecting to say", nil, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(nil, func(k string) string { return tc.env[k] })
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("unexpected error %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
}
