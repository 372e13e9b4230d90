package peeruser

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// myUserForTest is how Peer.User names this process's user: its uid.
func myUserForTest(*testing.T) string { return strconv.Itoa(os.Geteuid()) }

// TestLookupCaptured reads the captured tables (see
// TestScanProcNetCaptured) as lookup does: an IPv4 client with an IPv6
// socket is found in tcp6, a closed end is no one's, a uid is named.
func TestLookupCaptured(t *testing.T) {
	if binary.NativeEndian.Uint16([]byte{1, 0}) != 1 {
		t.Skip("the tables were captured on a little-endian machine")
	}
	defer func(old string) { procNet = old }(procNet)
	procNet = "testdata"
	tcp := func(s string) *net.TCPAddr { a, _ := net.ResolveTCPAddr("tcp", s); return a }
	// What Lookup says of a uid's socket, as %v, run by whoever runs this.
	owned := func(uid int) string { return fmt.Sprintf("{%v %d}", os.Geteuid() == uid, uid) }
	for _, c := range []struct {
		us, peer string
		want     string // Peer as %v, or "unknown"
	}{
		{"127.0.0.1:55575", "127.0.0.1:58544", owned(0)},
		{"127.0.0.1:55575", "127.0.0.1:58556", owned(0)}, // in tcp6
		{"127.0.0.1:55575", "127.0.0.1:58570", owned(0)},
		{"127.0.0.1:55575", "127.0.0.1:58576", "{false }"}, // closed: uid 0 is not its owner
		{"127.0.0.1:55575", "127.0.0.1:58588", owned(65534)},
		{"[::1]:59287", "[::1]:50870", owned(65534)},
		{"[::ffff:127.0.0.1]:55575", "[::ffff:127.0.0.1]:58588", owned(65534)}, // as a dual-stack server sees it
		{"127.0.0.1:55575", "127.0.0.1:1", "unknown"},
		{"[::1]:59287", "[::1]:1", "unknown"},
	} {
		p, err := Lookup(tcp(c.us), tcp(c.peer))
		got := fmt.Sprint(p)
		if errors.Is(err, ErrUnknown) {
			got = "unknown"
		} else if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("Lookup(%s, %s) = %s (%v); want %s", c.us, c.peer, got, err, c.want)
		}
	}
	procNet = filepath.Join(t.TempDir(), "none")
	if _, err := Lookup(tcp("127.0.0.1:55575"), tcp("127.0.0.1:58544")); !errors.Is(err, ErrUnknown) {
		t.Errorf("Lookup without /proc/net = %v; want ErrUnknown", err)
	}
}

// TestTableKeepsItsFiles: a Table reads the tables it opened, from their
// start each time, and opens nothing more: a process out of descriptors
// (or whose /proc went away) still learns owners through it.
func TestTableKeepsItsFiles(t *testing.T) {
	if binary.NativeEndian.Uint16([]byte{1, 0}) != 1 {
		t.Skip("the tables were captured on a little-endian machine")
	}
	defer func(old string) { procNet = old }(procNet)
	procNet = "testdata"
	table := Open()
	procNet = filepath.Join(t.TempDir(), "none") // anything opened from now on fails
	tcp := func(s string) *net.TCPAddr { a, _ := net.ResolveTCPAddr("tcp", s); return a }
	for range 3 { // found early in tcp, late in tcp6, in turns
		for _, c := range [][2]string{{"127.0.0.1:55575", "127.0.0.1:58588"}, {"[::1]:59287", "[::1]:50870"}} {
			if p, err := table.Lookup(tcp(c[0]), tcp(c[1])); err != nil || p.User != "65534" {
				t.Fatalf("Lookup(%s, %s) = %+v, %v; want user 65534", c[0], c[1], p, err)
			}
		}
	}
	if err := table.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := table.Lookup(tcp("127.0.0.1:55575"), tcp("127.0.0.1:58588")); !errors.Is(err, ErrUnknown) {
		t.Errorf("Lookup after Close = %v; want ErrUnknown", err)
	}
	broken := Open() // with no /proc/net to open
	defer broken.Close()
	if _, err := broken.Lookup(tcp("127.0.0.1:55575"), tcp("127.0.0.1:58588")); !errors.Is(err, ErrUnknown) {
		t.Errorf("Lookup in a table that could not be opened = %v; want ErrUnknown", err)
	}
}

