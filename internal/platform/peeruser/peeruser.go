// Package peeruser learns which user owns the other end of a TCP
// connection made on this computer. The app's loopback listener (RFC 8252)
// takes the OAuth redirect and the launch link on 127.0.0.1, where every
// user of the computer can connect, and its port is no secret: asking who
// is at the other end lets it answer only its own user.
//
// Linux reads /proc/net/tcp and /proc/net/tcp6; Windows asks
// GetExtendedTcpTable for the process that owns the other end and reads
// that process's user from its token. Elsewhere (macOS, the BSDs) every
// lookup fails with ErrNoLookup: macOS could learn the uid from the sysctl
// net.inet.tcp.pcblist_n (its xsocket has so_uid), which is not done yet.
//
// Ask while the client waits for the answer (a browser does), or as the
// connection is accepted (AskAtAccept says where that is needed): a
// client that sent its request and closed its end is then no one's, and
// one that reset its connection is unknown (ErrUnknown); either is
// refused, so closing early does not get a request through. The auth
// listener asks when a request would spend a launch link or take the
// callback, so that a flood of other requests costs no table reads; on
// Windows it asks as it accepts each connection (AskAtAccept).
package peeruser

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"sync"
)

// ErrUnknown means the owner of the other end could not be established:
// the table cannot be read (no /proc, a sandbox, an API that fails, a
// Table that is closed), or it holds no such connection (a client that
// reset its connection is gone from it at once). The caller must then
// act as for another user's connection: were it to let such a request
// through, any client could, by making the lookup fail.
var ErrUnknown = errors.New("the owner of the connection's other end cannot be learned")

// ErrNoLookup means this system gives no way to learn the owner of a
// connection: macOS and the BSDs (this package does not read them), and
// Wine, which names no process for some open connections (see lookup in
// peeruser_windows.go). Nothing can be checked there, and the caller
// answers as it would without this package.
var ErrNoLookup = errors.New("this system does not say who owns a connection's other end")

// AskAtAccept is true where a lookup should be made as the connection is
// accepted, before any of its bytes are read: on Windows the table names
// a process by its id, which another process may take once the first has
// exited, and the client that connected is most likely alive then. (The
// lookup also checks that the process it reads is not newer than the
// connection: see processUser.) Elsewhere a lookup may wait until a
// request needs it (a uid is not reused), so that a flood of other
// requests costs no table reads.
const AskAtAccept = askAtAccept

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
	// it; Windows with process 0), the process that made it has exited
	// (or its id now names a process made after the table was read),
	// or this user may not open that process (Windows: another user's,
	// the system's, and perhaps this user's own running as administrator
	// while this one is not). A browser of this user waiting for an
	// answer never looks like that; and were these unknown rather than
	// refused, any client could pass by closing its end just after
	// sending its request.
	User string
}

// A Table learns who owns the other end of connections made to this
// process. Open it when the listener starts and close it when the
// listener closes: on Linux it holds /proc/net/tcp and /proc/net/tcp6
// open between lookups and re-reads them from the start for each, so a
// process that has run out of descriptors (another user can hold many
// connections to it) can still tell. Its methods may be called from any
// goroutine; lookups take turns.
type Table struct {
	mu     sync.Mutex
	sys    sysTable
	closed bool
}

// Open prepares a Table. It does not fail: a table it could not open
// makes each Lookup fail with ErrUnknown, saying why.
func Open() *Table { return &Table{sys: openSys()} }

// Lookup learns who owns the other end of the TCP connection whose ends
// are local and remote as a server sees them (conn.LocalAddr() and
// conn.RemoteAddr(), *net.TCPAddr). An error wraps ErrUnknown or
// ErrNoLookup, and then the Peer is the zero one.
//
// The connection may still wait in the listener's queue: its other end
// is listed from the moment the client's connect returns.
func (t *Table) Lookup(local, remote net.Addr) (Peer, error) {
	l, err := addrPort(local)
	if err != nil {
		return Peer{}, err
	}
	r, err := addrPort(remote)
	if err != nil {
		return Peer{}, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return Peer{}, fmt.Errorf("%w: the table is closed", ErrUnknown)
	}
	return t.sys.lookup(l, r)
}

// Close lets go of what Open opened. A Lookup after it fails with
// ErrUnknown.
func (t *Table) Close() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return nil
	}
	t.closed = true
	return t.sys.close()
}

// Lookup is Open, Table.Lookup and Close, for a single lookup.
func Lookup(local, remote net.Addr) (Peer, error) {
	t := Open()
	defer t.Close()
	return t.Lookup(local, remote)
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
