package auth

import (
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
