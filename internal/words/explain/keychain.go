package explain

import (
	"errors"
	"os"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/adapters/keychain"
	"github.com/make-connect/make-connect/internal/platform/sanitize"
	"github.com/make-connect/make-connect/internal/words/i18n"
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
func unlockHelp() string {
	return "\n    " + unlockCommand + "\n" +
		i18n.L("read waits for the keychain's password and does not show it; where there is no login keyring yet, "+
			"the password typed becomes its password.")
}

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
		what = i18n.L("No D-Bus session is running here (as in an SSH login), so the system keychain (the Secret Service) cannot be reached.")
		secretService = i18n.L("start a session bus with a keychain of its own, then run the command again in that shell:") + "\n" +
			"    dbus-run-session -- bash" + unlockHelp() + "\n" +
			i18n.L("A desktop session started without D-Bus must be started through dbus-run-session. "+
				"Missing commands are in the packages dbus and gnome-keyring (Debian, Ubuntu: {{.Install}}).", vars{"Install": sudo + "apt install dbus gnome-keyring"})
	case keychain.NoSecretService:
		what = i18n.L("No Secret Service is installed or running, so there is no system keychain to keep accounts in.")
		secretService = i18n.L("install gnome-keyring (Debian, Ubuntu: {{.Install}}) "+
			"or turn on KeePassXC's Secret Service integration, then try again.", vars{"Install": sudo + "apt install gnome-keyring"})
	case keychain.NotRunning:
		what = i18n.L("The system keychain is not running, and with no desktop here it could not ask for its password.")
		secretService = i18n.L("start gnome-keyring unlocked, then run the command again:") + unlockHelp()
	case keychain.LockedKeyring:
		what = i18n.L("The system keychain is locked, and with no desktop here it cannot ask for its password.")
		secretService = i18n.L("restart gnome-keyring unlocked, then run the command again:") + unlockHelp()
	case keychain.NoKeyring:
		what = i18n.L("The system keychain has no login keyring yet, and with no desktop here it cannot ask for a password for one.")
		secretService = i18n.L("make one with gnome-keyring, then run the command again:") + unlockHelp()
	default: // keychain.StillLocked
		what = i18n.L("The system keychain is still locked: the request for its password was dismissed or could not be shown.")
		secretService = i18n.L("unlock the login keyring (on a desktop, in Passwords and Keys), then try again; in a terminal:") + unlockHelp()
	}
	kernel := "run the command again with it set:\n    export " + config.EnvKeychain + "=kernel\n(or pass --keychain kernel)."
	if f.window {
		kernel = i18n.L("start Make Connect with {{.Setting}} set in its environment.", vars{"Setting": config.EnvKeychain + "=kernel"})
	}
	return what + "\n" +
		i18n.L("Simplest, with nothing to install: keep the accounts in the kernel's keyring instead (in memory only, "+
			"yours alone, gone at reboot or after three days unused); {{.How}}", vars{"How": kernel}) + "\n" +
		i18n.L("Or {{.How}}", vars{"How": secretService})
}

// kernelWords says what went wrong with the kernel keyring.
func kernelWords(err error) string {
	var ke *keychain.KernelError
	unset := vars{"Variable": config.EnvKeychain}
	switch {
	case is(err, keychain.ErrNoKernelKeyring):
		return i18n.L("The kernel keyring is only on Linux. Use the system keychain: unset {{.Variable}}.", unset)
	case is(err, keychain.ErrQuota):
		msg := i18n.L("The kernel keyring has no room left for your accounts, so this one was not kept. Nothing was lost: " +
			"the accounts that were there are as they were.")
		if errors.As(err, &ke) {
			if q := ke.Quota; q != nil {
				msg += " " + i18n.L("The kernel keeps at most {{.MaxBytes}} bytes in {{.MaxKeys}} keys for each user, and yours hold {{.Bytes}} bytes in {{.Keys}} keys.",
					vars{"MaxBytes": q.MaxBytes, "MaxKeys": q.MaxKeys, "Bytes": q.Bytes, "Keys": q.Keys})
			}
		}
		return msg + " " + quotaRemedy()
	}
	return i18n.L("The kernel keyring cannot be used here (a kernel without persistent keyrings, or a container that forbids them). "+
		"Use the system keychain: unset {{.Variable}}.", unset)
}

// policyKernelWords says that the kernel keyring the organization's
// policy chooses (e, from app.Build) cannot be used here; "" when e is
// not about the kernel keyring.
func policyKernelWords(e *config.SettingError) string {
	v := vars{"Key": config.PolicyKey(e.Env), "Source": sanitize.Text(e.PolicySource)}
	var ke *keychain.KernelError
	switch {
	case errors.Is(e.Err, keychain.ErrNoKernelKeyring):
		return i18n.L("The kernel keyring is only on Linux, but your organization's policy chooses it ({{.Key}} in {{.Source}}), so the keychain is not opened. Ask whoever manages this computer to correct it.", v)
	case errors.As(e.Err, &ke):
		return i18n.L("The kernel keyring cannot be used here (a kernel without persistent keyrings, or a container that forbids them), but your organization's policy chooses it ({{.Key}} in {{.Source}}), so the keychain is not opened. Ask whoever manages this computer to correct it.", v)
	}
	return ""
}

// keychainErrorWords says what went wrong with the keychain; "" when e is
// none of its errors.
func keychainErrorWords(e error, f Face) string {
	switch e := e.(type) {
	case *keychain.NoKeychainError:
		return noKeychainWords()
	case *keychain.NoRoomError:
		return noRoomWords(e)
	case *keychain.SituationError:
		return keychainWords(e.Situation, f)
	case *keychain.KernelError:
		return kernelWords(e)
	case *keychain.AccountError:
		if s := classify(e.Err, f); s != "" {
			return s
		}
		return i18n.L("The account {{.ID}} could not be changed in the keychain. The details say why.", vars{"ID": e.ID})
	case *keychain.CleanupUnfinishedError:
		return i18n.L("Make Connect stopped waiting for the keychain to finish tidying up after a change. What is left is deleted the next time this account is saved, or by make-connect repair.")
	}
	switch {
	case is(e, keychain.ErrNoKernelKeyring), is(e, keychain.ErrQuota):
		return kernelWords(e)
	case is(e, keychain.ErrLocked):
		return i18n.L("The system keychain is locked. Unlock it, then try again.")
	case is(e, keychain.ErrUnavailable):
		return i18n.L("The system keychain is not available here, so accounts cannot be kept or read. The details say why.")
	case is(e, keychain.ErrTimeout):
		return i18n.L("The system keychain did not answer in time: it may be waiting for its password in a window you cannot see. Unlock it, then try again.")
	case is(e, keychain.ErrBusy):
		return i18n.L("Another Make Connect is changing the accounts in the keychain. Wait until it has finished, or quit it if it is stuck, then try again.")
	case is(e, keychain.ErrNotFound):
		return i18n.L("That account is not in the keychain: another Make Connect may have disconnected it.")
	case is(e, keychain.ErrNoService):
		return i18n.L("Make Connect does not know which keychain entries are its own, because its settings did not load. Correct the settings, then try again.")
	case is(e, keychain.ErrCorrupt):
		return i18n.L("An account's entry in the keychain is damaged, or was written by a newer Make Connect, so it was not read. " +
			"Update Make Connect, or connect the account again.")
	}
	return ""
}