// TestClosedPeer: a client that closes its end before it is asked about
// is no one's, even to a server run by root (the kernel lists the closed
// socket with uid 0); one that only shut its end for writing is still
// its user's.
func TestClosedPeer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	connect := func() (client *net.TCPConn, server net.Conn) {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		s, err := ln.Accept()
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close(); s.Close() })
		return c.(*net.TCPConn), s
	}
	client, server := connect()
	if err := client.CloseWrite(); err != nil {
		t.Fatal(err)
	}
	if p, err := Lookup(server.LocalAddr(), server.RemoteAddr()); err != nil || !p.Mine {
		t.Errorf("Lookup of a half-closed client = %+v, %v; want mine", p, err)
	}
	client, server = connect()
	client.Close()
	if p, err := Lookup(server.LocalAddr(), server.RemoteAddr()); err != nil || p != (Peer{}) {
		t.Errorf("Lookup of a closed client = %+v, %v; want no one's", p, err)
	}
}

// helperEnv tells this test binary, run as another user by
// TestOtherUser, to act as a client of the address it holds.
const helperEnv = "PEERUSER_TEST_CLIENT_OF"

// TestHelperClient is not a test: it is the client TestOtherUser runs as
// another user. It connects, says so, and holds the connection until the
// server closes it.
func TestHelperClient(t *testing.T) {
	addr := os.Getenv(helperEnv)
	if addr == "" {
		t.Skip("the client of TestOtherUser, run by it")
	}
	c, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Println("connected from", c.LocalAddr())
	c.SetDeadline(time.Now().Add(30 * time.Second))
	io.Copy(io.Discard, c)
}

// TestOtherUser connects as user nobody (uid 65534), through setpriv, to
// a listener of this process: the other end is not this user's, and its
// uid is named. It needs root (to become nobody) and setpriv (util-linux).
func TestOtherUser(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("running a client as another user needs root")
	}
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		t.Skip("running a client as another user needs setpriv (util-linux)")
	}
	// The test binary, where nobody may run it (t.TempDir's folders are
	// private to root).
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "peeruser-test-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	client := filepath.Join(dir, "peeruser.test")
	if err := copyFile(exe, client); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, addr := range []string{"127.0.0.1:0", "[::1]:0"} {
		t.Run(addr, func(t *testing.T) {
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				if addr == "[::1]:0" {
					t.Skipf("no IPv6 loopback here: %v", err)
				}
				t.Fatal(err)
			}
			defer ln.Close()
			cmd := exec.Command(setpriv, "--reuid=65534", "--regid=65534", "--clear-groups",
				client, "-test.run=^TestHelperClient$", "-test.v")
			cmd.Env = append(os.Environ(), helperEnv+"="+ln.Addr().String())
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Closing the server's end lets the client go; the kill is for
			// a client that never connected.
			defer func() {
				if err := cmd.Wait(); err != nil {
					t.Errorf("the client as nobody: %v\n%s", err, out.Bytes())
				}
			}()
			ln.(*net.TCPListener).SetDeadline(time.Now().Add(30 * time.Second))
			server, err := ln.Accept()
			if err != nil {
				cmd.Process.Kill()
				t.Fatalf("the client as nobody did not connect: %v", err)
			}
			defer server.Close()
			p, err := Lookup(server.LocalAddr(), server.RemoteAddr())
			if err != nil || p.Mine || p.User != "65534" {
				t.Errorf("Lookup of nobody's client = %+v, %v; want not mine, user 65534", p, err)
			}
		})
	}
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func underWine() bool { return false }
