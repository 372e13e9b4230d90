package auth

import (
	"errors"
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	cases := []struct {
		name string
		cfg  Config
		want string
	}{
		{"no client ID", Config{}, "no Make OAuth client ID"},
		{"localhost redirect", Config{ClientID: "x", RedirectURI: "http://localhost:8080/callback"}, "use http://127.0.0.1 instead"},
		{"remote redirect", Config{ClientID: "x", RedirectURI: "http://example.com:8080/callback"}, "must be on 127.0.0.1 or [::1]"},
		{"https page redirect", Config{ClientID: "x", RedirectURI: "https://intranet.example/make-connect/callback"}, ""},
		{"ftp redirect", Config{ClientID: "x", RedirectURI: "ftp://127.0.0.1:8080/callback"}, "must start with http://127.0.0.1"},
		{"another app's scheme", Config{ClientID: "x", RedirectURI: "com.other.app:/callback"}, "must start with http://127.0.0.1"},
		{"redirect without a port", Config{ClientID: "x", RedirectURI: "http://127.0.0.1/callback"}, "needs a port"},
		{"redirect without a path", Config{ClientID: "x", RedirectURI: "http://127.0.0.1:0"}, "needs a path"},
		{"redirect with a query", Config{ClientID: "x", RedirectURI: "http://127.0.0.1:0/cb?x=1"}, "must not have a query"},
		{"http issuer", Config{ClientID: "x", Issuer: "http://make.example"}, "must use https"},
		{"http issuer named localhost", Config{ClientID: "x", Issuer: "http://localhost:8787"}, "must use https"},
		{"http issuer on a loopback IP", Config{ClientID: "x", Issuer: "http://127.0.0.1:8787"}, ""},
		{"http issuer on IPv6 loopback", Config{ClientID: "x", Issuer: "http://[::1]:8787"}, ""},
		{"https issuer named localhost", Config{ClientID: "x", Issuer: "https://localhost:8443"}, ""},
		{"negative timeout", Config{ClientID: "x", Timeout: -1}, "negative"},
		{"defaults", Config{ClientID: "x"}, ""},
		{"fixed port", Config{ClientID: "x", RedirectURI: "http://127.0.0.1:53682/callback"}, ""},
		{"IPv6 loopback", Config{ClientID: "x", RedirectURI: "http://[::1]:0/callback"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.cfg.Validate()
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("unexpected error %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("error %v, want %q", err, tc.want)
			}
		})
	}
	if err := (Config{}).Validate(); !errors.Is(err, ErrNoClientID) {
		t.Errorf("no client ID: %v, want ErrNoClientID", err)
	}
}
