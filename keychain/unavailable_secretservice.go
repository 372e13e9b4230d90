//go:build (dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd

package keychain

import (
	"errors"
	"net"
	"os/exec"
	"strings"

	"github.com/godbus/dbus/v5"
)

// noSecretService is what a person reads when go-keyring finds no Secret
// Service: there is nothing to unlock or retry, something must be installed
// or started.
const noSecretService = "no Secret Service is running: install and start gnome-keyring " +
	"(or KeePassXC with Secret Service enabled)"

// unavailableAdvice returns advice when err says that go-keyring could not
// reach a Secret Service: no D-Bus session bus to connect to, or nothing
// owning org.freedesktop.secrets on it. Otherwise it returns "".
func unavailableAdvice(err error) string {
	var dbusErr dbus.Error
	if errors.As(err, &dbusErr) {
		switch {
		case dbusErr.Name == "org.freedesktop.DBus.Error.ServiceUnknown",
			dbusErr.Name == "org.freedesktop.DBus.Error.NameHasNoOwner",
			strings.HasPrefix(dbusErr.Name, "org.freedesktop.DBus.Error.Spawn."):
			return noSecretService
		}
		return ""
	}
	// No session bus: a dial to a socket that is not there, no dbus-launch
	// to autolaunch one, or no address at all.
	// dbus-launch is what godbus runs when it finds no address; it is
	// the only program the Secret Service client starts.
	var opErr *net.OpError
	var execErr *exec.Error
	var exitErr *exec.ExitError
	if errors.As(err, &opErr) || errors.As(err, &execErr) || errors.As(err, &exitErr) {
		return noSecretService
	}
	msg := err.Error()
	if strings.HasPrefix(msg, "dbus: couldn't determine address") ||
		strings.HasPrefix(msg, "dbus: invalid bus address") {
		return noSecretService
	}
	return ""
}
