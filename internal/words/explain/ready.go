package explain

import (
	"errors"
	"strings"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/adapters/keychain"
	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/accounts"
	"github.com/make-connect/make-connect/internal/platform/sanitize"
	"github.com/make-connect/make-connect/internal/platform/userdir"
	"github.com/make-connect/make-connect/internal/words/i18n"
)

// The words of what connect checks before the sign-in
// (accounts.Service.ReadyToConnect), of a machine where no keychain can
// work, and of accounts the kernel's keyring dropped.

// readyWords says why a connect was stopped before the sign-in: what
// stops it, and that nothing was spent.
func readyWords(e *accounts.NotReadyError, f Face) string {
	return orDetails(classify(e.Err, f)) + " " + i18n.L("Connect checks this before you sign in, so no sign-in was wasted.")
}

// defaultNotSavableWords: a second account would make the first the
// default, in a settings folder that cannot be written.
func defaultNotSavableWords(e *accounts.DefaultNotSavableError, f Face) string {
	var sf *config.SettingsFileError
	file := ""
	reason := ""
	if errors.As(e.Err, &sf) {
		file, reason = sf.Path, classify(sf.Err, f)
	}
	return i18n.L("Connecting another account makes the one connected now the default, kept in {{.File}}, and it cannot be saved there. "+
		"{{.Reason}} Set {{.Variable}} to a folder of yours that can be written, then connect.",
		vars{"File": sanitize.Text(file), "Reason": orDetails(reason), "Variable": config.EnvConfigDir})
}

// noKeychainWords says, once, that neither keychain can work here, and
// what works instead.
func noKeychainWords() string {
	return i18n.L("Neither keychain Make Connect keeps accounts in works here: there is no system keychain "+
		"(no D-Bus session with a Secret Service), and the kernel's keyring is missing or refused, as in a container "+
		"whose seccomp profile blocks keyctl (Docker's default does). So no account can be kept on this machine.") + "\n" +
		i18n.L("Instead, sign in on a computer that has a keychain, and pass what {{.Command}} prints there to this machine "+
			"as a secret (a secret variable of your CI, a Docker or Kubernetes secret): an access token, which lives an hour. "+
			"For work that runs longer, use one of Make's own API tokens here (made in Make, in your profile's API access).",
			vars{"Command": "make-connect token"})
}

// quotaRemedy is what to do about a kernel keyring that is full.
func quotaRemedy() string {
	return i18n.L("Disconnect an account you no longer need (\"make-connect status\" lists them), then try again; "+
		"or ask an administrator to raise the limit ({{.Command}}, "+
		"and the same in a file in /etc/sysctl.d to keep it).", vars{"Command": "sysctl -w kernel.keys.maxbytes=200000 kernel.keys.maxkeys=2000"})
}

// noRoomWords says that the kernel keyring has no room for an account,
// with what it allows, what is used and what an account needs.
func noRoomWords(e *keychain.NoRoomError) string {
	q := e.Quota
	return i18n.L("The kernel keyring has no room for another account. The kernel keeps at most {{.MaxBytes}} bytes in {{.MaxKeys}} keys "+
		"for each user; yours hold {{.Bytes}} bytes in {{.Keys}} keys, and an account needs about {{.Need}} bytes in {{.NeedKeys}} keys "+
		"while it is written (Make's access token alone is about {{.Token}} bytes).",
		vars{"MaxBytes": q.MaxBytes, "MaxKeys": q.MaxKeys, "Bytes": q.Bytes, "Keys": q.Keys,
			"Need": e.Need.Bytes, "NeedKeys": e.Need.Keys, "Token": keychain.TypicalTokenBytes}) + " " + quotaRemedy()
}

// cacheWords: no folder for the lock and cache could be made anywhere.
func cacheWords(e *userdir.CacheError) string {
	return i18n.L("Make Connect found no folder of yours to keep its lock file in: {{.Folders}} could not be made or written. "+
		"Set XDG_CACHE_HOME to a folder you can write, then try again.", vars{"Folders": sanitize.Text(strings.Join(e.Tried, ", "))})
}

// Gone says what became of an account the kernel's keyring dropped: until
// when it was connected, why it is gone, and to connect it again.
func Gone(g account.Gone, f Face) string {
	v := vars{"Account": sanitize.Text(g.ID), "Until": FormatTime(g.Until), "Written": FormatTime(g.Written),
		"Action": capital(f.startConnect())}
	if g.Email != "" {
		v["Account"] = sanitize.Text(g.Email) + " (" + g.ID + ")"
	}
	var s string
	switch g.Why {
	case keychain.TimedOut:
		s = i18n.L("{{.Account}} was connected until {{.Until}}, when its keys in the kernel keyring timed out: "+
			"the kernel keeps an account's keys a while past its token's expiry, not for good.", v)
	case keychain.Restarted:
		s = i18n.L("{{.Account}} was connected until this computer restarted (its keys were last written {{.Written}}): "+
			"the kernel keyring keeps keys in memory only.", v)
	default:
		s = i18n.L("{{.Account}} was connected until the kernel dropped your persistent keyring (its keys were last written {{.Written}}): "+
			"it goes after three days unused, or when it is cleared.", v)
	}
	return s + " " + i18n.L("{{.Action}} to connect it again.", v)
}
