package auth

import (
	"errors"
	"net"
	"net/url"
	"os"
	"syscall"
	"testing"

	"github.com/make-connect/make-connect/internal/adapters/config"
)

// TestListenErrors checks each way a fixed port can be refused, as the
// operating systems report them: each is a port problem that carries the
// port and the reason (explain words them), never a network failure.
func TestListenErrors(t *testing.T) {
	redirect, _ := url.Parse("http://127.0.0.1:53682/callback")
	cases := []struct {
		name  string
		errno syscall.Errno
		want  PortProblem
	}{
		{"in use (Unix)", syscall.EADDRINUSE, PortInUse},
		{"in use (Windows WSAEADDRINUSE)", 10048, PortInUse},
		{"reserved (Windows WSAEACCES)", 10013, PortReserved},
		{"privileged (Unix)", syscall.EACCES, PortPrivileged},
		{"something else", syscall.EADDRNOTAVAIL, PortUnusable},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cause := &net.OpError{Op: "listen", Net: "tcp", Err: os.NewSyscallError("bind", tc.errno)}
			err := listenError(redirect, cause)
			var pe *PortError
			if !errors.As(err, &pe) || !errors.Is(err, ErrPortInUse) {
				t.Fatalf("got %v, want a *PortError", err)
			}
			if pe.Port != "53682" || pe.Why != tc.want || !errors.Is(err, tc.errno) {
				t.Errorf("got port %s, problem %d, cause %v; want 53682, %d, %v", pe.Port, pe.Why, pe.Err, tc.want, tc.errno)
			}
		})
	}
}

// TestRedirectPortRange: a redirect URI's port is 1–65535, or 0 for any
// free one; anything else is refused where it is entered.
func TestRedirectPortRange(t *testing.T) {
	for port, ok := range map[string]bool{"0": true, "1": true, "53682": true, "65535": true, "65536": false, "99999": false, "123456789012": false} {
		err := config.CheckRedirectURI("http://127.0.0.1:" + port + "/callback")
		if (err == nil) != ok {
			t.Errorf("port %s: %v", port, err)
		}
	}
}
