package peeruser

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
)

// procNet is where the kernel lists this network namespace's sockets (a
// variable for the tests, which read a captured copy).
var procNet = "/proc/net"

const askAtAccept = false

// sysTable holds /proc/net/tcp and tcp6 open (nil, with why, when one
// could not be opened).
type sysTable struct {
	files [2]*os.File
	errs  [2]error
}

var procNames = [2]string{"tcp", "tcp6"}

func openSys() sysTable {
	var s sysTable
	for i, name := range procNames {
		s.files[i], s.errs[i] = os.Open(filepath.Join(procNet, name))
	}
	return s
}

func (s *sysTable) close() error {
	var errs []error
	for _, f := range s.files {
		if f != nil {
			errs = append(errs, f.Close())
		}
	}
	return errors.Join(errs...)
}

// lookup finds the other end in /proc/net/tcp, then tcp6: an IPv4 client
// is in tcp unless its socket is IPv6 (then tcp6 lists it as
// ::ffff:127.0.0.1); an IPv6 client is only in tcp6.
//
// The kernel records a socket's owner as the uid (the effective one) of
// the process that made it, so this compares it with this process's
// effective uid. Another user cannot make a socket that lists as ours.
// In another user namespace a uid is shown as that namespace maps it, and
// an unmapped one as the overflow uid (65534): never ours.
func (s *sysTable) lookup(local, remote netip.AddrPort) (Peer, error) {
	tables := []int{0, 1}
	if remote.Addr().Is6() {
		tables = tables[1:]
	}
	for _, i := range tables {
		e, found, err := s.read(i, local, remote)
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

// read scans table i from its start, the machine's byte order. The
// kernel makes the text anew for each read from offset 0.
func (s *sysTable) read(i int, local, remote netip.AddrPort) (procEntry, bool, error) {
	f := s.files[i]
	if f == nil {
		return procEntry{}, false, fmt.Errorf("%w: %v", ErrUnknown, s.errs[i])
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return procEntry{}, false, fmt.Errorf("%w: %v", ErrUnknown, err)
	}
	e, found, err := scanProcNet(f, binary.NativeEndian, local, remote)
	if err != nil {
		return procEntry{}, false, fmt.Errorf("%w: %s: %v", ErrUnknown, f.Name(), err)
	}
	return e, found, nil
}
