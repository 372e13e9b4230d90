package auth

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/make-connect/make-connect/internal/platform/httpclient"
)

// approve sends the attempt's valid callback with code and returns the
// attempt's result.
func approve(t *testing.T, a *Attempt, code string) (*Connection, string, error) {
	t.Helper()
	_, body := callback(t, a, "GET", "/callback", url.Values{"state": {a.state}, "code": {code}}, "")
	r, done := ended(a)
	if !done {
		t.Fatal("a valid callback did not end the attempt")
	}
	return r.conn, body, r.err
}

func TestExchangeSendsWhatMakeRequires(t *testing.T) {
	p := newTestProvider(t)
	a := begin(t, p, p.config())
	if _, _, err := approve(t, a, "the-code"); err != nil {
		t.Fatal(err)
	}
	got := p.forms[0]
	want := url.Values{
		"client_id":     {"client-1"},
		"grant_type":    {"authorization_code"},
		"code":          {"the-code"},
		"code_verifier": {a.verifier},
		"redirect_uri":  {a.RedirectURI()},
	}
	if len(got) != len(want) {
		t.Errorf("form = %v, want exactly the keys of %v", keys(got), keys(want))
	}
	for k := range want {
		if got.Get(k) != want.Get(k) {
			t.Errorf("%s = %q, want %q", k, got.Get(k), want.Get(k))
		}
	}
}

func TestExchangeErrors(t *testing.T) {
	t.Parallel()
	raw := func(status int, contentType, body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", contentType)
			w.WriteHeader(status)
			w.Write([]byte(body))
		}
	}
	cases := []struct {
		name    string
		handler http.HandlerFunc
		want    string
	}{
		{"OAuth error", jsonToken(400, map[string]string{"error": "invalid_grant", "error_description": "The code has expired"}),
			"the token endpoint refused the code: invalid_grant (The code has expired)"},
		{"OAuth error with 200", jsonToken(200, map[string]string{"error": "invalid_request"}),
			"refused the code: invalid_request"},
		{"HTML error page", raw(502, "text/html", "<html><body>Bad gateway</body></html>"),
			"answered HTTP 502 with a web page instead of a token"},
		{"HTML with 200", raw(200, "text/html; charset=utf-8", "<!doctype html><p>Log in</p>"),
			"answered HTTP 200 with a web page instead of a token"},
		{"HTML labelled JSON", raw(200, "application/json", "  <html>oops</html>"),
			"with a web page instead of a token"},
		{"empty body", raw(200, "application/json", ""),
			"answered HTTP 200 with an empty body instead of a token"},
		{"too large", raw(200, "application/json", `{"access_token":"`+strings.Repeat("a", httpclient.MaxBody)+`"}`),
			"with more than 1 MiB instead of a token"},
		{"server error without words", raw(500, "application/json", "{}"),
			"answered HTTP 500 without saying why"},
		{"no access token", jsonToken(200, map[string]any{"token_type": "Bearer"}),
			"holds no access_token"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := newTestProvider(t)
			p.token = tc.handler
			a := begin(t, p, p.config())
			conn, page, err := approve(t, a, "secret-code-123")
			if err == nil || conn != nil {
				t.Fatalf("got %v, %v; want an error", conn, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not say %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "secret-code-123") || strings.Contains(page, "secret-code-123") {
				t.Error("the authorization code leaked into the error or page")
			}
			if !strings.Contains(page, "Connecting did not work") {
				t.Errorf("page %q does not tell the truth", page)
			}
		})
	}
}

