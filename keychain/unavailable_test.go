//go:build (dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd

package keychain

import (
	"errors"
	"net"
	"os"
	"os/exec"
	"testing"

	"github.com/godbus/dbus/v5"
)

// broken is a keychain whose every call fails with err.
type broken struct{ err error }

func (b broken) Set(string, string, string) error   { return b.err }
func (b broken) Get(string, string) (string, error) { return "", b.err }
func (b broken) Delete(string, string) error        { return b.err }

func TestMissingSecretServiceIsUnavailable(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want bool
	}{
		{"nothing owns org.freedesktop.secrets", dbus.Error{
			Name: "org.freedesktop.DBus.Error.ServiceUnknown",
			Body: []any{"The name org.freedesktop.secrets was not provided by any .service files"},
		}, true},
		{"no session bus socket", &net.OpError{Op: "dial", Net: "unix", Err: os.ErrNotExist}, true},
		{"no dbus-launch", &exec.Error{Name: "dbus-launch", Err: exec.ErrNotFound}, true},
		{"locked collection", errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'"), false},
		{"access denied", dbus.Error{Name: "org.freedesktop.DBus.Error.AccessDenied"}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := NewWithBackend(testService, broken{tc.err}).List()
			if got := errors.Is(err, ErrUnavailable); got != tc.want {
				t.Fatalf("List = %v; ErrUnavailable %v, want %v", err, got, tc.want)
			}
			if tc.want && err.Error() != noSecretService {
				t.Errorf("text %q, want %q", err, noSecretService)
			}
			if tc.want && errors.Unwrap(err) == nil {
				t.Errorf("the cause is not kept for details")
			}
		})
	}
}
