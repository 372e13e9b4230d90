package auth

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/make-connect/make-connect/internal/platform/peeruser"
)

// TestCancelledAttemptLingers cancels an attempt as the window's Cancel
// does (Wait's context, while the browser is on Make's consent page), then
// sends what the browser would: each request after the cancel gets its
// page, nothing is exchanged, another user is still refused, and the port
// closes when the linger ends. The linger's timer is the test's, so
// nothing here depends on how long a step takes.
func TestCancelledAttemptLingers(t *testing.T) {
	cases := []struct {
		name       string
		timeout    time.Duration // the attempt's
		wantLinger time.Duration
		otherUser  bool
		request    func(a *Attempt, link string) (int, string)
		wantStatus int
		wantPage   string
	}{
		{name: "Allow pressed after Cancel", timeout: time.Hour, wantLinger: cancelledLinger,
			request:    callbackWith(url.Values{"code": {"the-code"}}),
			wantStatus: http.StatusGone, wantPage: "This sign-in was cancelled in Make Connect"},
		{name: "Deny pressed after Cancel", timeout: time.Hour, wantLinger: cancelledLinger,
			request:    callbackWith(url.Values{"error": {"access_denied"}}),
			wantStatus: http.StatusGone, wantPage: "This sign-in was cancelled in Make Connect"},
		{name: "the launch link opened after Cancel", timeout: time.Hour, wantLinger: cancelledLinger,
			request:    func(_ *Attempt, link string) (int, string) { return getNoFollow(link) },
			wantStatus: http.StatusGone, wantPage: "start again from Make Connect"},
		{name: "no longer than the attempt would have lived", timeout: 30 * time.Second, wantLinger: 30 * time.Second,
			request:    callbackWith(url.Values{"code": {"the-code"}}),
			wantStatus: http.StatusGone, wantPage: "This sign-in was cancelled in Make Connect"},
		{name: "another user is still refused", timeout: time.Hour, wantLinger: cancelledLinger, otherUser: true,
			request:    callbackWith(url.Values{"code": {"their-code"}}),
			wantStatus: http.StatusForbidden, wantPage: "belongs to another user of this computer"},
		{name: "a forged answer is still not recognised", timeout: time.Hour, wantLinger: cancelledLinger,
			request: func(a *Attempt, _ string) (int, string) {
				return callbackTo(a, url.Values{"state": {"forged"}, "code": {"c"}})
			},
			wantStatus: http.StatusBadRequest, wantPage: "does not belong"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := newTestProvider(t)
			cfg := p.config()
			cfg.Timeout = tc.timeout
			now := time.Now()
			cfg.Now = func() time.Time { return now }
			a := begin(t, p, cfg)
			var linger time.Duration
			var endLinger func()
			a.afterFunc = func(d time.Duration, f func()) { linger, endLinger = d, f }
			if tc.otherUser {
				a.mu.Lock()
				a.lookupPeer = func(local, remote net.Addr) (peeruser.Peer, error) { return peeruser.Peer{User: "1001"}, nil }
				a.mu.Unlock()
			}
			link := a.LaunchURL()

			ctx, cancel := context.WithCancel(context.Background())
			cancel() // the person pressed Cancel
			if _, err := a.Wait(ctx); !errors.Is(err, ErrCancelled) {
				t.Fatalf("Wait = %v, want ErrCancelled", err)
			}
			if linger != tc.wantLinger {
				t.Fatalf("lingers %v, want %v", linger, tc.wantLinger)
			}

			status, page := tc.request(a, link)
			if status != tc.wantStatus || !strings.Contains(page, tc.wantPage) {
				t.Errorf("got %d %q, want %d with %q", status, page, tc.wantStatus, tc.wantPage)
			}
			if strings.Contains(page, a.state) || strings.Contains(page, "the-code") {
				t.Error("the page shows the state or the code")
			}
			if len(p.forms) != 0 {
				t.Errorf("a cancelled attempt exchanged %d codes", len(p.forms))
			}
			if err := a.Paste(a.RedirectURI() + "?" + url.Values{"state": {a.state}, "code": {"the-code"}}.Encode()); !errors.Is(err, ErrCancelled) || len(p.forms) != 0 {
				t.Errorf("Paste after Cancel = %v with %d exchanges; want ErrCancelled and none", err, len(p.forms))
			}

			endLinger()
			if c, err := net.Dial("tcp", a.redirect.Host); err == nil {
				c.Close()
				t.Fatal("the port is still open after the linger")
			}
		})
	}
}

// TestNoLingerAfterAResult: an attempt that has its result (here, the
// person declined) or timed out frees its port at once.
func TestNoLingerAfterAResult(t *testing.T) {
	p := newTestProvider(t)
	a := begin(t, p, p.config())
	a.afterFunc = func(time.Duration, func()) { t.Error("an attempt with its result lingers") }
	callbackWith(url.Values{"error": {"access_denied"}})(a, "")
	if _, err := a.Wait(context.Background()); !errors.Is(err, ErrDeclined) {
		t.Fatalf("Wait = %v, want ErrDeclined", err)
	}
	if c, err := net.Dial("tcp", a.redirect.Host); err == nil {
		c.Close()
		t.Fatal("the port is still open after the result")
	}
}

// callbackWith is a request to the callback with the attempt's state and q.
func callbackWith(q url.Values) func(a *Attempt, _ string) (int, string) {
	return func(a *Attempt, _ string) (int, string) {
		withState := url.Values{"state": {a.state}}
		for k, v := range q {
			withState[k] = v
		}
		return callbackTo(a, withState)
	}
}

func callbackTo(a *Attempt, q url.Values) (int, string) {
	return getNoFollow(a.RedirectURI() + "?" + q.Encode())
}

// getNoFollow is get without a *testing.T: a failed request is status 0.
func getNoFollow(u string) (int, string) {
	resp, err := noFollow.Get(u)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestCancelDuringTheExchange: Cancel while the token request is under way
// stops it, and the browser is told the sign-in was cancelled, not that
// connecting failed.
func TestCancelDuringTheExchange(t *testing.T) {
	p := newTestProvider(t)
	arrived := make(chan struct{})
	p.token = func(w http.ResponseWriter, r *http.Request) {
		close(arrived)
		<-r.Context().Done() // the app went away
	}
	a := begin(t, p, p.config())
	type answer struct {
		status int
		page   string
	}
	browser := make(chan answer, 1)
	go func() {
		status, page := callbackWith(url.Values{"code": {"the-code"}})(a, "")
		browser <- answer{status, page}
	}()
	<-arrived
	a.Close()
	got := <-browser
	if got.status != http.StatusGone || !strings.Contains(got.page, "This sign-in was cancelled in Make Connect") {
		t.Fatalf("got %d %q, want the Cancelled page", got.status, got.page)
	}
	if r, done := ended(a); !done || r.err == nil {
		t.Fatalf("the attempt ended with %+v (%v); want an error", r, done)
	}
}
