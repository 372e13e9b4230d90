package auth

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/make-connect/make-connect/internal/platform/peeruser"
)

// otherUsersSaid drains what the attempt reported of other users.
func otherUsersSaid(a *Attempt) []string {
	var said []string
	for {
		select {
		case u := <-a.OtherUsers():
			said = append(said, u)
		default:
			return said
		}
	}
}

// TestOtherUserIsRefused plays another user of this computer (the lookup
// says so) who has the launch link and the callback address: each request
// gets the refusal page and is reported, and nothing is spent: the
// attempt still waits, and the person's own browser then uses the same
// link and completes it.
func TestOtherUserIsRefused(t *testing.T) {
	p := newTestProvider(t)
	a := begin(t, p, p.config())
	link := a.LaunchURL()
	var other atomic.Bool
	other.Store(true)
	a.mu.Lock()
	a.lookupPeer = func(local, remote net.Addr) (peeruser.Peer, error) {
		if other.Load() {
			return peeruser.Peer{User: "1001"}, nil
		}
		return peeruser.Peer{Mine: true, User: "1000"}, nil
	}
	a.mu.Unlock()

	resp, page := get(t, link)
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(page, "belongs to another user of this computer") {
		t.Fatalf("another user's launch: %d %q", resp.StatusCode, page)
	}
	status, page := callback(t, a, "GET", "/callback", url.Values{"state": {a.state}, "code": {"their-code"}}, "")
	if status != http.StatusForbidden || !strings.Contains(page, "Not your sign-in") {
		t.Fatalf("another user's callback: %d %q", status, page)
	}
	get(t, link[:strings.Index(link, "/launch/")]+"/favicon.ico") // not looked into, not reported
	if _, done := ended(a); done {
		t.Fatal("another user's requests ended the attempt")
	}
	if said := otherUsersSaid(a); len(said) != 2 || said[0] != "1001" {
		t.Errorf("reported %q, want user 1001 twice (launch, callback)", said)
	}

	other.Store(false)
	if resp, _ := get(t, link); resp.StatusCode != http.StatusFound {
		t.Fatalf("the person's own launch after another user's: %d, want the redirect to Make", resp.StatusCode)
	}
	if conn, _, err := approve(t, a, "the-code"); err != nil || conn == nil {
		t.Fatalf("the person's own callback: %v", err)
	}
}

// TestOwnerUnknownIsRefused: what the lookup says decides whether the
// launch link and the callback are answered. It fails closed: an owner
// that cannot be established is refused as another user's (unnamed);
// only a system that gives no way to learn it (macOS; Wine, which names
// no process for some connections) is answered as without the check.
func TestOwnerUnknownIsRefused(t *testing.T) {
	cases := []struct {
		name     string
		peer     peeruser.Peer
		err      error
		answered bool
		reported string
	}{
		{"this user", peeruser.Peer{Mine: true, User: "1000"}, nil, true, ""},
		{"another user", peeruser.Peer{User: "1001"}, nil, false, "1001"},
		{"an end already closed", peeruser.Peer{}, nil, false, ""},
		{"not in the table (a reset connection)", peeruser.Peer{}, fmt.Errorf("%w: lists no socket", peeruser.ErrUnknown), false, ""},
		{"the table cannot be read (no descriptor left)", peeruser.Peer{}, fmt.Errorf("%w: open /proc/net/tcp: too many open files", peeruser.ErrUnknown), false, ""},
		{"an error of no known kind", peeruser.Peer{}, errors.New("something else"), false, ""},
		{"macOS: no lookup at all", peeruser.Peer{}, fmt.Errorf("%w on darwin", peeruser.ErrNoLookup), true, ""},
		{"Wine: no process named", peeruser.Peer{}, fmt.Errorf("%w: Wine names no process", peeruser.ErrNoLookup), true, ""},
	}
	for _, tc := range cases {
		if user, refused := refuses(tc.peer, tc.err); refused == tc.answered || user != tc.reported {
			t.Errorf("%s: refuses = %q, %v; want %q, %v", tc.name, user, refused, tc.reported, !tc.answered)
		}
		for _, what := range []string{"launch", "callback"} {
			t.Run(tc.name+"/"+what, func(t *testing.T) {
				p := newTestProvider(t)
				a := begin(t, p, p.config())
				link := a.LaunchURL()
				a.mu.Lock()
				a.lookupPeer = func(local, remote net.Addr) (peeruser.Peer, error) { return tc.peer, tc.err }
				a.mu.Unlock()
				var status int
				if what == "launch" {
					resp, _ := get(t, link)
					status = resp.StatusCode
				} else {
					status, _ = callback(t, a, "GET", "/callback", url.Values{"state": {a.state}, "code": {"c"}}, "")
				}
				said := otherUsersSaid(a)
				if tc.answered {
					if status == http.StatusForbidden || len(said) != 0 {
						t.Errorf("HTTP %d, reported %q; want it answered", status, said)
					}
					return
				}
				if status != http.StatusForbidden || len(said) != 1 || said[0] != tc.reported {
					t.Errorf("HTTP %d, reported %q; want 403 and %q reported", status, said, tc.reported)
				}
				if _, done := ended(a); done || len(p.forms) != 0 {
					t.Errorf("a refused request ended the attempt (%v) or was exchanged (%d)", done, len(p.forms))
				}
				a.mu.Lock()
				spent := a.launches[strings.TrimPrefix(link, "http://"+a.redirect.Host)]
				a.mu.Unlock()
				if spent {
					t.Error("a refused request spent the launch link")
				}
			})
		}
	}
}

// TestOtherUserForReal runs the requests as user nobody, through setpriv
// and curl, against a real attempt with the real lookup (Linux, as root).
func TestOtherUserForReal(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("running a request as another user needs root")
	}
	setpriv, err1 := exec.LookPath("setpriv")
	curl, err2 := exec.LookPath("curl")
	if err1 != nil || err2 != nil {
		t.Skip("needs setpriv (util-linux) and curl (make deps installs it)")
	}
	if _, err := os.Stat("/proc/net/tcp"); err != nil {
		t.Skip("no /proc/net/tcp: the owner cannot be learned here")
	}
	p := newTestProvider(t)
	a := begin(t, p, p.config())
	link := a.LaunchURL()
	asNobody := func(u string) string {
		out, err := exec.Command(setpriv, "--reuid=65534", "--regid=65534", "--clear-groups",
			curl, "-s", "-o", "/dev/null", "-w", "%{http_code}", u).Output()
		if err != nil {
			t.Fatalf("curl as nobody: %v", err)
		}
		return string(out)
	}
	if got := asNobody(link); got != "403" {
		t.Errorf("nobody's launch: HTTP %s, want 403", got)
	}
	if got := asNobody(a.RedirectURI() + "?" + url.Values{"state": {a.state}, "code": {"theirs"}}.Encode()); got != "403" {
		t.Errorf("nobody's callback: HTTP %s, want 403", got)
	}
	if _, done := ended(a); done {
		t.Fatal("nobody's requests ended the attempt")
	}
	if said := otherUsersSaid(a); len(said) != 2 || said[0] != "65534" {
		t.Errorf("reported %q, want uid 65534 twice", said)
	}
	if resp, _ := get(t, link); resp.StatusCode != http.StatusFound {
		t.Fatalf("the person's own launch: %d, want the redirect to Make", resp.StatusCode)
	}
	if conn, _, err := approve(t, a, "the-code"); err != nil || conn == nil {
		t.Fatalf("the person's own callback: %v", err)
	}
}
