package auth

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"syscall"

	"github.com/make-connect/make-connect/internal/adapters/config"
)

// ErrPortInUse means the redirect URI's fixed port cannot be opened: another
// program holds it, Windows reserves it, or it needs administrator rights.
// Match it with errors.Is on a *PortError.
var ErrPortInUse = errors.New("the redirect port cannot be opened")

// PortError says which redirect port cannot be opened, and why.
type PortError struct {
	Port string
	// Why is one of the PortProblems.
	Why PortProblem
	// Err is the system's error.
	Err error
}

// PortProblem is why a redirect port cannot be opened.
type PortProblem int

const (
	// PortInUse: another program listens on it.
	PortInUse PortProblem = iota
	// PortReserved: Windows keeps ranges of ports for Hyper-V, WSL or
	// Docker and refuses them with WSAEACCES, "forbidden by its access
	// permissions".
	PortReserved
	// PortPrivileged: on Unix, ports below 1024 need administrator rights.
	PortPrivileged
	// PortUnusable: the system refused it for another reason.
	PortUnusable
)

func (e *PortError) Error() string {
	switch e.Why {
	case PortReserved:
		return fmt.Sprintf("port %s is reserved by Windows: %v", e.Port, e.Err)
	case PortPrivileged:
		return fmt.Sprintf("port %s needs administrator rights: %v", e.Port, e.Err)
	case PortUnusable:
		return fmt.Sprintf("port %s cannot be opened: %v", e.Port, e.Err)
	}
	return fmt.Sprintf("port %s is in use by another program: %v", e.Port, e.Err)
}

func (e *PortError) Is(target error) bool { return target == ErrPortInUse }

func (e *PortError) Unwrap() error { return e.Err }

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
			return &PortError{Port: redirect.Port(), Why: PortInUse, Err: err}
		case errno == 10013:
			return &PortError{Port: redirect.Port(), Why: PortReserved, Err: err}
		case errno == syscall.EACCES:
			return &PortError{Port: redirect.Port(), Why: PortPrivileged, Err: err}
		}
	}
	// Still a port problem, never a network one: the listener is this
	// computer's own.
	return &PortError{Port: redirect.Port(), Why: PortUnusable, Err: err}
}

// CheckRedirectPort opens the redirect URI's port and closes it again, to
// tell in advance whether an attempt could listen there (doctor). Port 0
// takes any free port. A redirect URI that is not loopback has no port.
func CheckRedirectPort(redirectURI string) error {
	u, kind, err := config.ParseRedirectURI(redirectURI)
	if err != nil || kind != config.Loopback {
		return err
	}
	if isLingering(u.Host) {
		return nil // a cancelled attempt's, which the next one takes over
	}
	ln, err := listen(u)
	if err != nil {
		return err
	}
	return ln.Close()
}
