//go:build linux || windows

package peeruser

import (
	"errors"
	"net"
	"testing"
	"time"
)

// TestOwnConnection connects to a listener from this process: both ends
// are this user's, seen from either end, and already while the
// connection waits to be accepted. (Wine names the owner of only some
// connections: see lookup in peeruser_windows.go; it may say it cannot
// tell, but must not name another.)
func TestOwnConnection(t *testing.T) {
	me := myUserForTest(t)
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
			client, err := net.DialTimeout("tcp", ln.Addr().String(), 10*time.Second)
			if err != nil {
				t.Fatal(err)
			}
			defer client.Close()
			check := func(what string, local, remote net.Addr) {
				t.Helper()
				p, err := Lookup(local, remote)
				if errors.Is(err, ErrNoLookup) && underWine() {
					t.Logf("%s: Wine names no owner: %v", what, err)
					return
				}
				if err != nil || !p.Mine || p.User != me {
					t.Errorf("%s: Lookup(%v, %v) = %+v, %v; want mine, user %s", what, local, remote, p, err, me)
				}
				t.Logf("%s: %+v", what, p)
			}
			check("not yet accepted", ln.Addr(), client.LocalAddr())
			server, err := ln.Accept()
			if err != nil {
				t.Fatal(err)
			}
			defer server.Close()
			check("the server's view", server.LocalAddr(), server.RemoteAddr())
			check("the client's view", client.LocalAddr(), client.RemoteAddr())
		})
	}
}
