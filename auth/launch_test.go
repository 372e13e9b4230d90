package auth

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// noFollow is a client that shows redirects instead of following them.
var noFollow = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func get(t *testing.T, u string) (*http.Response, string) {
	t.Helper()
	resp, err := noFollow.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return resp, b.String()
}

func TestLaunchLinkWorksOnce(t *testing.T) {
	p := newTestProvider(t)
	a := begin(t, p, p.config())
	link := a.LaunchURL()
	if !strings.HasPrefix(link, "http://"+a.redirect.Host+"/launch/") || strings.Contains(link, a.state) {
		t.Fatalf("launch link %q", link)
	}
	if other := a.LaunchURL(); other == link {
		t.Fatal("two launch links are the same")
	}
	resp, _ := get(t, link)
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != a.AuthURL() ||
		resp.Header.Get("Referrer-Policy") != "no-referrer" || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("first request: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, done := ended(a); done {
		t.Fatal("the first request ended the attempt")
	}
	resp, page := get(t, link)
	if resp.StatusCode != http.StatusForbidden || resp.Header.Get("Location") != "" || !strings.Contains(page, "works only once") {
		t.Fatalf("second request: %d, page %q", resp.StatusCode, page)
	}
	r, done := ended(a)
	if !done || !errors.Is(r.err, ErrCompromised) {
		t.Fatalf("the second request gave %+v, %v; want ErrCompromised", r, done)
	}
	// The real answer, arriving now, is refused.
	status, _ := callback(t, a, "GET", "/callback", url.Values{"state": {a.state}, "code": {"c"}}, "")
	if status != http.StatusConflict || len(p.forms) != 0 {
		t.Errorf("the answer after a compromise: HTTP %d, %d exchanges", status, len(p.forms))
	}
}

// TestLaunchLinkWatchedAfterSuccess: a launch link requested again shortly
// after the attempt completed makes Settled report the compromise; left
// alone, Settled reports nothing once the watch is over.
func TestLaunchLinkWatchedAfterSuccess(t *testing.T) {
	for _, again := range []bool{false, true} {
		p := newTestProvider(t)
		cfg := p.config()
		cfg.LaunchWatch = 300 * time.Millisecond
		a := begin(t, p, cfg)
		link := a.LaunchURL()
		get(t, link)
		status, _ := callback(t, a, "GET", "/callback", url.Values{"state": {a.state}, "code": {"c"}}, "")
		conn, err := a.Wait(context.Background())
		if status != http.StatusOK || err != nil || conn == nil {
			t.Fatalf("the attempt: HTTP %d, %v", status, err)
		}
		if again {
			// The page says what is undone: the account it connected.
			if resp, page := get(t, link); resp.StatusCode != http.StatusForbidden || !strings.Contains(page, EnglishPages.Undone.Message) {
				t.Errorf("a late second request: HTTP %d, page %q", resp.StatusCode, page)
			}
		}
		// Settled returns when the watch is over; given no more than the
		// attempt's whole time (5 s, against the watch's 0.3 s), it must
		// not need it.
		ctx, cancel := context.WithTimeout(context.Background(), cfg.Timeout)
		err = a.Settled(ctx)
		if ctx.Err() != nil {
			t.Errorf("Settled waited the attempt's whole %v, not the launch watch's %v", cfg.Timeout, cfg.LaunchWatch)
		}
		cancel()
		if again != errors.Is(err, ErrCompromised) || (!again && err != nil) {
			t.Errorf("requested again %v: Settled = %v", again, err)
		}
	}
}

func TestWithoutLaunchLinksTheListenerStopsAtOnce(t *testing.T) {
	p := newTestProvider(t)
	a := begin(t, p, p.config())
	callback(t, a, "GET", "/callback", url.Values{"state": {a.state}, "code": {"c"}}, "")
	if _, err := a.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	select {
	case <-a.closed:
	default:
		t.Error("the listener still runs after Wait though no launch link was handed out")
	}
	if err := a.Settled(context.Background()); err != nil {
		t.Errorf("Settled = %v", err)
	}
}
