//go:build !linux && !windows

package peeruser

import (
	"fmt"
	"net/netip"
	"runtime"
)

const askAtAccept = false

// sysTable has nothing to hold here: see the package's comment.
type sysTable struct{}

func openSys() sysTable { return sysTable{} }

func (*sysTable) close() error { return nil }

// lookup cannot tell here: see the package's comment.
func (*sysTable) lookup(local, remote netip.AddrPort) (Peer, error) {
	return Peer{}, fmt.Errorf("%w on %s (from %s to %s)", ErrNoLookup, runtime.GOOS, remote, local)
}
