package config

import (
	"errors"
	"strings"
	"testing"
)

// TestRedirectKinds: each of the three kinds is told apart and checked by
// its own rules; every refusal is a *ValueError naming the rule broken.
func TestRedirectKinds(t *testing.T) {
	defer func(id string) { AppID = id }(AppID)
	AppID = "com.MakeConnect.app" // the scheme is its lower case
	cases := []struct {
		raw  string
		kind RedirectKind
		want Problem
	}{
		{"http://127.0.0.1:0/callback", Loopback, 0},
		{"http://[::1]:53682/cb", Loopback, 0},
		{"http://localhost:1/cb", 0, Localhost},
		{"http://intranet.example/cb", 0, NotLoopback},
		{"http://127.0.0.1/cb", 0, NoPort},
		{"http://127.0.0.1:1/", 0, NoPath},
		{"com.makeconnect.app:/callback", PrivateScheme, 0},
		{"COM.MakeConnect.App:/oauth/make", PrivateScheme, 0},
		{"com.makeconnect.app://callback", 0, SchemeForm},
		{"com.makeconnect.app:callback", 0, SchemeForm},
		{"com.makeconnect.app:///callback", 0, SchemeForm},
		{"com.makeconnect.app:/", 0, NoPath},
		{"com.makeconnect.app:/callback?x=1", 0, QueryOrFragment},
		{"com.other.app:/callback", 0, NotRedirectKind},
		{"ftp://127.0.0.1:1/cb", 0, NotRedirectKind},
		{"127.0.0.1:1/cb", 0, NotURL},
		{"https://intranet.example/make-connect/callback", HTTPSPage, 0},
		{"https://intranet.example:8443/", HTTPSPage, 0},
		{"https:///callback", 0, NotURL},
		{"https://u:p@intranet.example/cb", 0, UserInfo},
		{"https://intranet.example/cb#x", 0, QueryOrFragment},
		{"https://intranet.example/cb?", 0, QueryOrFragment},
		{"https://intranet.example:99999/cb", 0, BadPort},
	}
	for _, tc := range cases {
		_, kind, err := ParseRedirectURI(tc.raw)
		var ve *ValueError
		switch {
		case tc.want == 0 && (err != nil || kind != tc.kind):
			t.Errorf("%s: kind %d, %v; want kind %d", tc.raw, kind, err, tc.kind)
		case tc.want != 0 && (!errors.As(err, &ve) || ve.Problem != tc.want || ve.What != "redirect URI"):
			t.Errorf("%s: %v, want problem %d", tc.raw, err, tc.want)
		}
	}
	if got := SchemeRedirectURI(); got != "com.makeconnect.app:/callback" {
		t.Errorf("SchemeRedirectURI() = %q", got)
	}
	if err := CheckRedirectURI("https://u:secret@intranet.example/cb"); err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("a password in the redirect URI: %v", err)
	}
}
