//go:build darwin || freebsd

package instance

import (
	"net"

	"golang.org/x/sys/unix"
)

// sameUser checks, with LOCAL_PEERCRED, that the other end of conn runs
// as this process's user.
func sameUser(conn net.Conn) error {
	return peerUID(conn, func(fd int) (int, error) {
		cred, err := unix.GetsockoptXucred(fd, unix.SOL_LOCAL, unix.LOCAL_PEERCRED)
		if err != nil {
			return -1, err
		}
		return int(cred.Uid), nil
	})
}
