package auth

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/platform/instance"
)

// withAppID gives the test the app's ID, which names its scheme.
func withAppID(t *testing.T) {
	old := config.AppID
	config.AppID = "com.makeconnect.app"
	t.Cleanup(func() { config.AppID = old })
}

// answerFor is the address the browser ends on for attempt a at redirect.
func answerFor(a *Attempt, redirect, iss string) string {
	return redirect + "?" + url.Values{"state": {a.state}, "code": {"c"}, "iss": {iss}}.Encode()
}

// TestSchemeRedirect: an attempt whose redirect URI is the app's scheme
// listens for no callback, serves its launch link, and takes its answer
// from the process the system starts (through this user's sign-in
// channel) or pasted, checked as a loopback callback is.
func TestSchemeRedirect(t *testing.T) {
	withAppID(t)
	p := newTestProvider(t)
	cfg := p.config()
	cfg.RedirectURI = "com.makeconnect.app:/callback"
	cfg.HandOverDir = filepath.Join(t.TempDir(), "make-connect")
	a := begin(t, p, cfg)
	if a.RedirectURI() != cfg.RedirectURI || !strings.Contains(a.AuthURL(), url.QueryEscape(cfg.RedirectURI)) {
		t.Fatalf("redirect %q, sign-in address %q", a.RedirectURI(), a.AuthURL())
	}
	good := answerFor(a, cfg.RedirectURI, p.URL)
	// The loopback listener is only the launch links'.
	resp, err := http.Get("http://" + a.listenHost + "/callback?" + strings.SplitN(good, "?", 2)[1])
	if err != nil || resp.StatusCode != http.StatusNotFound {
		t.Fatalf("a callback to the launch listener: %v %v", resp, err)
	}
	resp.Body.Close()
	wrong := []struct{ name, address, why string }{
		{"with a host", strings.Replace(good, ":/callback", "://callback", 1), "it should start with com.makeconnect.app:/callback"},
		{"another path", strings.Replace(good, "/callback", "/other", 1), "it should start with"},
		{"another scheme", strings.Replace(good, "com.makeconnect.app", "com.other.app", 1), "it should start with"},
		{"loopback", strings.Replace(good, "com.makeconnect.app:", "http://"+a.listenHost, 1), "it should start with"},
		{"another attempt's state", strings.Replace(good, url.QueryEscape(a.state), "forged", 1), "belongs to another sign-in"},
	}
	for _, tc := range wrong {
		for name, give := range map[string]func(string) error{"Paste": a.Paste, "Receive": a.Receive} {
			if err := give(tc.address); !errors.Is(err, ErrNotTheCallback) || !strings.Contains(err.Error(), tc.why) {
				t.Errorf("%s %s: %v, want ErrNotTheCallback saying %q", name, tc.name, err, tc.why)
			}
		}
		if err := instance.HandOver(cfg.HandOverDir, tc.address); !errors.Is(err, instance.ErrNoSignIn) {
			t.Errorf("hand-over %s: %v, want ErrNoSignIn", tc.name, err)
		}
	}
	if _, done := ended(a); done {
		t.Fatal("a wrong address ended the attempt")
	}
	if err := instance.HandOver(cfg.HandOverDir, good); err != nil {
		t.Fatalf("the right address handed over: %v", err)
	}
	conn, err := a.Wait(context.Background())
	if err != nil || conn.AccessToken != "at-1" {
		t.Fatalf("Wait after the hand-over: %v, %v", conn, err)
	}
	if err := instance.HandOver(cfg.HandOverDir, good); !errors.Is(err, instance.ErrNoSignIn) {
		t.Errorf("handed over again after the attempt ended: %v, want ErrNoSignIn", err)
	}
}