func TestExpiryAndScopes(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	cases := []struct {
		name          string
		body          map[string]any
		wantExpiry    time.Time
		wantScopes    string
		wantConfirmed bool
	}{
		{"expires_in and scope", map[string]any{"expires_in": 3600, "scope": "openid user:read scenarios:read"},
			t0.Add(time.Hour), "openid user:read scenarios:read", true},
		{"comma separated scope", map[string]any{"expires_in": 60, "scope": "openid,user:read"},
			t0.Add(time.Minute), "openid user:read", true},
		{"no expires_in, no scope", map[string]any{},
			time.Time{}, "openid user:read organizations:read", false}, // as requested: the defaults
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := newTestProvider(t)
			cfg := p.config()
			cfg.Now = func() time.Time { return t0 }
			var a *Attempt
			p.token = func(w http.ResponseWriter, r *http.Request) {
				body := map[string]any{"access_token": "at", "token_type": "Bearer",
					"id_token": p.idToken(t, cfg.ClientID, a.nonce, func(c map[string]any) {
						c["iat"], c["exp"] = t0.Unix(), t0.Add(time.Hour).Unix()
					})}
				for k, v := range tc.body {
					body[k] = v
				}
				jsonToken(200, body)(w, r)
			}
			a = begin(t, p, cfg)
			conn, _, err := approve(t, a, "c")
			if err != nil {
				t.Fatal(err)
			}
			if !conn.ExpiresAt.Equal(tc.wantExpiry) || conn.ExpiryKnown() != !tc.wantExpiry.IsZero() {
				t.Errorf("ExpiresAt = %v, want %v", conn.ExpiresAt, tc.wantExpiry)
			}
			if conn.Expired(t0.Add(24*time.Hour)) != !tc.wantExpiry.IsZero() {
				t.Errorf("Expired a day later = %v", conn.Expired(t0.Add(24*time.Hour)))
			}
			if got := strings.Join(conn.Scopes, " "); got != tc.wantScopes || conn.ScopesConfirmed != tc.wantConfirmed {
				t.Errorf("scopes = %q confirmed=%v, want %q %v", got, conn.ScopesConfirmed, tc.wantScopes, tc.wantConfirmed)
			}
			if !conn.ObtainedAt.Equal(t0) || conn.Subject != "user-1" {
				t.Errorf("ObtainedAt %v, Subject %q", conn.ObtainedAt, conn.Subject)
			}
		})
	}
}

// TestIDTokenChecks: an id_token that fails a check refuses the sign-in,
// and the tokens the server issued with it are revoked (both of them), so
// nothing stays valid that this computer does not keep. Its exp and iat
// are checked with ClockLeeway.
func TestIDTokenChecks(t *testing.T) {
	t.Parallel()
	other, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		change func(c map[string]any)
		resign bool   // sign with a key the JWKS does not have
		want   string // in the error; "" when the sign-in is taken
	}{
		{"wrong audience", func(c map[string]any) { c["aud"] = "someone-else" }, false, "audience"},
		{"wrong issuer", func(c map[string]any) { c["iss"] = "https://evil.example" }, false, "different provider"},
		{"expired", func(c map[string]any) { c["exp"] = time.Now().Add(-time.Hour).Unix() }, false, "expired"},
		{"expired beyond the leeway", func(c map[string]any) { c["exp"] = time.Now().Add(-ClockLeeway - time.Minute).Unix() }, false, "expired"},
		{"expired within the leeway", func(c map[string]any) { c["exp"] = time.Now().Add(-ClockLeeway / 2).Unix() }, false, ""},
		{"issued beyond the leeway ahead", func(c map[string]any) { c["iat"] = time.Now().Add(ClockLeeway + time.Minute).Unix() }, false, "issued at"},
		{"issued within the leeway ahead", func(c map[string]any) { c["iat"] = time.Now().Add(ClockLeeway / 2).Unix() }, false, ""},
		{"wrong nonce", func(c map[string]any) { c["nonce"] = "replayed" }, false, "nonce"},
		{"unknown key", nil, true, "signature"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := newTestProvider(t)
			var mu sync.Mutex
			revoked := map[string]string{} // token → its hint
			p.revoke = func(w http.ResponseWriter, r *http.Request) {
				r.ParseForm()
				mu.Lock()
				revoked[r.PostForm.Get("token")] = r.PostForm.Get("token_type_hint")
				mu.Unlock()
			}
			cfg := p.config()
			accepted := false
			cfg.Accept = func(context.Context, *Connection) (string, error) { accepted = true; return "", nil }
			var a *Attempt
			p.token = func(w http.ResponseWriter, r *http.Request) {
				key := p.key
				if tc.resign {
					p.key = other
				}
				idt := p.idToken(t, cfg.ClientID, a.nonce, tc.change)
				p.key = key
				jsonToken(200, map[string]any{"access_token": "at", "refresh_token": "rt", "token_type": "Bearer", "expires_in": 3600, "id_token": idt})(w, r)
			}
			a = begin(t, p, cfg)
			conn, page, err := approve(t, a, "c")
			mu.Lock()
			defer mu.Unlock()
			if tc.want == "" {
				if err != nil || conn == nil || !accepted || len(revoked) != 0 {
					t.Fatalf("got %v, %v, accepted %v, revoked %d tokens; want the sign-in taken", conn, err, accepted, len(revoked))
				}
				return
			}
			if err == nil || conn != nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, ErrInvalidIDToken) {
				t.Fatalf("got %v, %v; want an error about %s", conn, err, tc.want)
			}
			if accepted {
				t.Error("a connection with a bad id_token was accepted (and would be stored)")
			}
			if strings.Contains(page, "is connected") {
				t.Error("the page claims success")
			}
			var nk *NotKeptError
			if !errors.As(err, &nk) || nk.RevokeErr != nil {
				t.Errorf("err = %v, want a NotKeptError whose tokens were revoked", err)
			}
			if revoked["at"] != "access_token" || revoked["rt"] != "refresh_token" {
				t.Errorf("revoked %d tokens, want the access and the refresh token with their hints", len(revoked))
			}
		})
	}
}

