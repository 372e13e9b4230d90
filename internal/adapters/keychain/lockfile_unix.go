//go:build unix

package keychain

import (
	"errors"
	"fmt"
	"os"
	"syscall"

	"github.com/make-connect/make-connect/internal/platform/userdir"
)

// noFollow makes the lock file's open fail on a symbolic link.
const noFollow = syscall.O_NOFOLLOW

// removeCommand is what a person runs to remove a file.
const removeCommand = "rm"

// lockDirError is why no lock directory would do: one that is not the
// user's own or that others can write to is refused (whoever can write to
// it can replace the lock file, with a link to a file of theirs or one
// that is never unlocked), or none could be made.
func lockDirError(err error) error {
	var np *userdir.NotPrivateError
	switch {
	case errors.As(err, &np) && !np.Others:
		return fmt.Errorf("the keychain's lock folder %s belongs to another user, so Make Connect will not use it.\n"+
			"Remove it as that user or as root, and try again (it is made anew):\n    sudo rm -r %s", np.Dir, shellQuote(np.Dir))
	case errors.As(err, &np):
		return fmt.Errorf("the keychain's lock folder %s can be written by other users, so Make Connect will not use it.\n"+
			"Make it yours alone, and try again:\n    chmod go-w %s", np.Dir, shellQuote(np.Dir))
	}
	return fmt.Errorf("lock the keychain store: %w", err)
}

// ownedByMe reports whether the file belongs to the user this process runs as.
func ownedByMe(fi os.FileInfo) bool { return userdir.OwnedByMe(fi) }
