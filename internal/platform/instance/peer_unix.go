//go:build linux || darwin || freebsd

package instance

import (
	"fmt"
	"net"
	"os"
)

// peerUID asks uid for the user at the other end of a Unix socket and
// refuses any other than this process's.
func peerUID(conn net.Conn, uid func(fd int) (int, error)) error {
	uc, ok := conn.(*net.UnixConn)
	if !ok {
		return fmt.Errorf("%w: not a Unix socket", ErrOtherUser)
	}
	raw, err := uc.SyscallConn()
	if err != nil {
		return err
	}
	peer, uerr := -1, error(nil)
	if err := raw.Control(func(fd uintptr) { peer, uerr = uid(int(fd)) }); err != nil {
		return err
	}
	if uerr != nil {
		return fmt.Errorf("%w: the system did not say who (%v)", ErrOtherUser, uerr)
	}
	if peer != os.Geteuid() {
		return fmt.Errorf("%w (uid %d)", ErrOtherUser, peer)
	}
	return nil
}
