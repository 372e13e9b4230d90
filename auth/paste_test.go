package auth

import (
	"errors"
	"net/url"
	"strings"
	"testing"
)

// TestPaste checks the address a person pastes exactly as the listener
// checks a callback: only this attempt's redirect address with this
// attempt's state ends it, and a wrong paste leaves it waiting.
func TestPaste(t *testing.T) {
	p := newTestProvider(t)
	a := begin(t, p, p.config())
	good := a.RedirectURI() + "?" + url.Values{"state": {a.state}, "code": {"c"}, "iss": {p.URL}}.Encode()
	wrong := []struct{ name, address, why string }{
		{"not a URL", "%zz", "it should start with " + a.RedirectURI()},
		{"another port", strings.Replace(good, a.redirect.Port(), "1", 1), "it should start with"},
		{"another host", strings.Replace(good, "127.0.0.1", "10.0.0.1", 1), "it should start with"},
		{"another path", strings.Replace(good, "/callback", "/other", 1), "it should start with"},
		{"https", strings.Replace(good, "http://", "https://", 1), "it should start with"},
		{"another attempt's state", strings.Replace(good, url.QueryEscape(a.state), "forged", 1), "belongs to another sign-in"},
		{"no state", a.RedirectURI() + "?code=c", "belongs to another sign-in"},
	}
	for _, tc := range wrong {
		err := a.Paste(tc.address)
		if !errors.Is(err, ErrNotTheCallback) || !strings.Contains(err.Error(), tc.why) {
			t.Errorf("%s: %v, want ErrNotTheCallback saying %q", tc.name, err, tc.why)
		}
		if _, done := ended(a); done {
			t.Fatalf("%s: a wrong paste ended the attempt", tc.name)
		}
	}
	if err := a.Paste("  " + good + "\n"); err != nil {
		t.Fatalf("the right address: %v", err)
	}
	r, done := ended(a)
	if !done || r.err != nil || r.conn == nil || r.conn.AccessToken != "at-1" {
		t.Fatalf("the right address gave %+v, %v", r, done)
	}
	if err := a.Paste(good); !errors.Is(err, ErrNotTheCallback) || !strings.Contains(err.Error(), "already finished") {
		t.Errorf("pasting again: %v", err)
	}
	if len(p.forms) != 1 {
		t.Errorf("the code was exchanged %d times", len(p.forms))
	}
}

// TestDefaultPortHost: on port 80 browsers send "Host: 127.0.0.1", without
// the port, and a person pastes what the address bar shows.
func TestDefaultPortHost(t *testing.T) {
	cases := []struct {
		redirect, host string
		want           bool
	}{
		{"http://127.0.0.1:80/callback", "127.0.0.1", true},
		{"http://127.0.0.1:80/callback", "127.0.0.1:80", true},
		{"http://[::1]:80/callback", "[::1]", true},
		{"http://127.0.0.1:8080/callback", "127.0.0.1", false},
		{"http://127.0.0.1:80/callback", "127.0.0.2", false},
		{"http://127.0.0.1:80/callback", "attacker.example", false},
	}
	for _, tc := range cases {
		u, _ := url.Parse(tc.redirect)
		if got := (&Attempt{redirect: u}).isRedirectHost(tc.host); got != tc.want {
			t.Errorf("redirect %s, Host %q: %v, want %v", tc.redirect, tc.host, got, tc.want)
		}
	}
}

// TestServerErrorsDoNotEchoTheState: an error a server sends back that
// repeats the attempt's state (FuzzPaste found one) is shown without it.
func TestServerErrorsDoNotEchoTheState(t *testing.T) {
	p := newTestProvider(t)
	a := begin(t, p, p.config())
	address := a.RedirectURI() + "?" + url.Values{"state": {a.state}, "error": {"bad?state=" + a.state},
		"error_description": {"we saw " + a.state}}.Encode()
	err := a.Paste(address)
	var ae *AuthorizeError
	if !errors.As(err, &ae) || strings.Contains(err.Error(), a.state) || !strings.Contains(err.Error(), "we saw [hidden]") {
		t.Fatalf("Paste = %v", err)
	}
}
