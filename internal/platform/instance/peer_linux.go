package instance

import (
	"net"

	"golang.org/x/sys/unix"
)

// sameUser checks, with SO_PEERCRED, that the other end of conn runs as
// this process's user.
func sameUser(conn net.Conn) error {
	return peerUID(conn, func(fd int) (int, error) {
		cred, err := unix.GetsockoptUcred(fd, unix.SOL_SOCKET, unix.SO_PEERCRED)
		if err != nil {
			return -1, err
		}
		return int(cred.Uid), nil
	})
}
