//go:build !unix

package keychain

import (
	"fmt"
	"os"

	"github.com/make-connect/make-connect/internal/platform/userdir"
)

// noFollow is 0: os.OpenFile has no such flag here. lockedFileIsNamed
// checks the opened file against its name instead.
const noFollow = 0

// removeCommand is what a person runs to remove a file.
const removeCommand = "del"

// lockDirError is why no lock directory would do; on Windows it is under
// the user's %LocalAppData%, which only the user (and administrators) may
// write to (userdir).
func lockDirError(err error) error {
	return fmt.Errorf("lock the keychain store: %w", err)
}

// ownedByMe reports true: see lockDirError.
func ownedByMe(fi os.FileInfo) bool { return userdir.OwnedByMe(fi) }
