package auth

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

// stateMark in a fuzzed query stands for the attempt's real state, so the
// fuzzer reaches what is checked after it: iss, error and code.
const stateMark = "STATE"

// FuzzCallback sends arbitrary requests to an attempt's loopback handler:
// none may panic, and only a GET of the callback path on the right host
// with the attempt's state may end it.
func FuzzCallback(f *testing.F) {
	for _, seed := range []struct{ method, target, host string }{
		{"GET", "/callback?code=c&state=STATE", ""},
		{"GET", "/callback?code=c&state=STATE&iss=http%3A%2F%2Fevil.example", ""},
		{"GET", "/callback?error=access_denied&state=STATE", ""},
		{"GET", "/callback?error=invalid_scope&error_description=%1B%5D0%3Bx%07&state=STATE", ""},
		{"GET", "/callback?state=STATE&state=STATE&code=a&code=b", ""},
		{"GET", "/callback?code=c&state=forged", ""},
		{"POST", "/callback?code=c&state=STATE", ""},
		{"GET", "/callback?code=c&state=STATE", "attacker.example"},
		{"GET", "/favicon.ico", ""},
		{"GET", "/launch/x", ""},
		{"GET", "/callback?%zz", ""},
	} {
		f.Add(seed.method, seed.target, seed.host)
	}
	p := newTestProvider(f)
	p.token = jsonToken(400, map[string]string{"error": "invalid_grant"})
	var a *Attempt
	fresh := func(tb testing.TB) {
		var err error
		if a, err = Begin(context.Background(), p.config()); err != nil {
			tb.Fatalf("Begin: %v", err)
		}
	}
	fresh(f)
	f.Cleanup(func() { a.Close() })
	f.Fuzz(func(t *testing.T, method, target, host string) {
		if !strings.HasPrefix(target, "/") || strings.ContainsAny(target, " \r\n#") {
			return // not a request line a client can send
		}
		target = strings.ReplaceAll(target, stateMark, url.QueryEscape(a.state))
		if _, err := url.ParseRequestURI(target); err != nil {
			return // net/http answers 400 before any handler
		}
		req := httptest.NewRequest("GET", "http://"+a.redirect.Host+target, nil)
		req.Method = method
		if host != "" {
			req.Host = host
		}
		rec := httptest.NewRecorder()
		a.ServeHTTP(rec, req) // must not panic
		body := rec.Body.String()
		if strings.Contains(body, a.state) || strings.Contains(body, a.verifier) {
			t.Fatalf("the page shows the state or verifier")
		}
		if r, done := ended(a); done {
			u, _ := url.Parse(req.URL.String())
			if method != http.MethodGet || u.Path != a.redirect.Path || !a.isRedirectHost(req.Host) ||
				len(u.Query()["state"]) != 1 || u.Query().Get("state") != a.state {
				t.Fatalf("%s %q (Host %q) ended the attempt with %v", method, target, host, r.err)
			}
			a.Close()
			fresh(t)
		}
	})
}

// FuzzPaste offers arbitrary text as the address the browser ended on: no
// panic, and anything but this attempt's answer leaves it waiting.
func FuzzPaste(f *testing.F) {
	for _, seed := range []string{
		"http://127.0.0.1:PORT/callback?code=c&state=STATE",
		"http://127.0.0.1:PORT/callback?code=c&state=forged",
		"https://127.0.0.1:PORT/callback?code=c&state=STATE",
		"http://127.0.0.1:PORT/other?code=c&state=STATE",
		"127.0.0.1:PORT/callback?code=c&state=STATE",
		"  http://127.0.0.1:PORT/callback?state=STATE&error=access_denied\n",
		"%zz", "", "javascript:alert(1)",
	} {
		f.Add(seed)
	}
	p := newTestProvider(f)
	p.token = jsonToken(400, map[string]string{"error": "invalid_grant"})
	var a *Attempt
	fresh := func(tb testing.TB) {
		var err error
		if a, err = Begin(context.Background(), p.config()); err != nil {
			tb.Fatalf("Begin: %v", err)
		}
	}
	fresh(f)
	f.Cleanup(func() { a.Close() })
	f.Fuzz(func(t *testing.T, address string) {
		address = strings.ReplaceAll(address, "PORT", a.redirect.Port())
		address = strings.ReplaceAll(address, stateMark, url.QueryEscape(a.state))
		err := a.Paste(address)
		if err != nil && strings.Contains(err.Error(), a.state) {
			t.Fatal("the error quotes the state")
		}
		if _, done := ended(a); done {
			if errors.Is(err, ErrNotTheCallback) {
				t.Fatalf("Paste(%q) ended the attempt but said it was not the answer", address)
			}
			a.Close()
			fresh(t)
		} else if !errors.Is(err, ErrNotTheCallback) {
			t.Fatalf("Paste(%q) = %v, yet the attempt still waits", address, err)
		}
	})
}

