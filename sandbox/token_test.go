package sandbox

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

// TestTokenRefusals checks that fosite refuses bad code exchanges with
// RFC 6749 §5.2 invalid_grant.
func TestTokenRefusals(t *testing.T) {
	f := newFixture(t, Options{}, "openid")
	cases := []struct {
		name     string
		exchange func(a attempt, code string) error
	}{
		{"wrong code_verifier", func(a attempt, code string) error {
			_, err := f.conf.Exchange(testContext(t), code, oauth2.VerifierOption(oauth2.GenerateVerifier()))
			return err
		}},
		{"no code_verifier", func(a attempt, code string) error {
			_, err := f.conf.Exchange(testContext(t), code)
			return err
		}},
		{"code used twice", func(a attempt, code string) error {
			if _, err := f.conf.Exchange(testContext(t), code, oauth2.VerifierOption(a.verifier)); err != nil {
				t.Fatalf("first Exchange: %v", err)
			}
			_, err := f.conf.Exchange(testContext(t), code, oauth2.VerifierOption(a.verifier))
			return err
		}},
		{"different redirect_uri", func(a attempt, code string) error {
			conf := *f.conf
			conf.RedirectURL = "http://127.0.0.1:6666/callback"
			_, err := conf.Exchange(testContext(t), code, oauth2.VerifierOption(a.verifier))
			return err
		}},
		{"unknown code", func(a attempt, code string) error {
			_, err := f.conf.Exchange(testContext(t), code+"x", oauth2.VerifierOption(a.verifier))
			return err
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := f.newAttempt()
			err := c.exchange(a, f.approve(t, a))
			var rerr *oauth2.RetrieveError
			if !errors.As(err, &rerr) {
				t.Fatalf("err = %v, want an *oauth2.RetrieveError", err)
			}
			if rerr.ErrorCode != "invalid_grant" {
				t.Errorf("error = %q (%s), want invalid_grant", rerr.ErrorCode, rerr.ErrorDescription)
			}
		})
	}
}

// TestAccessTokenLifespan checks that expires_in follows the option.
func TestAccessTokenLifespan(t *testing.T) {
	cases := []struct {
		lifespan time.Duration
		want     int64
	}{
		{0, 3600},
		{2 * time.Minute, 120},
	}
	for _, c := range cases {
		t.Run(c.lifespan.String(), func(t *testing.T) {
			f := newFixture(t, Options{AccessTokenLifespan: c.lifespan}, "openid")
			if got := f.token(t).ExpiresIn; got != c.want {
				t.Errorf("expires_in = %d, want %d", got, c.want)
			}
		})
	}
}

// TestIDTokenFaults checks the id_token options: padding keeps the token
// valid but long, tampering makes go-oidc refuse it.
func TestIDTokenFaults(t *testing.T) {
	cases := []struct {
		name       string
		opts       Options
		wantMinLen int
		wantErr    string
	}{
		{"plain", Options{}, 0, ""},
		{"padding", Options{IDTokenPadding: 6000}, 6000, ""},
		{"tampered", Options{TamperIDToken: true}, 0, "signature"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, c.opts, "openid")
			tok := f.token(t)
			raw, _ := tok.Extra("id_token").(string)
			if len(raw) <= c.wantMinLen {
				t.Errorf("id_token is %d bytes, want more than %d", len(raw), c.wantMinLen)
			}
			idToken, err := f.verifyIDToken(testContext(t), tok)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("Verify err = %v, want one about %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			var claims struct {
				Padding string `json:"padding"`
			}
			if err := idToken.Claims(&claims); err != nil {
				t.Fatal(err)
			}
			if len(claims.Padding) != c.opts.IDTokenPadding {
				t.Errorf("padding claim is %d bytes, want %d", len(claims.Padding), c.opts.IDTokenPadding)
			}
		})
	}
}

// TestTokenDelay checks that a slow token endpoint is slow, and that it
// stops waiting when the client gives up.
func TestTokenDelay(t *testing.T) {
	t.Run("waits", func(t *testing.T) {
		f := newFixture(t, Options{TokenDelay: 300 * time.Millisecond}, "openid")
		start := time.Now()
		f.token(t)
		if took := time.Since(start); took < 300*time.Millisecond {
			t.Errorf("the flow took %v, want at least the 300ms delay", took)
		}
	})
	t.Run("client gives up", func(t *testing.T) {
		f := newFixture(t, Options{TokenDelay: time.Minute}, "openid")
		a := f.newAttempt()
		code := f.approve(t, a)
		ctx, cancel := context.WithTimeout(testContext(t), 200*time.Millisecond)
		defer cancel()
		if _, err := f.conf.Exchange(ctx, code, oauth2.VerifierOption(a.verifier)); err == nil {
			t.Fatal("Exchange succeeded despite the one-minute delay")
		}
		deadline := time.Now().Add(5 * time.Second)
		for !strings.Contains(f.logs.all(), "went away") {
			if time.Now().After(deadline) {
				t.Fatalf("the server did not notice the client leave; log:\n%s", f.logs.all())
			}
			time.Sleep(20 * time.Millisecond)
		}
	})
}
