//go:build (dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd

package keychain

import (
	"errors"
	"net"
	"os/exec"
	"strings"

	"github.com/godbus/dbus/v5"
)

// unavailableAdvice returns ErrUnavailable or ErrLocked with the situation when
// err, from go-keyring, says that it could not use a Secret Service: no
// session bus, nothing owning org.freedesktop.secrets on it, or a keychain
// that stayed locked. Otherwise it returns nil. The preflight catches most
// of these first; they remain possible when the bus or the Secret Service
// goes away after it.
func unavailableAdvice(err error) error {
	var dbusErr dbus.Error
	if errors.As(err, &dbusErr) {
		switch {
		case dbusErr.Name == "org.freedesktop.DBus.Error.ServiceUnknown",
			dbusErr.Name == "org.freedesktop.DBus.Error.NameHasNoOwner",
			strings.HasPrefix(dbusErr.Name, "org.freedesktop.DBus.Error.Spawn."):
			return unavailable(NoSecretService, err)
		}
		return nil
	}
	// No session bus: a dial to a socket that is not there, or no address.
	var opErr *net.OpError
	var execErr *exec.Error
	var exitErr *exec.ExitError
	msg := err.Error()
	switch {
	case errors.As(err, &opErr), errors.As(err, &execErr), errors.As(err, &exitErr),
		strings.HasPrefix(msg, "dbus: couldn't determine address"),
		strings.HasPrefix(msg, "dbus: invalid bus address"):
		return unavailable(NoSessionBus, err)
	case strings.HasPrefix(msg, "failed to unlock correct collection"):
		// go-keyring v0.2.8 has no error value for this; its text is all.
		return locked(StillLocked, err)
	}
	return nil
}

// unavailable and locked are the Secret Service's situations as errors.
func unavailable(situation Situation, cause error) error {
	return &SituationError{Kind: ErrUnavailable, Situation: situation, Cause: cause}
}

func locked(situation Situation, cause error) error {
	return &SituationError{Kind: ErrLocked, Situation: situation, Cause: cause}
}
