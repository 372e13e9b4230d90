package instance

import (
	"fmt"
	"net"

	"golang.org/x/sys/windows"
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
	if err := windows.GetNamedPipeInfo(pipe, &flags, nil, nil, nil); err != nil {
		return fmt.Errorf("%w: the system did not say who (%v)", ErrOtherUser, err)
	}
	var err error
	if flags&windows.PIPE_SERVER_END != 0 {
		err = windows.GetNamedPipeClientProcessId(pipe, &pid)
	} else {
		err = windows.GetNamedPipeServerProcessId(pipe, &pid)
	}
	if err != nil {
		return fmt.Errorf("%w: the system did not say who (%v)", ErrOtherUser, err)
	}
	peer, err := processUser(pid)
	if err != nil {
		return fmt.Errorf("%w: the system did not say who (%v)", ErrOtherUser, err)
	}
	me, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return fmt.Errorf("%w: %v", ErrOtherUser, err)
	}
	if !peer.Equals(me.User.Sid) {
		return fmt.Errorf("%w (%s)", ErrOtherUser, peer)
	}
	return nil
}

// processUser is the user process pid runs as.
func processUser(pid uint32) (*windows.SID, error) {
	p, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, pid)
	if err != nil {
		return nil, err
	}
	defer windows.CloseHandle(p)
	var token windows.Token
	if err := windows.OpenProcessToken(p, windows.TOKEN_QUERY, &token); err != nil {
		return nil, err
	}
	defer token.Close()
	user, err := token.GetTokenUser()
	if err != nil {
		return nil, err
	}
	return user.User.Sid.Copy()
}
