package auth

import (
	"errors"
	"net"
	"net/url"
	"os"
	"strings"
	"syscall"
	"testing"
)

// TestListenErrors checks each way a fixed port can be refused, as the
// operating systems report them.
func TestListenErrors(t *testing.T) {
	redirect, _ := url.Parse("http://127.0.0.1:53682/callback")
	cases := []struct {
		name  string
		errno syscall.Errno
		want  string // "" means not a PortError
	}{
		{"in use (Unix)", syscall.EADDRINUSE, "port 53682 is in use by another program"},
		{"in use (Windows WSAEADDRINUSE)", 10048, "port 53682 is in use by another program"},
		{"reserved (Windows WSAEACCES)", 10013, "port 53682 is reserved by Windows (\"forbidden by its access permissions\"); list the reserved ranges with: netsh interface ipv4 show excludedportrange protocol=tcp"},
		{"privileged (Unix)", syscall.EACCES, "port 53682 can only be opened with administrator rights"},
		{"something else", syscall.EADDRNOTAVAIL, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := listenError(redirect, &net.OpError{Op: "listen", Net: "tcp", Err: os.NewSyscallError("bind", tc.errno)})
			if tc.want == "" {
				if errors.Is(err, ErrPortInUse) || !strings.Contains(err.Error(), "listen on 127.0.0.1:53682") {
					t.Errorf("got %v", err)
				}
				return
			}
			if !errors.Is(err, ErrPortInUse) || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
}
