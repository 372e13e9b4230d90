//go:build (dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd

package keychain

import (
	"errors"
	"net"
	"os/exec"
	"strings"

	"github.com/godbus/dbus/v5"
)

// unlockCommand starts gnome-keyring with its login keyring unlocked (made,
// the first time, with that password), reading the password from the
// terminal without showing it. --replace takes over from a locked
// gnome-keyring already on the bus: without it, gnome-keyring 42 starts a
// second daemon that never serves the bus, and the keychain stays locked.
const unlockCommand = `read -rs PW; printf '%s' "$PW" | gnome-keyring-daemon --replace --unlock --components=secrets; unset PW`

// unlockHelp follows the first sentence of every ErrLocked text.
const unlockHelp = "\n    " + unlockCommand + "\n" +
	"read waits for the keychain's password and does not show it; where there is no login keyring yet, " +
	"the password typed becomes its password."

// The texts a person reads, a plain first sentence and then what to run.
// Errors in Go start in lower case; the command line prints them after
// "make-connect: ".
const (
	noSessionBus = "no D-Bus session is running here (as in an SSH login), so the system keychain cannot be reached.\n" +
		"Start one with its own keychain, then run the command again in that shell:\n" +
		"    dbus-run-session -- bash" + unlockHelp + "\n" +
		"A desktop session started without D-Bus must be started through dbus-run-session.\n" +
		"Missing commands are in the packages dbus and gnome-keyring (Debian, Ubuntu: sudo apt install dbus gnome-keyring)."

	noSecretService = "no Secret Service is installed or running, so there is no system keychain to keep accounts in.\n" +
		"Install gnome-keyring (Debian, Ubuntu: sudo apt install gnome-keyring) " +
		"or turn on KeePassXC's Secret Service integration, then try again."

	notRunning = "the system keychain is not running, and with no desktop here it could not ask for its password.\n" +
		"Start gnome-keyring unlocked, then run the command again:" + unlockHelp

	lockedKeyring = "the system keychain is locked, and with no desktop here it cannot ask for its password.\n" +
		"Restart gnome-keyring unlocked, then run the command again:" + unlockHelp

	noKeyring = "the system keychain has no login keyring yet, and with no desktop here it cannot ask for a password for one.\n" +
		"Make one with gnome-keyring, then run the command again:" + unlockHelp

	stillLocked = "the system keychain is still locked: the request for its password was dismissed or could not be shown.\n" +
		"Unlock the login keyring (on a desktop, in Passwords and Keys), then try again; in a terminal:" + unlockHelp
)

// unavailableAdvice returns ErrUnavailable or ErrLocked with advice when
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
			return unavailable(noSecretService, err)
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
		return unavailable(noSessionBus, err)
	case strings.HasPrefix(msg, "failed to unlock correct collection"):
		// go-keyring v0.2.8 has no error value for this; its text is all.
		return locked(stillLocked, err)
	}
	return nil
}
