package sandbox

import (
	"errors"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

// TestRefreshTokens checks the RefreshTokens option: a refresh token comes
// with or without offline_access, refreshing rotates it, and a used one is
// refused.
func TestRefreshTokens(t *testing.T) {
	cases := []struct {
		name   string
		scopes []string
	}{
		{"without offline_access", []string{"openid", "user:read"}},
		{"with offline_access", []string{"openid", "offline_access", "user:read"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, Options{RefreshTokens: true}, c.scopes...)
			ctx := testContext(t)
			first := f.token(t)
			if first.RefreshToken == "" {
				t.Fatal("no refresh_token with Options.RefreshTokens")
			}
			expired := &oauth2.Token{RefreshToken: first.RefreshToken, Expiry: time.Now().Add(-time.Minute)}
			second, err := f.conf.TokenSource(ctx, expired).Token()
			if err != nil {
				t.Fatalf("refresh: %v", err)
			}
			if second.AccessToken == first.AccessToken || second.RefreshToken == "" || second.RefreshToken == first.RefreshToken {
				t.Errorf("refresh did not issue a new access token and a rotated refresh token")
			}
			idToken, err := f.verifyIDToken(ctx, second)
			if err != nil {
				t.Fatalf("refreshed id_token: %v", err)
			}
			if idToken.Subject != "1001" {
				t.Errorf("refreshed id_token sub = %q, want 1001", idToken.Subject)
			}
			if status, body := get(t, f.srv.Issuer()+pathUsersMe, second.AccessToken); status != 200 {
				t.Errorf("users/me with the refreshed token: %d %s", status, body)
			}
			_, err = f.conf.TokenSource(ctx, expired).Token()
			if code := retrieveErrorCode(err); code != "invalid_grant" {
				t.Errorf("reusing a refresh token: error %q (%v), want invalid_grant", code, err)
			}
		})
	}
}

// TestNoRefreshGrantByDefault checks that without the option the
// refresh_token grant is not available at all.
func TestNoRefreshGrantByDefault(t *testing.T) {
	f := newFixture(t, Options{}, "openid", "offline_access")
	if tok := f.token(t); tok.RefreshToken != "" {
		t.Fatal("got a refresh token without Options.RefreshTokens, even with offline_access")
	}
	expired := &oauth2.Token{RefreshToken: "ory_rt_made-up", Expiry: time.Now().Add(-time.Minute)}
	_, err := f.conf.TokenSource(testContext(t), expired).Token()
	if code := retrieveErrorCode(err); code != "unauthorized_client" {
		t.Errorf("refresh grant: error %q (%v), want unauthorized_client", code, err)
	}
}

// retrieveErrorCode is the RFC 6749 §5.2 error code of err, or "".
func retrieveErrorCode(err error) string {
	var rerr *oauth2.RetrieveError
	if errors.As(err, &rerr) {
		return rerr.ErrorCode
	}
	return ""
}
