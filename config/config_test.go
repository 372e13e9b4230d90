package config

import (
	"errors"
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

func TestValidate(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"no client ID explains registration", nil, "Register a public OAuth client with Make"},
		{"bad timeout", map[string]string{EnvClientID: "x", EnvTimeout: "soon"}, `the timeout "soon" is not a duration`},
		{"localhost redirect", map[string]string{EnvClientID: "x", EnvRedirectURI: "http://localhost:8080/callback"}, "use http://127.0.0.1 instead"},
		{"remote redirect", map[string]string{EnvClientID: "x", EnvRedirectURI: "http://example.com:8080/callback"}, "must be on 127.0.0.1 or [::1]"},
		{"http issuer", map[string]string{EnvClientID: "x", EnvIssuer: "http://make.example"}, "must use https"},
		{"http API base", map[string]string{EnvClientID: "x", EnvAPIBase: "http://make.example/api/v2"}, "must use https"},
		{"fine", map[string]string{EnvClientID: "x", EnvRedirectURI: "http://127.0.0.1:53682/callback"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load(nil, func(k string) string { return tc.env[k] })
			if err == nil {
				err = c.Validate()
			}
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("unexpected error %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			if tc.name == "no client ID explains registration" && !errors.Is(err, auth.ErrNoClientID) {
				t.Error("the error does not wrap auth.ErrNoClientID")
			}
		})
	}
}
