package auth

import (
	"errors"
	"syscall"
)

// isAddrInUse reports whether a listen failed because another program
// holds the port. Windows reports it as WSAEADDRINUSE (10048).
func isAddrInUse(err error) bool {
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return false
	}
	return errno == syscall.EADDRINUSE || errno == 10048
}
