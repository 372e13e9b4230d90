package sandbox

import (
	"context"
	"errors"
	"net/http"
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

// TestIDTokenFaults checks that a tampered id_token is refused by go-oidc.
func TestIDTokenFaults(t *testing.T) {
	cases := []struct {
		name    string
		opts    Options
		wantErr string
	}{
		{"plain", Options{}, ""},
		{"tampered", Options{TamperIDToken: true}, "signature"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, c.opts, "openid")
			_, err := f.verifyIDToken(testContext(t), f.token(t))
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("Verify err = %v, want one about %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
		})
	}
}

// TestTokenEntropy checks that large tokens still work end to end: the
// access token is as long as asked and accepted by /users/me.
func TestTokenEntropy(t *testing.T) {
	f := newFixture(t, Options{TokenEntropy: 6000}, "openid", "user:read")
	tok := f.token(t)
	if len(tok.AccessToken) < 8000 {
		t.Errorf("access token is %d bytes, want over 8,000", len(tok.AccessToken))
	}
	req, _ := http.NewRequestWithContext(testContext(t), http.MethodGet, f.srv.Issuer()+"/api/v2/users/me", nil)
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("/users/me with a large token: HTTP %d", resp.StatusCode)
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
