package httpclient

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"
)

func TestOrigin(t *testing.T) {
	cases := []struct {
		a, b string
		same bool
	}{
		{"https://www.make.com/a", "https://www.make.com/b?x=1", true},
		{"https://WWW.Make.com/a", "https://www.make.com:443/b", true},
		{"http://127.0.0.1/a", "http://127.0.0.1:80/b", true},
		{"https://www.make.com/a", "http://www.make.com/a", false},
		{"https://www.make.com/a", "https://www.make.com:8443/a", false},
		{"https://www.make.com/a", "https://eu1.make.com/a", false},
		{"https://www.make.com/a", "https://www.make.com.evil.example/a", false},
	}
	for _, tc := range cases {
		a, _ := url.Parse(tc.a)
		b, _ := url.Parse(tc.b)
		if got := origin(a) == origin(b); got != tc.same {
			t.Errorf("same origin %s, %s = %v", tc.a, tc.b, got)
		}
	}
}

// TestRedirectPolicy: New's client follows a redirect on the same server
// only; NoRedirects follows none. Whatever is refused reaches nothing:
// the other server never sees the request, nor its Authorization header.
func TestRedirectPolicy(t *testing.T) {
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { elsewhere.Add(1) }))
	defer other.Close()
	var auth atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/here":
			http.Redirect(w, r, "/there", http.StatusFound)
		case "/away":
			http.Redirect(w, r, other.URL+"/caught", http.StatusTemporaryRedirect)
		case "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		case "/there":
			auth.Store(r.Header.Get("Authorization"))
		}
	}))
	defer srv.Close()

	get := func(c *http.Client, path string) (*http.Response, error) {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		req.Header.Set("Authorization", "Bearer test-credential")
		return c.Do(req)
	}
	cases := []struct {
		name     string
		client   *http.Client
		path     string
		followed bool // a *RedirectError with Followed, or none when ok
		ok       bool
	}{
		{"same server", Default(), "/here", false, true},
		{"another origin", Default(), "/away", true, false},
		{"too many", Default(), "/loop", true, false},
		{"no redirects, same server", NoRedirects(Default()), "/here", false, false},
		{"no redirects, another origin", NoRedirects(Default()), "/away", false, false},
		{"same origin of a plain client", SameOrigin(&http.Client{}), "/away", true, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := get(tc.client, tc.path)
			if tc.ok {
				if err != nil || resp.StatusCode != 200 || auth.Load() != "Bearer test-credential" {
					t.Fatalf("err %v, status %v, Authorization there %v", err, resp, auth.Load())
				}
				resp.Body.Close()
				return
			}
			var re *RedirectError
			if !errors.As(err, &re) || re.Followed != tc.followed || re.Status/100 != 3 {
				t.Fatalf("err = %v, want a *RedirectError (followed %v)", err, tc.followed)
			}
		})
	}
	if n := elsewhere.Load(); n != 0 {
		t.Errorf("the other origin received %d requests", n)
	}
}
