package peeruser

// The reader of Linux's /proc/net/tcp and /proc/net/tcp6. It is plain Go,
// built everywhere, so that its tests run on every system; only Linux
// calls it (peeruser_linux.go).

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"strconv"
)

// procEntry is what a line of /proc/net/tcp says of one socket's owner.
type procEntry struct {
	uid uint32
	// inode is the socket's inode: 0 when no process holds the socket any
	// more (closed, still finishing with its peer), and then uid is
	// meaningless: the kernel lists such sockets with uid 0.
	inode uint64
}

// The columns of a line, counted from 0, and where the header names them.
// The header has two names for what a line writes as one field
// ("tx_queue rx_queue" over 00000000:00000000, "tr tm->when" over
// 00:00000000), so the uid, the line's 8th field, is the header's 10th.
const (
	colLocal, colRemote, colUID, colInode = 1, 2, 7, 9
	headerUID, headerInode                = 9, 11
)

// maxProcLine bounds a line: the kernel pads /proc/net/tcp's to 149
// characters and tcp6's run to about 170; a longer one means the file is
// not what this reads.
const maxProcLine = 4096

// scanProcNet reads a /proc/net/tcp or tcp6 table and returns the entry of
// the socket whose local end is peer and whose remote end is us: the
// other end of the connection we see from us to peer. It stops at the
// first such line (a connection's ends are unique in a network namespace).
//
// Addresses are hexadecimal 32-bit words as the kernel holds them in
// memory, printed as numbers: on a little-endian machine 127.0.0.1 is
// 0100007F; order is the machine's byte order (binary.NativeEndian), a
// parameter so that a table captured on one machine can be read anywhere.
// Ports are printed as numbers.
//
// The columns are checked against the header, so that a kernel that moved
// them makes the answer unknown, not wrong. Lines that do not parse are
// skipped: they cannot be the one sought.
func scanProcNet(r io.Reader, order binary.ByteOrder, us, peer netip.AddrPort) (procEntry, bool, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 512), maxProcLine)
	if !sc.Scan() {
		if err := sc.Err(); err != nil {
			return procEntry{}, false, err
		}
		return procEntry{}, false, errors.New("the table is empty, without even its header")
	}
	if h := bytes.Fields(sc.Bytes()); len(h) <= headerInode || string(h[headerUID]) != "uid" || string(h[headerInode]) != "inode" {
		return procEntry{}, false, fmt.Errorf("the header %q does not have uid and inode where this reads them", truncate(sc.Text()))
	}
	for sc.Scan() {
		f := bytes.Fields(sc.Bytes())
		if len(f) <= colInode {
			continue
		}
		if a, ok := parseProcAddr(f[colLocal], order); !ok || a != peer {
			continue
		}
		if a, ok := parseProcAddr(f[colRemote], order); !ok || a != us {
			continue
		}
		uid, err := strconv.ParseUint(string(f[colUID]), 10, 32)
		if err != nil {
			return procEntry{}, false, fmt.Errorf("the uid of %s in the line %q: %w", peer, truncate(sc.Text()), err)
		}
		inode, err := strconv.ParseUint(string(f[colInode]), 10, 64)
		if err != nil {
			return procEntry{}, false, fmt.Errorf("the inode of %s in the line %q: %w", peer, truncate(sc.Text()), err)
		}
		return procEntry{uid: uint32(uid), inode: inode}, true, nil
	}
	return procEntry{}, false, sc.Err()
}

// parseProcAddr reads an address and port as /proc/net/tcp writes them:
// "0100007F:0277" (127.0.0.1:631 on a little-endian machine), or 32 digits
// for IPv6. An IPv4 address written as IPv6 (a dual-stack socket's)
// becomes plain IPv4, as addrPort makes ours.
func parseProcAddr(s []byte, order binary.ByteOrder) (netip.AddrPort, bool) {
	hexAddr, hexPort, ok := bytes.Cut(s, []byte{':'})
	if !ok || len(hexAddr) != 8 && len(hexAddr) != 32 {
		return netip.AddrPort{}, false
	}
	port, err := strconv.ParseUint(string(hexPort), 16, 16)
	if err != nil {
		return netip.AddrPort{}, false
	}
	var b [16]byte
	for i := 0; i < len(hexAddr); i += 8 {
		w, err := strconv.ParseUint(string(hexAddr[i:i+8]), 16, 32)
		if err != nil {
			return netip.AddrPort{}, false
		}
		order.PutUint32(b[i/2:], uint32(w))
	}
	addr := netip.AddrFrom16(b)
	if len(hexAddr) == 8 {
		addr = netip.AddrFrom4([4]byte(b[:4]))
	}
	return netip.AddrPortFrom(addr.Unmap(), uint16(port)), true
}

// truncate keeps an error message short when a line is not what it
// should be.
func truncate(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}