// TestSchemeRedirectChecksTheAnswer: what the hand-over brings is checked
// as a loopback callback is: another server's iss, or the person's
// refusal, end the attempt with those errors.
func TestSchemeRedirectChecksTheAnswer(t *testing.T) {
	withAppID(t)
	cases := []struct {
		name string
		q    func(a *Attempt) url.Values
		want error
	}{
		{"another issuer", func(a *Attempt) url.Values {
			return url.Values{"state": {a.state}, "code": {"c"}, "iss": {"https://evil.example"}}
		}, ErrIssuerMismatch},
		{"declined", func(a *Attempt) url.Values {
			return url.Values{"state": {a.state}, "error": {"access_denied"}}
		}, ErrDeclined},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := newTestProvider(t)
			cfg := p.config()
			cfg.RedirectURI = "com.makeconnect.app:/callback"
			cfg.HandOverDir = t.TempDir()
			a := begin(t, p, cfg)
			if err := instance.HandOver(cfg.HandOverDir, cfg.RedirectURI+"?"+tc.q(a).Encode()); err != nil {
				t.Fatal(err)
			}
			if _, err := a.Wait(context.Background()); !errors.Is(err, tc.want) {
				t.Fatalf("Wait: %v, want %v", err, tc.want)
			}
			if len(p.forms) != 0 {
				t.Errorf("the code was exchanged")
			}
		})
	}
}

// TestHTTPSPageRedirect: a pasted address of an https page must have the
// page's origin and path exactly (as the address bar writes them); the
// app's scheme address, where the relay page sends the browser on, is
// taken too.
func TestHTTPSPageRedirect(t *testing.T) {
	withAppID(t)
	const page = "https://intranet.example/make-connect/callback"
	wrong := []struct{ name, address string }{
		{"http", "http://intranet.example/make-connect/callback"},
		{"another host", "https://intranet.example.evil/make-connect/callback"},
		{"another port", "https://intranet.example:8443/make-connect/callback"},
		{"a user", "https://x@intranet.example/make-connect/callback"},
		{"another path", "https://intranet.example/make-connect/callback/"},
		{"the path's case", "https://intranet.example/Make-Connect/callback"},
		{"another scheme path", "com.makeconnect.app:/other"},
	}
	right := []string{page, "https://INTRANET.example:443/make-connect/callback", "com.makeconnect.app:/callback"}
	for _, address := range right {
		p := newTestProvider(t)
		cfg := p.config()
		cfg.RedirectURI = page
		cfg.HandOverDir = t.TempDir()
		a := begin(t, p, cfg)
		for _, tc := range wrong {
			err := a.Paste(answerFor(a, tc.address, p.URL))
			if !errors.Is(err, ErrNotTheCallback) || !strings.Contains(err.Error(), "it should start with "+page) {
				t.Errorf("%s: %v, want ErrNotTheCallback", tc.name, err)
			}
		}
		if err := a.Paste(answerFor(a, address, p.URL)); err != nil {
			t.Errorf("pasting %s: %v", address, err)
		}
		if conn, err := a.Wait(context.Background()); err != nil || conn.AccessToken != "at-1" {
			t.Errorf("%s: Wait %v, %v", address, conn, err)
		}
	}
}

// TestReceiveReturnsBeforeTheExchange: the process the system started
// ends within a second, so the hand-over does not wait for the code
// exchange, which may take longer.
func TestReceiveReturnsBeforeTheExchange(t *testing.T) {
	withAppID(t)
	p := newTestProvider(t)
	release := make(chan struct{})
	cfg := p.config()
	cfg.RedirectURI = "com.makeconnect.app:/callback"
	cfg.HandOverDir = t.TempDir()
	a := begin(t, p, cfg)
	token := p.token
	p.token = func(w http.ResponseWriter, r *http.Request) { <-release; token(w, r) }
	if err := instance.HandOver(cfg.HandOverDir, answerFor(a, cfg.RedirectURI, p.URL)); err != nil {
		t.Fatalf("hand-over while the exchange would block: %v", err)
	}
	close(release)
	if _, err := a.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
}
