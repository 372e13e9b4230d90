//go:build linux

package auth

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/make-connect/make-connect/internal/platform/peeruser"
)

// The two ways another user of this computer made the owner lookup fail
// and got a request through when a failed lookup meant "allow" (issue
// 27): each is played here as user nobody, for the launch link and for
// the callback with the right state, and must be refused.

// asNobody returns the command line that runs name as user nobody, and
// skips the test where that cannot be done.
func asNobody(t *testing.T) []string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("running a request as another user (nobody) needs root")
	}
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		t.Skip("running a request as another user needs setpriv (util-linux)")
	}
	if _, err := os.Stat("/proc/net/tcp"); err != nil {
		t.Skip("no /proc/net/tcp: the owner of a connection cannot be learned here")
	}
	return []string{setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"}
}

// testBinaryForNobody copies this test binary where nobody may run it
// (t.TempDir's folders are private to root).
func testBinaryForNobody(t *testing.T) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "auth-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	to := filepath.Join(dir, "auth.test")
	in, err := os.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return to
}

// resetEnv holds what TestHelperResetClient sends: "host path".
const resetEnv = "AUTH_TEST_RESET_REQUEST"

// TestHelperResetClient is not a test: it is the client TestResetAttack
// runs as nobody. It sends a GET and closes at once with SO_LINGER 0, so
// the kernel resets the connection and drops its row from /proc/net/tcp
// while the request waits to be read.
func TestHelperResetClient(t *testing.T) {
	host, path, ok := strings.Cut(os.Getenv(resetEnv), " ")
	if !ok {
		t.Skip("the client of TestResetAttack, run by it")
	}
	c, err := net.DialTimeout("tcp", host, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\n\r\n", path, host); err != nil {
		t.Fatal(err)
	}
	c.(*net.TCPConn).SetLinger(0)
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestResetAttack: nobody sends the launch link's request, or the callback
// with the right state, and resets the connection before the listener asks
// who sent it (the test holds the lookup until the client has gone, which
// an attacker wins by trying a few times). The owner then cannot be
// learned, and the request is refused: the link is not spent, no code is
// exchanged, the attempt goes on.
func TestResetAttack(t *testing.T) {
	nobody := asNobody(t)
	client := testBinaryForNobody(t)
	for _, what := range []string{"launch", "callback"} {
		t.Run(what, func(t *testing.T) {
			p := newTestProvider(t)
			a := begin(t, p, p.config())
			link := a.LaunchURL()
			path := strings.TrimPrefix(link, "http://"+a.redirect.Host)
			if what == "callback" {
				path = a.redirect.Path + "?" + url.Values{"state": {a.state}, "code": {"theirs"}}.Encode()
			}
			gone := make(chan struct{})
			looked := make(chan error, 1)
			a.mu.Lock()
			lookup := a.lookupPeer
			a.lookupPeer = func(local, remote net.Addr) (peeruser.Peer, error) {
				<-gone
				peer, err := lookup(local, remote)
				looked <- err
				return peer, err
			}
			a.mu.Unlock()

			cmd := exec.Command(nobody[0], append(nobody[1:], client, "-test.run=^TestHelperResetClient$")...)
			cmd.Env = append(os.Environ(), resetEnv+"="+a.redirect.Host+" "+path)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("the client as nobody: %v\n%s", err, out)
			}
			close(gone)
			select {
			case err := <-looked:
				t.Logf("the lookup after the reset: %v", err)
			case <-time.After(20 * time.Second): // only catches a hang
				t.Fatal("the listener never looked into the reset request")
			}
			select {
			case u := <-a.OtherUsers():
				if u != "" {
					t.Errorf("reported user %q; the owner of a reset connection is not known", u)
				}
			case <-time.After(20 * time.Second):
				t.Error("the reset request was not refused as another user's")
			}
			a.mu.Lock()
			spent := a.launches[strings.TrimPrefix(link, "http://"+a.redirect.Host)]
			a.mu.Unlock()
			if spent {
				t.Error("the reset request spent the launch link")
			}
			if len(p.forms) != 0 {
				t.Error("the reset request's code was exchanged")
			}
			if r, done := ended(a); done {
				t.Errorf("the reset request ended the attempt: %v", r.err)
			}
		})
	}
}

