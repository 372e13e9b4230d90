//go:build !linux && !windows

package peeruser

import (
	"fmt"
	"net/netip"
	"runtime"
)

// lookup cannot tell here: see the package's comment.
func lookup(local, remote netip.AddrPort) (Peer, error) {
	return Peer{}, fmt.Errorf("%w on %s (from %s to %s)", ErrUnknown, runtime.GOOS, remote, local)
}
