package auth

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"syscall"
)

// ErrPortInUse means the redirect URI's fixed port cannot be opened: another
// program holds it, Windows reserves it, or it needs administrator rights.
// Match it with errors.Is on a *PortError.
var ErrPortInUse = errors.New("the redirect port cannot be opened")

// PortError says which redirect port cannot be opened, and why.
type PortError struct {
	Port string
	// Why is one of the reasons below.
	Why portProblem
}

type portProblem int

const (
	portInUse portProblem = iota
	// portReserved: Windows keeps ranges of ports for Hyper-V, WSL or
	// Docker and refuses them with WSAEACCES, "forbidden by its access
	// permissions".
	portReserved
	// portPrivileged: on Unix, ports below 1024 need administrator rights.
	portPrivileged
)

func (e *PortError) Error() string {
	switch e.Why {
	case portReserved:
		return fmt.Sprintf("port %s is reserved by Windows (\"forbidden by its access permissions\"); "+
			"list the reserved ranges with: netsh interface ipv4 show excludedportrange protocol=tcp", e.Port)
	case portPrivileged:
		return fmt.Sprintf("port %s can only be opened with administrator rights on this computer", e.Port)
	}
	return fmt.Sprintf("port %s is in use by another program", e.Port)
}

func (e *PortError) Is(target error) bool { return target == ErrPortInUse }

// Held reports whether another program holds the port, so that closing it
// would help.
func (e *PortError) Held() bool { return e.Why == portInUse }

// listen binds the redirect URI's loopback address: the given port, or an
// ephemeral one for port 0.
func listen(redirect *url.URL) (net.Listener, error) {
	ln, err := net.Listen("tcp", redirect.Host)
	if err != nil {
		return nil, listenError(redirect, err)
	}
	return ln, nil
}

// listenError says why the redirect URI's port could not be opened.
func listenError(redirect *url.URL, err error) error {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		switch {
		// Windows reports WSAEADDRINUSE (10048) and WSAEACCES (10013).
		case errno == syscall.EADDRINUSE || errno == 10048:
			return &PortError{Port: redirect.Port(), Why: portInUse}
		case errno == 10013:
			return &PortError{Port: redirect.Port(), Why: portReserved}
		case errno == syscall.EACCES:
			return &PortError{Port: redirect.Port(), Why: portPrivileged}
		}
	}
	return fmt.Errorf("listen on %s: %w", redirect.Host, err)
}

// CheckRedirectPort opens the redirect URI's port and closes it again, to
// tell in advance whether an attempt could listen there (doctor). Port 0
// takes any free port.
func CheckRedirectPort(redirectURI string) error {
	u, err := parseRedirectURI(redirectURI)
	if err != nil {
		return err
	}
	ln, err := listen(u)
	if err != nil {
		return err
	}
	return ln.Close()
}
