package makeapi

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestMe(t *testing.T) {
	cases := []struct {
		name    string
		status  int
		body    string
		want    *User
		wantErr string
	}{
		{"user", 200, `{"authUser":{"id":7,"name":"Ada","email":"ada@example.com","language":"en"}}`, &User{7, "Ada", "ada@example.com"}, ""},
		{"no user:read", 403, `{"message":"Forbidden"}`, nil, "not granted the user:read scope"},
		{"Make error body", 429, `{"message":"Too many requests","detail":"try in a minute"}`, nil, "Make answered HTTP 429: Too many requests try in a minute"},
		{"HTML", 200, `<html>login</html>`, nil, "was not a user"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/api/v2/users/me" || r.Header.Get("Authorization") != "Bearer tok" {
					t.Errorf("request %s with %q", r.URL.Path, r.Header.Get("Authorization"))
				}
				w.WriteHeader(tc.status)
				w.Write([]byte(tc.body))
			}))
			defer srv.Close()
			u, err := Client{BaseURL: srv.URL + "/api/v2/"}.Me(context.Background(), "tok")
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || strings.Contains(err.Error(), "tok") {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				if tc.status == 403 && !errors.Is(err, ErrMissingScope) {
					t.Error("403 does not wrap ErrMissingScope")
				}
				return
			}
			if err != nil || *u != *tc.want {
				t.Fatalf("Me = %+v, %v", u, err)
			}
		})
	}
	if BaseURL("us2.make.com") != "https://us2.make.com/api/v2" || len(Zones) != 6 {
		t.Error("zones or API base changed")
	}
}
