package auth

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestRefresh(t *testing.T) {
	t0 := time.Now().Truncate(time.Second)
	// idToken is the refreshed answer's id_token naming sub, signed by p.
	type idTokenFor func(p *testProvider) string
	signed := func(sub string) idTokenFor {
		return func(p *testProvider) string {
			return p.idToken(t, "client-1", "", func(c map[string]any) { c["sub"] = sub; delete(c, "nonce") })
		}
	}
	cases := []struct {
		name        string
		subject     string // the stored connection's
		body        map[string]any
		idToken     idTokenFor
		wantRefresh string
		wantErr     string
		refused     bool // errors.Is(err, ErrRefreshRefused)
	}{
		{name: "rotated", subject: "user-1", body: map[string]any{"access_token": "at-2", "refresh_token": "rt-2", "expires_in": 3600}, wantRefresh: "rt-2"},
		{name: "kept when none is sent", subject: "user-1", body: map[string]any{"access_token": "at-2", "expires_in": 3600}, wantRefresh: "rt-1"},
		{name: "same person in the new id_token", subject: "user-1", body: map[string]any{"access_token": "at-2", "expires_in": 3600},
			idToken: signed("user-1"), wantRefresh: "rt-1"},
		{name: "another person in the new id_token", subject: "user-1", body: map[string]any{"access_token": "at-2", "expires_in": 3600},
			idToken: signed("user-2"), wantErr: "names another person"},
		{name: "subject learned from /users/me is kept too", subject: "make-user:1001", body: map[string]any{"access_token": "at-2", "expires_in": 3600},
			idToken: signed("user-2"), wantErr: "names another person"},
		{name: "a forged id_token", subject: "user-1", body: map[string]any{"access_token": "at-2", "expires_in": 3600},
			idToken: func(p *testProvider) string { return signed("user-1")(p)[:40] + "x" }, wantErr: "verify id_token"},
		{name: "refused", subject: "user-1", body: map[string]any{"error": "invalid_grant", "error_description": "refresh token reused"},
			wantErr: "refused the refresh token: invalid_grant (refresh token reused)", refused: true},
		{name: "a passing failure is not a refusal", subject: "user-1", body: map[string]any{"error": "temporarily_unavailable"},
			wantErr: "refused the refresh token: temporarily_unavailable"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := newTestProvider(t)
			status := 200
			if tc.body["error"] != nil {
				status = 400
			}
			if tc.idToken != nil {
				tc.body["id_token"] = tc.idToken(p)
			}
			p.token = jsonToken(status, tc.body)
			old := &Connection{Issuer: p.URL, ClientID: "client-1", Subject: tc.subject,
				AccessToken: "at-1", RefreshToken: "rt-1", Scopes: []string{"openid"}, ScopesConfirmed: true}
			n, err := Refresh(context.Background(), Config{Now: func() time.Time { return t0 }}, old)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || strings.Contains(err.Error(), "rt-1") {
					t.Fatalf("err = %v, want %q without the token", err, tc.wantErr)
				}
				if errors.Is(err, ErrRefreshRefused) != tc.refused {
					t.Errorf("errors.Is(err, ErrRefreshRefused) = %v, want %v", !tc.refused, tc.refused)
				}
				if n != nil {
					t.Errorf("a failed refresh returned %+v", n)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			f := p.forms[0]
			if f.Get("grant_type") != "refresh_token" || f.Get("refresh_token") != "rt-1" || f.Get("client_id") != "client-1" {
				t.Errorf("request form = %v", f)
			}
			if n.AccessToken != "at-2" || n.RefreshToken != tc.wantRefresh || !n.ExpiresAt.Equal(t0.Add(time.Hour)) ||
				n.Subject != tc.subject || n.ID() != old.ID() || !n.ScopesConfirmed {
				t.Errorf("refreshed = %+v", n)
			}
			if old.AccessToken != "at-1" {
				t.Error("Refresh changed its argument")
			}
		})
	}
	if _, err := Refresh(context.Background(), Config{}, &Connection{}); !errors.Is(err, ErrNoRefreshToken) {
		t.Fatalf("without a refresh token: %v", err)
	}
}