func TestAcceptFailureIsTheResult(t *testing.T) {
	p := newTestProvider(t)
	cfg := p.config()
	cfg.Accept = func(context.Context, *Connection) (string, error) {
		return "", errors.New("the system keychain did not answer within 10 s")
	}
	a := begin(t, p, cfg)
	conn, page, err := approve(t, a, "c")
	if conn != nil || err == nil || !strings.Contains(err.Error(), "keychain did not answer") || !strings.Contains(page, "Connecting did not work") {
		t.Fatalf("got %v, %v, page %q", conn, err, page)
	}
}

func TestRefusesPlainHTTP(t *testing.T) {
	cases := []struct{ name, issuer, tokenURL, want string }{
		{"issuer", "http://make.example", "", "refusing the issuer http://make.example: it must use https"},
		{"token endpoint", "", "http://make.example/token", "refusing the token endpoint http://make.example/token: it must use https"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := newTestProvider(t)
			cfg := p.config()
			if tc.issuer != "" {
				cfg.Issuer = tc.issuer
			}
			if tc.tokenURL != "" {
				p.meta["token_endpoint"] = tc.tokenURL
			}
			_, err := Begin(context.Background(), cfg)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Begin = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestRevoke(t *testing.T) {
	p := newTestProvider(t)
	var forms []url.Values
	p.revoke = func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		forms = append(forms, r.PostForm)
	}
	c := &Connection{Issuer: p.URL, ClientID: "client-1", AccessToken: "at", RefreshToken: "rt"}
	if err := Revoke(context.Background(), Config{}, c); err != nil {
		t.Fatal(err)
	}
	if len(forms) != 2 || forms[0].Get("token") != "rt" || forms[0].Get("token_type_hint") != "refresh_token" ||
		forms[1].Get("token") != "at" || forms[1].Get("token_type_hint") != "access_token" || forms[1].Get("client_id") != "client-1" {
		t.Fatalf("revocation requests = %v", forms)
	}
	// A refused refresh token does not stop the access token's revocation,
	// and each outcome is reported.
	forms = nil
	p.revoke = func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		forms = append(forms, r.PostForm)
		if r.PostForm.Get("token") == "rt" {
			jsonToken(400, map[string]string{"error": "unsupported_token_type"})(w, r)
		}
	}
	err := Revoke(context.Background(), Config{}, c)
	if len(forms) != 2 || forms[1].Get("token") != "at" {
		t.Fatalf("after a refused refresh token, %d requests: %v", len(forms), forms)
	}
	if err == nil || !strings.Contains(err.Error(), "revoke refresh_token: the server refused: unsupported_token_type") ||
		strings.Contains(err.Error(), "access_token") {
		t.Fatalf("Revoke = %v, want the refresh token's refusal only", err)
	}
	p.revoke = jsonToken(400, map[string]string{"error": "unsupported_token_type"})
	if err := Revoke(context.Background(), Config{}, c); err == nil || !strings.Contains(err.Error(), "refresh_token") || !strings.Contains(err.Error(), "access_token") {
		t.Fatalf("Revoke = %v, want both refusals", err)
	}
}
