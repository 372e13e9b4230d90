// Package peeruser learns which user owns the other end of a TCP
// connection made on this computer. The app's loopback listener (RFC 8252)
// takes the OAuth redirect and the launch link on 127.0.0.1, where every
// user of the computer can connect, and its port is no secret: asking who
// is at the other end lets it answer only its own user.
//
// Linux reads /proc/net/tcp and /proc/net/tcp6; Windows asks
// GetExtendedTcpTable for the process that owns the other end and reads
// that process's user from its token. Elsewhere (macOS, the BSDs) every
// lookup fails with ErrUnknown: macOS could learn the uid from the sysctl
// net.inet.tcp.pcblist_n (its xsocket has so_uid), which is not done yet.
//
// Ask while the client waits for the answer (a browser does), or as the
// connection is accepted: a client that sent its request and closed its
// end is then no one's, and is refused (see Peer.User), so closing early
// does not get a request through. The auth listener asks when a request
// would spend a launch link or take the callback, so that a flood of
// other requests costs no table reads.
package peeruser

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
)

// ErrUnknown means the owner of the other end cannot be learned here: the
// system is not one this package reads, the table cannot be read (no
// /proc, a sandbox, an API that fails), or it holds no such connection.
// The caller then has nothing to go on and should behave as it would
// without this package.
var ErrUnknown = errors.New("the owner of the connection's other end cannot be learned")

// Peer is what Lookup learned about the other end of a connection.
type Peer struct {
	// Mine is true when the other end belongs to this process's user.
	Mine bool
	// User names the owner for a message or a log: a uid on Unix
	// ("65534"), a SID on Windows ("S-1-5-21-…-1001").
	//
	// It is empty, with Mine false, when the other end has no owner to
	// name and is taken as not this user's: its socket is already closed
	// (Linux lists a closed socket with no inode and uid 0, whoever had
	// it; Windows with process 0), the process that made it has exited,
	// or this user may not open that process (Windows: another user's,
	// the system's, and perhaps this user's own running as administrator
	// while this one is not). A browser of this user waiting for an
	// answer never looks like that; and were these unknown rather than
	// refused, any client could pass by closing its end just after
	// sending its request.
	User string
}

// Lookup learns who owns the other end of the TCP connection whose ends
// are local and remote as a server sees them (conn.LocalAddr() and
// conn.RemoteAddr(), *net.TCPAddr). An error always wraps ErrUnknown, and
// then the Peer is the zero one.
//
// The connection may still wait in the listener's queue: its other end
// is listed from the moment the client's connect returns.
func Lookup(local, remote net.Addr) (Peer, error) {
	l, err := addrPort(local)
	if err != nil {
		return Peer{}, err
	}
	r, err := addrPort(remote)
	if err != nil {
		return Peer{}, err
	}
	return lookup(l, r)
}

// Mine reports whether the other end of the connection belongs to this
// process's user: (true, nil) when it does, (false, nil) when it belongs
// to someone else or to no one (see Peer.User), and (false, an error that
// wraps ErrUnknown) when that cannot be learned. Lookup says who it is.
func Mine(local, remote net.Addr) (bool, error) {
	p, err := Lookup(local, remote)
	return p.Mine, err
}

// addrPort turns a *net.TCPAddr into the form the tables are compared in:
// an IPv4 address written as IPv6 (::ffff:127.0.0.1, as a dual-stack
// socket sees an IPv4 client) becomes plain IPv4, and the zone goes, as
// neither table holds one.
func addrPort(a net.Addr) (netip.AddrPort, error) {
	t, ok := a.(*net.TCPAddr)
	if !ok || t == nil {
		return netip.AddrPort{}, fmt.Errorf("%w: %v (%T) is not a TCP address", ErrUnknown, a, a)
	}
	ap := t.AddrPort()
	if !ap.Addr().IsValid() {
		return netip.AddrPort{}, fmt.Errorf("%w: the TCP address %v has no IP address", ErrUnknown, t)
	}
	return netip.AddrPortFrom(ap.Addr().Unmap().WithZone(""), ap.Port()), nil
}