// exhaustEnv tells this test binary, run by TestDescriptorExhaustion, to
// be the listener that has no descriptors to spare.
const exhaustEnv = "AUTH_TEST_EXHAUSTED_LISTENER"

// TestHelperExhaustedListener is not a test: it is the process
// TestDescriptorExhaustion attacks. It begins an attempt, lowers its limit
// of open files and uses up all but one, prints the launch link and the
// callback, waits for a line on stdin, then prints what was spent.
func TestHelperExhaustedListener(t *testing.T) {
	if os.Getenv(exhaustEnv) == "" {
		t.Skip("the listener of TestDescriptorExhaustion, run by it")
	}
	p := newTestProvider(t)
	a := begin(t, p, p.config())
	link := a.LaunchURL()
	cb := a.RedirectURI() + "?" + url.Values{"state": {a.state}, "code": {"theirs"}}.Encode()

	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		t.Fatal(err)
	}
	lim.Cur = min(lim.Cur, 256)
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		t.Fatal(err)
	}
	var held []*os.File
	for {
		f, err := os.Open(os.DevNull)
		if err != nil {
			if !errors.Is(err, syscall.EMFILE) {
				t.Fatal(err)
			}
			break
		}
		held = append(held, f)
	}
	held[len(held)-1].Close() // one left: the attacker's connection takes it
	fmt.Printf("ready %s %s\n", link, cb)
	bufio.NewReader(os.Stdin).ReadString('\n')
	for _, f := range held[:len(held)-1] {
		f.Close()
	}
	a.mu.Lock()
	spent := a.launches[strings.TrimPrefix(link, "http://"+a.redirect.Host)]
	a.mu.Unlock()
	_, done := ended(a)
	fmt.Printf("spent=%v exchanged=%d ended=%v refused=%s\n", spent, len(p.forms), done, strings.Join(otherUsersSaid(a), ","))
}

// TestDescriptorExhaustion: the listener's process has used up its open
// files but one, which nobody's connection takes; the owner lookup must
// still work (it reads through descriptors opened when the listener
// started), and both requests are refused as nobody's, named.
func TestDescriptorExhaustion(t *testing.T) {
	nobody := asNobody(t)
	curl, err := exec.LookPath("curl")
	if err != nil {
		t.Skip("needs curl (make deps installs it)")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	listener := exec.Command(exe, "-test.run=^TestHelperExhaustedListener$", "-test.v")
	listener.Env = append(os.Environ(), exhaustEnv+"=1")
	stdin, _ := listener.StdinPipe()
	stdout, _ := listener.StdoutPipe()
	listener.Stderr = os.Stderr
	if err := listener.Start(); err != nil {
		t.Fatal(err)
	}
	defer listener.Wait()
	defer stdin.Close()
	lines := bufio.NewScanner(stdout)
	var link, cb string
	for lines.Scan() {
		if f := strings.Fields(lines.Text()); len(f) == 3 && f[0] == "ready" {
			link, cb = f[1], f[2]
			break
		}
	}
	if link == "" {
		t.Fatal("the listener did not start")
	}
	status := func(u string) string {
		cmd := exec.Command(nobody[0], append(nobody[1:], curl, "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "20", u)...)
		out, _ := cmd.Output() // the status alone: a redirect's address holds the state
		return string(out)
	}
	if got := status(link); got != "403" {
		t.Errorf("nobody's launch with the descriptors used up: %q, want 403", got)
	}
	if got := status(cb); got != "403" {
		t.Errorf("nobody's callback with the descriptors used up: %q, want 403", got)
	}
	io.WriteString(stdin, "done\n")
	var report string
	for lines.Scan() {
		if strings.HasPrefix(lines.Text(), "spent=") {
			report = lines.Text()
		}
	}
	// Both refused as uid 65534's: the lookup worked (refused as unknown,
	// "", would mean the check failed closed but could not tell).
	if report != "spent=false exchanged=0 ended=false refused=65534,65534" {
		t.Errorf("after nobody's requests: %q, want nothing spent and both refused as 65534's", report)
	}
}
