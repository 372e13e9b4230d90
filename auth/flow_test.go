package auth

import (
	"context"
	"encoding/base64"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

// begin starts an attempt against p whose token endpoint issues a valid
// token set for that attempt.
func begin(t *testing.T, p *testProvider, cfg Config) *Attempt {
	t.Helper()
	var a *Attempt
	if p.token == nil {
		p.token = func(w http.ResponseWriter, r *http.Request) {
			jsonToken(200, map[string]any{
				"access_token": "at-1", "token_type": "Bearer", "expires_in": 3600,
				"id_token": p.idToken(t, cfg.ClientID, a.nonce, nil),
			})(w, r)
		}
	}
	a, err := Begin(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Begin: %v", err)
	}
	t.Cleanup(a.Close)
	return a
}

// callback sends the browser's request to the attempt's listener.
func callback(t *testing.T, a *Attempt, method, path string, q url.Values, host string) (int, string) {
	t.Helper()
	u := a.RedirectURI()
	u = strings.TrimSuffix(u, a.redirect.Path) + path + "?" + q.Encode()
	req, _ := http.NewRequest(method, u, nil)
	if host != "" {
		req.Host = host
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("callback: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// ended returns the attempt's result if it has one.
func ended(a *Attempt) (result, bool) {
	select {
	case r := <-a.result:
		return r, true
	default:
		return result{}, false
	}
}

func TestRFC7636AppendixB(t *testing.T) {
	// RFC 7636 Appendix B: the verifier and its S256 challenge.
	got := oauth2.S256ChallengeFromVerifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
	if want := "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"; got != want {
		t.Fatalf("challenge = %q, want %q", got, want)
	}
}

func TestAuthorizeURL(t *testing.T) {
	p := newTestProvider(t)
	cases := []struct {
		name      string
		scopes    []string
		wantNonce bool
	}{
		{"openid adds a nonce", []string{"openid", "user:read"}, true},
		{"no openid, no nonce", []string{"user:read"}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := p.config()
			cfg.Scopes = tc.scopes
			a := begin(t, p, cfg)
			u, err := url.Parse(a.AuthURL())
			if err != nil {
				t.Fatal(err)
			}
			if got := u.Scheme + "://" + u.Host + u.Path; got != p.URL+"/authorize" {
				t.Errorf("endpoint = %s", got)
			}
			q := u.Query()
			want := map[string]string{
				"client_id":             "client-1",
				"response_type":         "code",
				"redirect_uri":          a.RedirectURI(),
				"scope":                 strings.Join(tc.scopes, " "),
				"state":                 a.state,
				"code_challenge":        oauth2.S256ChallengeFromVerifier(a.verifier),
				"code_challenge_method": "S256",
			}
			if tc.wantNonce {
				want["nonce"] = a.nonce
			}
			if len(q) != len(want) {
				t.Errorf("parameters = %v, want exactly %v", keys(q), want)
			}
			for k, v := range want {
				if q.Get(k) != v {
					t.Errorf("%s = %q, want %q", k, q.Get(k), v)
				}
			}
			if !strings.HasPrefix(a.RedirectURI(), "http://127.0.0.1:") || strings.HasSuffix(a.RedirectURI(), ":0/callback") {
				t.Errorf("redirect URI %s is not a bound loopback port", a.RedirectURI())
			}
			if raw, _ := base64.RawURLEncoding.DecodeString(a.state); len(raw) < 16 {
				t.Errorf("state carries %d bytes, want at least 16 (128 bits)", len(raw))
			}
			b := begin(t, p, cfg)
			if b.state == a.state || b.verifier == a.verifier || b.nonce == a.nonce {
				t.Error("a second attempt reused the state, verifier or nonce")
			}
		})
	}
}

func keys(q url.Values) []string {
	var k []string
	for n := range q {
		k = append(k, n)
	}
	return k
}

func TestCallback(t *testing.T) {
	t.Parallel()
	type request struct {
		method, path, host string
		query              func(a *Attempt) url.Values
	}
	good := func(extra ...string) func(a *Attempt) url.Values {
		return func(a *Attempt) url.Values {
			q := url.Values{"state": {a.state}}
			for i := 0; i+1 < len(extra); i += 2 {
				q.Add(extra[i], extra[i+1])
			}
			return q
		}
	}
	cases := []struct {
		name        string
		req         request
		issRequired bool
		wantStatus  int
		wantBody    string
		wantEnd     bool
		wantErr     error // with wantEnd; nil means success
	}{
		{"favicon", request{"GET", "/favicon.ico", "", good("code", "c")}, false, 404, "", false, nil},
		{"POST", request{"POST", "/callback", "", good("code", "c")}, false, 400, "", false, nil},
		{"rebinding Host", request{"GET", "/callback", "evil.example:80", good("code", "c")}, false, 400, "", false, nil},
		{"no state", request{"GET", "/callback", "", func(*Attempt) url.Values { return url.Values{"code": {"c"}} }}, false, 400, "does not belong", false, nil},
		{"wrong state", request{"GET", "/callback", "", func(*Attempt) url.Values { return url.Values{"code": {"c"}, "state": {"forged"}} }}, false, 400, "does not belong", false, nil},
		{"wrong state with an error", request{"GET", "/callback", "", func(*Attempt) url.Values {
			return url.Values{"error": {"access_denied"}, "state": {"forged"}}
		}}, false, 400, "does not belong", false, nil},
		{"state twice", request{"GET", "/callback", "", func(a *Attempt) url.Values {
			return url.Values{"code": {"c"}, "state": {a.state, a.state}}
		}}, false, 400, "does not belong", false, nil},
		{"declined", request{"GET", "/callback", "", good("error", "access_denied")}, false, 200, "declined", true, ErrDeclined},
		{"other error, escaped", request{"GET", "/callback", "", good("error", "invalid_scope", "error_description", "<b>bad</b> scope")}, false, 400, "Make refused the sign-in", true, &AuthorizeError{}}, // the server's words stay off the page
		{"wrong iss", request{"GET", "/callback", "", good("code", "c", "iss", "https://evil.example")}, false, 400, "different server", true, ErrIssuerMismatch},
		{"missing iss when promised", request{"GET", "/callback", "", good("code", "c")}, true, 400, "different server", true, ErrIssuerMismatch},
		{"no code", request{"GET", "/callback", "", good()}, false, 400, "Connecting did not work", true, errors.New("")},
		{"code", request{"GET", "/callback", "", good("code", "c")}, false, 200, "is connected", true, nil},
		{"code and right iss", request{"GET", "/callback", "", func(a *Attempt) url.Values {
			return url.Values{"state": {a.state}, "code": {"c"}, "iss": {a.cfg.Issuer}}
		}}, true, 200, "is connected", true, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := newTestProvider(t)
			if tc.issRequired {
				p.meta["authorization_response_iss_parameter_supported"] = true
			}
			a := begin(t, p, p.config())
			status, body := callback(t, a, tc.req.method, tc.req.path, tc.req.query(a), tc.req.host)
			if status != tc.wantStatus || !strings.Contains(body, tc.wantBody) {
				t.Errorf("got %d %q, want %d containing %q", status, body, tc.wantStatus, tc.wantBody)
			}
			if strings.Contains(body, a.state) {
				t.Error("the page shows the state")
			}
			r, done := ended(a)
			if done != tc.wantEnd {
				t.Fatalf("attempt ended = %v, want %v", done, tc.wantEnd)
			}
			if !done {
				return
			}
			var ae *AuthorizeError
			switch want := tc.wantErr; {
			case want == nil:
				if r.err != nil || r.conn == nil || r.conn.AccessToken != "at-1" {
					t.Fatalf("result = %+v, %v; want a connection", r.conn, r.err)
				}
			case errors.As(want, &ae):
				if !errors.As(r.err, &ae) || ae.Code != "invalid_scope" {
					t.Fatalf("err = %v, want an AuthorizeError", r.err)
				}
			case want.Error() == "":
				if r.err == nil {
					t.Fatal("want an error")
				}
			default:
				if !errors.Is(r.err, want) {
					t.Fatalf("err = %v, want %v", r.err, want)
				}
			}
		})
	}
}

func TestOneResultOnly(t *testing.T) {
	p := newTestProvider(t)
	a := begin(t, p, p.config())
	q := url.Values{"state": {a.state}, "code": {"c"}}
	if status, _ := callback(t, a, "GET", "/callback", q, ""); status != 200 {
		t.Fatalf("first callback: %d", status)
	}
	status, body := callback(t, a, "GET", "/callback", q, "")
	if status != http.StatusConflict || !strings.Contains(body, "already handled") {
		t.Fatalf("second callback: %d %q", status, body)
	}
	if len(p.forms) != 1 {
		t.Fatalf("the code was exchanged %d times", len(p.forms))
	}
}

// TestWaitEndsAndFreesThePort: a timed-out attempt frees its fixed port
// at once; a cancelled one keeps answering there (cancel_test.go) until a
// new attempt on the same port takes it over.
func TestWaitEndsAndFreesThePort(t *testing.T) {
	p := newTestProvider(t)
	port := freePort(t)
	cases := []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
		want error
	}{
		{"timeout", func() (context.Context, context.CancelFunc) { return context.WithCancel(context.Background()) }, ErrTimedOut},
		{"cancel", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(50*time.Millisecond, cancel)
			return ctx, cancel
		}, ErrCancelled},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := p.config()
			cfg.RedirectURI = "http://127.0.0.1:" + port + "/callback"
			cfg.Timeout = 200 * time.Millisecond
			if tc.want == ErrCancelled {
				cfg.Timeout = time.Minute
			}
			a := begin(t, p, cfg)
			if a.RedirectURI() != cfg.RedirectURI {
				t.Fatalf("redirect URI = %s, want the fixed %s", a.RedirectURI(), cfg.RedirectURI)
			}
			ctx, cancel := tc.ctx()
			defer cancel()
			if _, err := a.Wait(ctx); !errors.Is(err, tc.want) {
				t.Fatalf("Wait = %v, want %v", err, tc.want)
			}
			ln, err := net.Listen("tcp", "127.0.0.1:"+port)
			if tc.want == ErrCancelled {
				if err == nil {
					ln.Close()
					t.Fatal("the cancelled attempt freed its port at once; want it to answer a while longer")
				}
				if err := CheckRedirectPort(cfg.RedirectURI); err != nil {
					t.Errorf("CheckRedirectPort while a cancelled attempt holds the port: %v", err)
				}
				next := begin(t, p, cfg) // takes the port over
				if status, body := callback(t, next, "GET", "/callback", url.Values{"state": {next.state}, "error": {"access_denied"}}, ""); status != 200 || !strings.Contains(body, "declined") {
					t.Fatalf("the next attempt on the port: %d %q", status, body)
				}
				return
			}
			if err != nil {
				t.Fatalf("port still held after Wait: %v", err)
			}
			ln.Close()
		})
	}
}

func TestPortInUse(t *testing.T) {
	p := newTestProvider(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	cfg := p.config()
	cfg.RedirectURI = "http://127.0.0.1:" + port + "/callback"
	_, err = Begin(context.Background(), cfg)
	if !errors.Is(err, ErrPortInUse) || !strings.Contains(err.Error(), "port "+port+" is in use by another program") {
		t.Fatalf("Begin = %v, want port %s in use", err, port)
	}
}

func freePort(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}