// FuzzTokenResponse gives the code exchange arbitrary answers: no panic,
// a bounded read, an access token only from a 2xx that has one, and no
// error that quotes the body (on a 200 it may hold tokens).
func FuzzTokenResponse(f *testing.F) {
	for _, seed := range []struct {
		status      int
		contentType string
		body        string
	}{
		{200, "application/json", `{"access_token":"at","token_type":"Bearer","expires_in":3600}`},
		{200, "application/json", `{"access_token":"at","expires_in":"3600","scope":"openid"}`},
		{200, "application/json", `{"token_type":"Bearer"}`},
		{200, "text/html", `<html>login</html>`},
		{200, "application/x-www-form-urlencoded", `access_token=at&expires_in=60`},
		{400, "application/json", `{"error":"invalid_grant","error_description":"MARK"}`},
		{500, "text/html", `<h1>MARK</h1>`},
		{200, "application/json", ``},
		{200, "application/json", `{"access_token":"at","expires_in":-5}`},
	} {
		f.Add(seed.status, seed.contentType, seed.body)
	}
	f.Fuzz(func(t *testing.T, status int, contentType, body string) {
		if status < 200 || status > 599 {
			return
		}
		client := &http.Client{Transport: roundTrip(func(*http.Request) (*http.Response, error) {
			return &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {contentType}},
				Body: io.NopCloser(bytes.NewReader([]byte(body)))}, nil
		})}
		a := &Attempt{cfg: Config{ClientID: "c", Issuer: "https://make.example", HTTPClient: client, Now: time.Now},
			oauth:    &oauth2.Config{ClientID: "c", Endpoint: oauth2.Endpoint{TokenURL: "https://make.example/token", AuthStyle: oauth2.AuthStyleInParams}},
			verifier: "v"}
		conn, err := a.exchange(context.Background(), "code")
		switch {
		case err == nil && (conn == nil || conn.AccessToken == "" || status/100 != 2):
			t.Fatalf("HTTP %d %q gave a connection %+v", status, body, conn)
		case err != nil && leaksToken(err.Error(), body):
			t.Fatalf("the error quotes a token of the body: %v", err)
		case err != nil && strings.Contains(err.Error(), "MARK") && !inErrorFields(body, "MARK"):
			t.Fatalf("the error quotes the body: %v", err)
		}
	})
}

// inErrorFields reports whether s is in the RFC 6749 §5.2 error or
// error_description of a JSON body: the server's words about its refusal,
// which the app shows (made safe) as the detail.
func inErrorFields(body, s string) bool {
	var v map[string]any
	if json.Unmarshal([]byte(body), &v) != nil {
		return false
	}
	for k, val := range v { // encoding/json matches names regardless of case, as oauth2 reads them
		f, ok := val.(string)
		if ok && (strings.EqualFold(k, "error") || strings.EqualFold(k, "error_description")) && strings.Contains(f, s) {
			return true
		}
	}
	return false
}

// leaksToken reports whether msg holds a token value from body, read as
// JSON or as a form.
func leaksToken(msg, body string) bool {
	var values []string
	var v map[string]any
	if json.Unmarshal([]byte(body), &v) == nil {
		for _, k := range []string{"access_token", "refresh_token", "id_token"} {
			if s, ok := v[k].(string); ok {
				values = append(values, s)
			}
		}
	}
	if q, err := url.ParseQuery(body); err == nil {
		values = append(values, q["access_token"]...)
	}
	for _, s := range values {
		if len(s) >= 6 && strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
