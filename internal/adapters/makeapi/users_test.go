package makeapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// serve answers every request with status and body, checking that the
// token went where it should, as a bearer token.
func serve(t *testing.T, path string, status int, body string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != path || r.Header.Get("Authorization") != "Bearer tok" {
			t.Errorf("request %s with %q", r.URL.Path, r.Header.Get("Authorization"))
		}
		w.WriteHeader(status)
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/api/v2/"
}

func TestMe(t *testing.T) {
	cases := []struct {
		name    string
		status  int
		body    string
		want    *User
		wantErr string
		is      error
	}{
		{"user", 200, `{"authUser":{"id":7,"name":"Ada","email":"ada@example.com","language":"en"}}`, &User{7, "Ada", "ada@example.com"}, "", nil},
		{"a name that steers the terminal", 200, `{"authUser":{"id":7,"name":"Ada\u001b]0;pwned\u0007","email":"a@x"}}`, &User{7, "Ada\uFFFD]0;pwned\uFFFD", "a@x"}, "", nil},
		{"no user:read", 403, `{"message":"Permission denied","detail":"Access denied.","code":"SC403"}`, nil, "Make answered HTTP 403: Permission denied: Access denied. (SC403)", ErrMissingScope},
		{"revoked", 401, `{"message":"Unauthorized"}`, nil, "HTTP 401: Unauthorized", ErrRejected},
		{"rate limit", 429, `{"message":"Requests limit for organization exceeded, please try again later"}`, nil, "Requests limit for organization exceeded", ErrRateLimited},
		{"HTML", 200, `<html>login</html>`, nil, "was not what Make sends", nil},
		{"not JSON error", 502, `<html>bad gateway</html>`, nil, "Make answered HTTP 502: Bad Gateway", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u, err := Client{BaseURL: serve(t, "/api/v2/users/me", tc.status, tc.body)}.Me(context.Background(), "tok")
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || strings.Contains(err.Error(), "tok") {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				if tc.is != nil && !errors.Is(err, tc.is) {
					t.Errorf("%v is not %v", err, tc.is)
				}
				return
			}
			if err != nil || *u != *tc.want {
				t.Fatalf("Me = %+v, %v", u, err)
			}
		})
	}
}

func TestOrganizations(t *testing.T) {
	body := `{"organizations":[{"id":1,"name":"Acme","zone":"us2.make.com"},{"id":2,"name":"Beta","zone":"eu1"},` +
		`{"id":3,"name":"","zone":"eu9.make.com"}],"pg":{"limit":100,"offset":0}}`
	orgs, err := Client{BaseURL: serve(t, "/api/v2/organizations", 200, body)}.Organizations(context.Background(), "tok")
	if err != nil {
		t.Fatal(err)
	}
	want := []Organization{{1, "Acme", "us2.make.com"}, {2, "Beta", "eu1.make.com"}, {3, "organization 3", "eu9.make.com"}}
	if len(orgs) != len(want) {
		t.Fatalf("got %+v", orgs)
	}
	for i := range want {
		if orgs[i] != want[i] {
			t.Errorf("organization %d = %+v, want %+v", i, orgs[i], want[i])
		}
	}
	_, err = Client{BaseURL: serve(t, "/api/v2/organizations", 429, `{"message":"Requests limit"}`)}.Organizations(context.Background(), "tok")
	if !errors.Is(err, ErrRateLimited) {
		t.Errorf("429: %v", err)
	}
}

// TestErrorsHideTheToken: an API that echoes the Authorization header in
// its error (as is, or URL-encoded) does not get the token printed.
func TestErrorsHideTheToken(t *testing.T) {
	token := "make-at-" + strings.Repeat("0a1b2c", 8)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprintf(w, `{"message":"token %s is not valid","detail":"seen %s","code":"%s"}`, got, url.QueryEscape(got), got[:12])
	}))
	defer srv.Close()
	c := Client{BaseURL: srv.URL + "/api/v2/"}
	_, errMe := c.Me(context.Background(), token)
	_, errOrgs := c.Organizations(context.Background(), token)
	for _, err := range []error{errMe, errOrgs} {
		if err == nil || !errors.Is(err, ErrRejected) || strings.Contains(err.Error(), token) || strings.Contains(err.Error(), token[:32]) ||
			!strings.Contains(err.Error(), "is not valid") {
			t.Errorf("err = %v; want the server's words without the token", err)
		}
	}
}
