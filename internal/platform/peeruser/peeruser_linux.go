package peeruser

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
)

// procNet is where the kernel lists this network namespace's sockets (a
// variable for the tests, which read a captured copy).
var procNet = "/proc/net"

// lookup finds the other end in /proc/net/tcp, then tcp6: an IPv4 client
// is in tcp unless its socket is IPv6 (then tcp6 lists it as
// ::ffff:127.0.0.1); an IPv6 client is only in tcp6.
//
// The kernel records a socket's owner as the uid (the effective one) of
// the process that made it, so this compares it with this process's
// effective uid. Another user cannot make a socket that lists as ours.
// In another user namespace a uid is shown as that namespace maps it, and
// an unmapped one as the overflow uid (65534): never ours.
func lookup(local, remote netip.AddrPort) (Peer, error) {
	names := []string{"tcp", "tcp6"}
	if remote.Addr().Is6() {
		names = names[1:]
	}
	for _, name := range names {
		e, found, err := readProcNet(filepath.Join(procNet, name), local, remote)
		if err != nil {
			return Peer{}, err
		}
		if !found {
			continue
		}
		if e.inode == 0 {
			// Closed: whatever uid the line shows is not its owner's.
			return Peer{}, nil
		}
		return Peer{Mine: e.uid == uint32(os.Geteuid()), User: strconv.FormatUint(uint64(e.uid), 10)}, nil
	}
	return Peer{}, fmt.Errorf("%w: %s lists no socket from %s to %s", ErrUnknown, procNet, remote, local)
}

// readProcNet scans one table, the machine's byte order.
func readProcNet(name string, local, remote netip.AddrPort) (procEntry, bool, error) {
	f, err := os.Open(name)
	if err != nil {
		return procEntry{}, false, fmt.Errorf("%w: %v", ErrUnknown, err)
	}
	defer f.Close()
	e, found, err := scanProcNet(f, binary.NativeEndian, local, remote)
	if err != nil {
		return procEntry{}, false, fmt.Errorf("%w: %s: %v", ErrUnknown, name, err)
	}
	return e, found, nil
}
