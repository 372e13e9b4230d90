package sandbox

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/oauth2"
)

// TestUsersMe checks GET /api/v2/users/me against scopes and bad tokens.
func TestUsersMe(t *testing.T) {
	withUser := newFixture(t, Options{}, "openid", "user:read")
	withoutUser := newFixture(t, Options{}, "openid", "scenarios:read")
	cases := []struct {
		name       string
		f          *fixture
		bearer     func(t *testing.T, f *fixture) string
		wantStatus int
		wantBody   string
	}{
		{"user:read", withUser, func(t *testing.T, f *fixture) string { return f.token(t).AccessToken }, 200,
			`{"authUser":{"id":1001,"name":"Ada Lovelace","email":"ada@example.com","language":"en","timezone":"Europe/Prague"}}`},
		{"no user:read", withoutUser, func(t *testing.T, f *fixture) string { return f.token(t).AccessToken }, 403,
			`{"message":"Permission denied","detail":"Access denied.","code":"SC403"}`},
		{"made-up token", withUser, func(*testing.T, *fixture) string { return "ory_at_made-up.token" }, 401, ""},
		{"no token", withUser, func(*testing.T, *fixture) string { return "" }, 401, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, body := get(t, c.f.srv.Issuer()+pathUsersMe, c.bearer(t, c.f))
			if status != c.wantStatus {
				t.Fatalf("status = %d, want %d; body %s", status, c.wantStatus, body)
			}
			if c.wantBody != "" && strings.TrimSpace(body) != c.wantBody {
				t.Errorf("body = %s, want %s", body, c.wantBody)
			}
			var apiErr struct{ Message string }
			if status != 200 && (json.Unmarshal([]byte(body), &apiErr) != nil || apiErr.Message == "") {
				t.Errorf("error body %q has no message", body)
			}
		})
	}
}

// TestOrganizations checks GET /api/v2/organizations: one organization per
// configured zone, written as given, behind organizations:read; and the
// rate limit, which answers every API call with 429.
func TestOrganizations(t *testing.T) {
	f := newFixture(t, Options{OrganizationZones: []string{"us2.make.com", "eu1"}}, "openid", "organizations:read")
	status, body := get(t, f.srv.Issuer()+pathOrgs, f.token(t).AccessToken)
	want := `{"organizations":[{"id":10010,"name":"Ada's team in us2.make.com","zone":"us2.make.com"},` +
		`{"id":10011,"name":"Ada's team in eu1","zone":"eu1"}],"pg":{"limit":100,"offset":0,"sortBy":"name","sortDir":"asc"}}`
	if status != 200 || strings.TrimSpace(body) != want {
		t.Errorf("organizations: %d %s, want %s", status, body, want)
	}
	withoutScope := newFixture(t, Options{}, "openid", "user:read")
	if status, _ := get(t, withoutScope.srv.Issuer()+pathOrgs, withoutScope.token(t).AccessToken); status != 403 {
		t.Errorf("without organizations:read: %d, want 403", status)
	}
	limited := newFixture(t, Options{RateLimited: true}, "openid", "user:read")
	tok := limited.token(t).AccessToken
	for _, path := range []string{pathUsersMe, pathOrgs} {
		if status, body := get(t, limited.srv.Issuer()+path, tok); status != 429 || !strings.Contains(body, "Requests limit for organization exceeded") {
			t.Errorf("%s over the rate limit: %d %s", path, status, body)
		}
	}
}

// TestRevocation checks RFC 7009 revocation by a public client: the access
// token stops working for the API and for userinfo, whichever token is
// revoked.
func TestRevocation(t *testing.T) {
	f := newFixture(t, Options{RefreshTokens: true}, "openid", "user:read")
	cases := []struct {
		name, hint string
		token      func(*oauth2.Token) string
	}{
		{"access token", "access_token", func(tok *oauth2.Token) string { return tok.AccessToken }},
		{"access token, no hint", "", func(tok *oauth2.Token) string { return tok.AccessToken }},
		{"refresh token revokes the grant", "refresh_token", func(tok *oauth2.Token) string { return tok.RefreshToken }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := testContext(t)
			tok := f.token(t)
			if _, err := f.provider.UserInfo(ctx, oauth2.StaticTokenSource(tok)); err != nil {
				t.Fatalf("userinfo before revocation: %v", err)
			}
			if status, body := get(t, f.srv.Issuer()+pathUsersMe, tok.AccessToken); status != 200 {
				t.Fatalf("users/me before revocation: %d %s", status, body)
			}
			form := url.Values{"token": {c.token(tok)}, "client_id": {testClientID}}
			if c.hint != "" {
				form.Set("token_type_hint", c.hint)
			}
			resp, err := http.PostForm(f.srv.Issuer()+pathRevoke, form)
			if err != nil {
				t.Fatalf("revoke: %v", err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Fatalf("revoke: status %d, want 200", resp.StatusCode)
			}
			if status, body := get(t, f.srv.Issuer()+pathUsersMe, tok.AccessToken); status != 401 {
				t.Errorf("users/me after revocation: %d %s, want 401", status, body)
			}
			if _, err := f.provider.UserInfo(ctx, oauth2.StaticTokenSource(tok)); err == nil {
				t.Errorf("userinfo still answers after revocation")
			}
		})
	}
}

// TestUserinfo checks the userinfo endpoint through go-oidc, and that a
// refresh token is no bearer token even though fosite's introspection
// would accept it.
func TestUserinfo(t *testing.T) {
	f := newFixture(t, Options{RefreshTokens: true}, "openid")
	tok := f.token(t)
	info, err := f.provider.UserInfo(testContext(t), oauth2.StaticTokenSource(tok))
	if err != nil {
		t.Fatalf("UserInfo: %v", err)
	}
	if info.Subject != "1001" {
		t.Errorf("sub = %q, want 1001", info.Subject)
	}
	if status, body := get(t, f.srv.Issuer()+pathUserinfo, tok.RefreshToken); status != 401 {
		t.Errorf("userinfo with a refresh token: %d %s, want 401", status, body)
	}
}
