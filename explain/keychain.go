package explain

import (
	"errors"
	"fmt"
	"os"

	"github.com/make-connect/make-connect/config"
	"github.com/make-connect/make-connect/keychain"
)

// isRoot reports whether the app runs as root, where "sudo" is never the
// way to install anything; tests set it.
var isRoot = func() bool { return os.Geteuid() == 0 }

// unlockCommand starts gnome-keyring with its login keyring unlocked
// (made, the first time, with that password), reading the password from
// the terminal without showing it. --replace takes over from a locked
// gnome-keyring already on the bus: without it, gnome-keyring 42 starts a
// second daemon that never serves the bus, and the keychain stays locked.
const unlockCommand = `read -rs PW; printf '%s' "$PW" | gnome-keyring-daemon --replace --unlock --components=secrets; unset PW`

// unlockHelp follows the lines that say to unlock it.
const unlockHelp = "\n    " + unlockCommand + "\n" +
	"read waits for the keychain's password and does not show it; where there is no login keyring yet, " +
	"the password typed becomes its password."

// keychainWords says why the Secret Service cannot be used here, and what
// to do: the kernel keyring first (one variable, nothing to install), then
// what makes the Secret Service work.
func keychainWords(s keychain.Situation, f Face) string {
	sudo := "sudo "
	if isRoot() {
		sudo = ""
	}
	var what, secretService string
	switch s {
	case keychain.NoSessionBus:
		what = "No D-Bus session is running here (as in an SSH login), so the system keychain (the Secret Service) cannot be reached."
		secretService = "start a session bus with a keychain of its own, then run the command again in that shell:\n" +
			"    dbus-run-session -- bash" + unlockHelp + "\n" +
			"A desktop session started without D-Bus must be started through dbus-run-session. " +
			"Missing commands are in the packages dbus and gnome-keyring (Debian, Ubuntu: " + sudo + "apt install dbus gnome-keyring)."
	case keychain.NoSecretService:
		what = "No Secret Service is installed or running, so there is no system keychain to keep accounts in."
		secretService = "install gnome-keyring (Debian, Ubuntu: " + sudo + "apt install gnome-keyring) " +
			"or turn on KeePassXC's Secret Service integration, then try again."
	case keychain.NotRunning:
		what = "The system keychain is not running, and with no desktop here it could not ask for its password."
		secretService = "start gnome-keyring unlocked, then run the command again:" + unlockHelp
	case keychain.LockedKeyring:
		what = "The system keychain is locked, and with no desktop here it cannot ask for its password."
		secretService = "restart gnome-keyring unlocked, then run the command again:" + unlockHelp
	case keychain.NoKeyring:
		what = "The system keychain has no login keyring yet, and with no desktop here it cannot ask for a password for one."
		secretService = "make one with gnome-keyring, then run the command again:" + unlockHelp
	default: // keychain.StillLocked
		what = "The system keychain is still locked: the request for its password was dismissed or could not be shown."
		secretService = "unlock the login keyring (on a desktop, in Passwords and Keys), then try again; in a terminal:" + unlockHelp
	}
	kernel := "run the command again with it set:\n    export " + config.EnvKeychain + "=kernel\n(or pass --keychain kernel)."
	if f.window {
		kernel = "start Make Connect with " + config.EnvKeychain + "=kernel set in its environment."
	}
	return what + "\n" +
		"Simplest, with nothing to install: keep the accounts in the kernel's keyring instead (in memory only, " +
		"yours alone, gone at reboot or after three days unused); " + kernel + "\n" +
		"Or " + secretService
}

// kernelWords says what went wrong with the kernel keyring.
func kernelWords(err error) string {
	var ke *keychain.KernelError
	switch {
	case errors.Is(err, keychain.ErrNoKernelKeyring):
		return "The kernel keyring is only on Linux. Use the system keychain: unset " + config.EnvKeychain + "."
	case errors.Is(err, keychain.ErrQuota):
		msg := "The kernel keyring has no room left for your accounts, so this one was not kept. Nothing was lost: " +
			"the accounts that were there are as they were."
		if errors.As(err, &ke) {
			if q := ke.Quota; q != nil {
				msg += fmt.Sprintf(" The kernel keeps at most %d bytes in %d keys for each user, and yours hold %d bytes in %d keys.",
					q.MaxBytes, q.MaxKeys, q.Bytes, q.Keys)
			}
		}
		return msg + " Disconnect an account you no longer need (\"make-connect status\" lists them), then try again; " +
			"or ask an administrator to raise the limit (sysctl -w kernel.keys.maxbytes=200000 kernel.keys.maxkeys=2000, " +
			"and the same in a file in /etc/sysctl.d to keep it)."
	}
	return "The kernel keyring cannot be used here (a kernel without persistent keyrings, or a container that forbids them). " +
		"Use the system keychain: unset " + config.EnvKeychain + "."
}
