package instance

import (
	"fmt"
	"net"

	"golang.org/x/sys/windows"

	"github.com/make-connect/make-connect/internal/platform/peeruser"
)

// sameUser checks that the process at the other end of the pipe conn runs
// as this process's user: the pipe's access list already admits no other,
// and this asks the system, as SO_PEERCRED does on Linux.
func sameUser(conn net.Conn) error {
	fd, ok := conn.(interface{ Fd() uintptr })
	if !ok {
		return fmt.Errorf("%w: not a named pipe", ErrOtherUser)
	}
	pipe := windows.Handle(fd.Fd())
	var flags, pid uint32
	err := windows.GetNamedPipeInfo(pipe, &flags, nil, nil, nil)
	if err == nil && flags&windows.PIPE_SERVER_END != 0 {
		err = windows.GetNamedPipeClientProcessId(pipe, &pid)
	} else if err == nil {
		err = windows.GetNamedPipeServerProcessId(pipe, &pid)
	}
	if err != nil {
		return fmt.Errorf("%w: the system did not say who (%v)", ErrOtherUser, err)
	}
	peer, err := peeruser.Process(pid)
	if err != nil {
		return fmt.Errorf("%w: the system did not say who (%v)", ErrOtherUser, err)
	}
	if !peer.Mine {
		return fmt.Errorf("%w (%s)", ErrOtherUser, peer.User)
	}
	return nil
}
