package sandbox

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/oauth2"

	"github.com/make-connect/make-connect/internal/testkit/person"
)

// TestApproveFlow runs the whole flow for each built-in user: consent,
// code exchange, and go-oidc verification of the id_token.
func TestApproveFlow(t *testing.T) {
	f := newFixture(t, Options{}, "openid", "user:read")
	cases := []struct {
		email   string
		wantSub int
	}{
		{"", 1001}, // the preselected user
		{"ada@example.com", 1001},
		{"grace@example.com", 1002},
		{"alan@example.com", 1003},
	}
	for _, c := range cases {
		t.Run("email="+c.email, func(t *testing.T) {
			ctx := testContext(t)
			a := f.newAttempt()
			q := f.consent(t, person.Person{Email: c.email}, a, true)
			if q.Get("state") != a.state {
				t.Errorf("state came back changed")
			}
			if q.Get("iss") != f.srv.Issuer() {
				t.Errorf("iss = %q, want %q (RFC 9207)", q.Get("iss"), f.srv.Issuer())
			}
			for name := range q {
				if name != "code" && name != "state" && name != "iss" {
					t.Errorf("the callback carries %q; Make sends only code and state", name)
				}
			}
			tok, err := f.conf.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(a.verifier))
			if err != nil {
				t.Fatalf("Exchange: %v", err)
			}
			// fosite counts down from when the code was issued: a slow
			// machine (the race detector) can take a second off.
			if tok.ExpiresIn != 3600 && tok.ExpiresIn != 3599 {
				t.Errorf("expires_in = %d, want 3600", tok.ExpiresIn)
			}
			if tok.RefreshToken != "" {
				t.Errorf("got a refresh token by default")
			}
			if !strings.EqualFold(tok.TokenType, "bearer") {
				t.Errorf("token_type = %q, want bearer", tok.TokenType)
			}
			idToken, err := f.verifyIDToken(ctx, tok)
			if err != nil {
				t.Fatalf("go-oidc Verify: %v", err)
			}
			if idToken.Nonce != a.nonce {
				t.Errorf("nonce did not come back")
			}
			if idToken.Subject != strconv.Itoa(c.wantSub) {
				t.Errorf("sub = %q, want %d", idToken.Subject, c.wantSub)
			}
			if idToken.Issuer != f.srv.Issuer() || len(idToken.Audience) != 1 || idToken.Audience[0] != testClientID {
				t.Errorf("iss = %q, aud = %v", idToken.Issuer, idToken.Audience)
			}
			if kid := jwsHeader(t, tok.Extra("id_token").(string))["kid"]; kid != f.srv.key.kid || kid == "" {
				t.Errorf("kid = %v, want %q", kid, f.srv.key.kid)
			}
		})
	}
}

// jwsHeader decodes a compact JWS's protected header.
func jwsHeader(t *testing.T, jws string) map[string]any {
	t.Helper()
	raw, err := base64.RawURLEncoding.DecodeString(strings.SplitN(jws, ".", 2)[0])
	if err != nil {
		t.Fatalf("decode JWS header: %v", err)
	}
	h := map[string]any{}
	if err := json.Unmarshal(raw, &h); err != nil {
		t.Fatalf("parse JWS header: %v", err)
	}
	return h
}

// TestAuthorizeAnswers checks what the authorization endpoint sends back to
// the client for requests fosite accepts, refuses, or the person declines.
func TestAuthorizeAnswers(t *testing.T) {
	f := newFixture(t, Options{}, "openid", "user:read")
	verifier := oauth2.GenerateVerifier()
	cases := []struct {
		name      string
		opts      []oauth2.AuthCodeOption
		allow     bool
		wantError string // "" means a code
		wantHint  string
		wantScope string // checked at the token endpoint when set
	}{
		{name: "allow", allow: true},
		{name: "deny", allow: false, wantError: "access_denied"},
		{name: "comma-separated scopes", allow: true, wantScope: "openid user:read scenarios:read",
			opts: []oauth2.AuthCodeOption{oauth2.SetAuthURLParam("scope", "openid,user:read,scenarios:read")}},
		{name: "no code_challenge", allow: true, wantError: "invalid_request", wantHint: "code_challenge",
			opts: []oauth2.AuthCodeOption{oauth2.SetAuthURLParam("code_challenge", ""), oauth2.SetAuthURLParam("code_challenge_method", "")}},
		{name: "plain code_challenge_method", allow: true, wantError: "invalid_request", wantHint: "S256",
			opts: []oauth2.AuthCodeOption{oauth2.SetAuthURLParam("code_challenge", verifier), oauth2.SetAuthURLParam("code_challenge_method", "plain")}},
		{name: "unknown scope", allow: true, wantError: "invalid_scope",
			opts: []oauth2.AuthCodeOption{oauth2.SetAuthURLParam("scope", "openid everything:write")}},
		{name: "guessable state", allow: true, wantError: "invalid_state",
			opts: []oauth2.AuthCodeOption{oauth2.SetAuthURLParam("state", "abc")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := f.newAttempt(c.opts...)
			q := f.consent(t, person.Person{}, a, c.allow)
			if q.Get("error") != c.wantError {
				t.Fatalf("error = %q (%s), want %q", q.Get("error"), q.Get("error_description"), c.wantError)
			}
			if !strings.Contains(q.Get("error_description"), c.wantHint) {
				t.Errorf("error_description = %q, want it to mention %q", q.Get("error_description"), c.wantHint)
			}
			if (q.Get("code") == "") != (c.wantError != "") {
				t.Errorf("code present = %v with error %q", q.Get("code") != "", q.Get("error"))
			}
			if c.name != "guessable state" && q.Get("state") != a.state {
				t.Errorf("state came back changed")
			}
			if q.Get("iss") != f.srv.Issuer() {
				t.Errorf("iss = %q, want %q", q.Get("iss"), f.srv.Issuer())
			}
			if c.wantScope != "" {
				tok, err := f.conf.Exchange(testContext(t), q.Get("code"), oauth2.VerifierOption(a.verifier))
				if err != nil {
					t.Fatalf("Exchange: %v", err)
				}
				if got := tok.Extra("scope"); got != c.wantScope {
					t.Errorf("granted scope = %v, want %q", got, c.wantScope)
				}
			}
		})
	}
}

// TestAuthorizeErrorPage checks that requests fosite cannot trust the
// redirect URI of end on an error page, never a redirect.
func TestAuthorizeErrorPage(t *testing.T) {
	f := newFixture(t, Options{}, "openid")
	cases := []struct {
		name, redirect, clientID, wantText string
	}{
		{"foreign redirect", "http://evil.example/callback", testClientID, "pre-registered redirect"},
		{"wrong loopback path", "http://127.0.0.1:5555/other", testClientID, "pre-registered redirect"},
		{"localhost is not loopback literal", "http://localhost:5555/callback", testClientID, "pre-registered redirect"},
		{"no client_id", unvisitedRedirect, "", "invalid_client"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			conf := *f.conf
			conf.RedirectURL, conf.ClientID = c.redirect, c.clientID
			authURL := conf.AuthCodeURL(oauth2.GenerateVerifier(), oauth2.S256ChallengeOption(oauth2.GenerateVerifier()))
			target, err := person.Person{}.Consent(testContext(t), authURL, true)
			if err == nil {
				t.Fatalf("Consent redirected to %s, want an error page", target)
			}
			if !strings.Contains(err.Error(), c.wantText) {
				t.Errorf("error %q does not mention %q", err, c.wantText)
			}
		})
	}
}
