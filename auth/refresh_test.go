package auth

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestRefresh(t *testing.T) {
	t0 := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	cases := []struct {
		name        string
		body        map[string]any
		wantRefresh string
		wantErr     string
	}{
		{"rotated", map[string]any{"access_token": "at-2", "refresh_token": "rt-2", "expires_in": 3600}, "rt-2", ""},
		{"kept when none is sent", map[string]any{"access_token": "at-2", "expires_in": 3600}, "rt-1", ""},
		{"refused", map[string]any{"error": "invalid_grant", "error_description": "refresh token reused"}, "", "invalid_grant (refresh token reused)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := newTestProvider(t)
			status := 200
			if tc.body["error"] != nil {
				status = 400
			}
			p.token = jsonToken(status, tc.body)
			old := &Connection{Issuer: p.URL, ClientID: "client-1", Subject: "user-1", Name: "Ada",
				AccessToken: "at-1", RefreshToken: "rt-1", Scopes: []string{"openid"}, ScopesConfirmed: true}
			n, err := Refresh(context.Background(), Config{Now: func() time.Time { return t0 }}, old)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || strings.Contains(err.Error(), "rt-1") {
					t.Fatalf("err = %v, want %q without the token", err, tc.wantErr)
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
				n.Name != "Ada" || n.ID() != old.ID() || !n.ScopesConfirmed {
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
