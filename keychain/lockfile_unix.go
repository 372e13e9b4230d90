//go:build unix

package keychain

import (
	"fmt"
	"os"
	"syscall"
)

// noFollow makes the lock file's open fail on a symbolic link.
const noFollow = syscall.O_NOFOLLOW

// removeCommand is what a person runs to remove a file.
const removeCommand = "rm"

// checkLockDir refuses a lock directory that is not the user's own or that
// others can write to: whoever can write to it can replace the lock file,
// with a link to a file of theirs or one that is never unlocked.
func checkLockDir(dir string) error {
	fi, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("lock the keychain store: %w", err)
	}
	switch {
	case !ownedByMe(fi):
		return fmt.Errorf("the keychain's lock folder %s belongs to another user, so Make Connect will not use it.\n"+
			"Remove it as that user or as root, and try again (it is made anew):\n    sudo rm -r %s", dir, shellQuote(dir))
	case fi.Mode().Perm()&0o022 != 0:
		return fmt.Errorf("the keychain's lock folder %s can be written by other users, so Make Connect will not use it.\n"+
			"Make it yours alone, and try again:\n    chmod go-w %s", dir, shellQuote(dir))
	}
	return nil
}

// ownedByMe reports whether the file belongs to the user this process runs as.
func ownedByMe(fi os.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Geteuid()
}
