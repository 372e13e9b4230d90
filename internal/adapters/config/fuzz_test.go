package config

import (
	"net"
	"net/url"
	"strings"
	"testing"
)

// FuzzLoad reads arbitrary settings from the environment: no panic, and
// whatever is accepted can be used safely — the token goes only to an
// https API base without user info (or a loopback IP), the browser comes
// back only to a loopback IP, and every scope can be sent as one.
func FuzzLoad(f *testing.F) {
	f.Add("eu1.make.com", "", "", "", "", "")
	f.Add("eu1", "https://make.example.org/api/v2", "https://www.make.com", "http://127.0.0.1:0/callback", "openid user:read", "5m")
	f.Add("eu1.make.com/../evil", "http://localhost/api", "http://make.example", "http://localhost:1/cb", "a\"b", "-1s")
	f.Add("https://u:p@evil.example/api/v2", "https://[::1]:80/x", "https://", "http://[::1]:80/callback", "openid,,", "1h")
	f.Fuzz(func(t *testing.T, zone, apiBase, issuer, redirect, scopes, timeout string) {
		env := map[string]string{EnvZone: zone, EnvAPIBase: apiBase, EnvIssuer: issuer, EnvRedirectURI: redirect, EnvScopes: scopes, EnvTimeout: timeout}
		c, err := Load(nil, func(k string) string { return env[k] }, nil, Policy{})
		if err != nil {
			return
		}
		u, perr := url.Parse(c.APIBase)
		if perr != nil || u.User != nil || CheckEndpoint("API base", c.APIBase) != nil {
			t.Fatalf("accepted the API base %q", c.APIBase)
		}
		if u.Scheme == "http" {
			if ip := net.ParseIP(u.Hostname()); ip == nil || !ip.IsLoopback() {
				t.Fatalf("accepted plain http to %q", u.Host)
			}
		}
		if c.Zone == "" || strings.ContainsAny(c.Zone, "/?#@ ") {
			t.Fatalf("accepted the zone %q", c.Zone)
		}
		if CheckRedirectURI(c.Auth.RedirectURI) != nil || CheckScopes(c.Auth.Scopes) != nil || CheckEndpoint("issuer", c.Auth.Issuer) != nil {
			t.Fatalf("accepted %+v", c.Auth)
		}
		if r, _ := url.Parse(c.Auth.RedirectURI); r == nil || net.ParseIP(r.Hostname()) == nil || !net.ParseIP(r.Hostname()).IsLoopback() {
			t.Fatalf("accepted the redirect URI %q", c.Auth.RedirectURI)
		}
		if c.Auth.Timeout <= 0 {
			t.Fatalf("accepted the timeout %v", c.Auth.Timeout)
		}
	})
}
