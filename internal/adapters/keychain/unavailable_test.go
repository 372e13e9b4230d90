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

// go-keyring's errors that mean there is no keychain to use, or that it
// stayed locked, carry the situation (explain words it); others stay as
// they are.
func TestGoKeyringErrorsAreExplained(t *testing.T) {
	cases := []struct {
		name string
		err  error
		kind error // nil: passed on unchanged
		want Situation
	}{
		{"nothing owns org.freedesktop.secrets", dbus.Error{
			Name: "org.freedesktop.DBus.Error.ServiceUnknown",
			Body: []any{"The name org.freedesktop.secrets was not provided by any .service files"},
		}, ErrUnavailable, NoSecretService},
		{"no session bus socket", &net.OpError{Op: "dial", Net: "unix", Err: os.ErrNotExist}, ErrUnavailable, NoSessionBus},
		{"no dbus-launch", &exec.Error{Name: "dbus-launch", Err: exec.ErrNotFound}, ErrUnavailable, NoSessionBus},
		{"locked collection", errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'"),
			ErrLocked, StillLocked},
		{"access denied", dbus.Error{Name: "org.freedesktop.DBus.Error.AccessDenied"}, nil, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := NewWithBackend(testService, broken{tc.err}).List()
			if tc.kind == nil {
				if err == nil || errors.Is(err, ErrUnavailable) || errors.Is(err, ErrLocked) {
					t.Fatalf("List = %v, want the error passed on", err)
				}
				return
			}
			var se *SituationError
			if !errors.Is(err, tc.kind) || !errors.As(err, &se) || se.Situation != tc.want {
				t.Fatalf("List = %v\nwant %v: %s", err, tc.kind, tc.want)
			}
			if errors.Unwrap(err) == nil {
				t.Errorf("the cause is not kept for details")
			}
		})
	}
}
