package peeruser

import (
	"errors"
	"net"
	"net/netip"
	"runtime"
	"testing"
)

// TestAddrPort: addresses are compared unmapped and without zones, as the
// tables list them; anything but a TCP address cannot be looked up.
func TestAddrPort(t *testing.T) {
	for _, c := range []struct {
		in   net.Addr
		want string
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 631}, "127.0.0.1:631"}, // net.IPv4 is 16 bytes
		{&net.TCPAddr{IP: net.IP{127, 0, 0, 1}, Port: 80}, "127.0.0.1:80"},
		{&net.TCPAddr{IP: net.ParseIP("::ffff:127.0.0.1"), Port: 80}, "127.0.0.1:80"},
		{&net.TCPAddr{IP: net.IPv6loopback, Port: 8080}, "[::1]:8080"},
		{&net.TCPAddr{IP: net.ParseIP("fe80::1"), Port: 1, Zone: "eth0"}, "[fe80::1]:1"},
	} {
		got, err := addrPort(c.in)
		if err != nil || got != netip.MustParseAddrPort(c.want) {
			t.Errorf("addrPort(%v) = %v, %v; want %s", c.in, got, err, c.want)
		}
	}
	for _, in := range []net.Addr{nil, (*net.TCPAddr)(nil), &net.TCPAddr{Port: 80}, &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 53}, &net.UnixAddr{Name: "/tmp/s", Net: "unix"}} {
		if _, err := addrPort(in); !errors.Is(err, ErrUnknown) {
			t.Errorf("addrPort(%v) = %v; want ErrUnknown", in, err)
		}
		if p, err := Lookup(in, &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 80}); !errors.Is(err, ErrUnknown) || p != (Peer{}) {
			t.Errorf("Lookup(%v, …) = %+v, %v; want ErrUnknown", in, p, err)
		}
	}
}

// TestNoSuchConnection: a connection nobody made has no owner to learn
// (on a system this package does not read, none has).
func TestNoSuchConnection(t *testing.T) {
	want := ErrUnknown
	if runtime.GOOS != "linux" && runtime.GOOS != "windows" {
		want = ErrNoLookup
	}
	local := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1}
	remote := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 2}
	if p, err := Lookup(local, remote); !errors.Is(err, want) || p != (Peer{}) {
		t.Errorf("Lookup of a connection nobody made = %+v, %v; want %v", p, err, want)
	}
}

// TestClosedTable: a Table that was closed answers no more.
func TestClosedTable(t *testing.T) {
	table := Open()
	if err := table.Close(); err != nil {
		t.Fatal(err)
	}
	if err := table.Close(); err != nil {
		t.Errorf("a second Close: %v", err)
	}
	local := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1}
	if p, err := table.Lookup(local, local); !errors.Is(err, ErrUnknown) || p != (Peer{}) {
		t.Errorf("Lookup after Close = %+v, %v; want ErrUnknown", p, err)
	}
}
