// Package userdir makes and checks the folders the app keeps per-user
// state in (the keychain's lock, the window's channel, the record of
// notices): a folder another user could write to would let them swap a
// lock file for a link, or listen in the window's place.
package userdir

import (
	"errors"
	"fmt"
	"os"
)

// ErrNotPrivate means a folder is not the user's alone. Match it with
// errors.Is on a *NotPrivateError.
var ErrNotPrivate = errors.New("the folder is not this user's alone")

// NotPrivateError says which folder is not private, and why.
type NotPrivateError struct {
	Dir string
	// Others is true when other users can write to it; false when it
	// belongs to another user.
	Others bool
}

func (e *NotPrivateError) Error() string {
	if e.Others {
		return fmt.Sprintf("%s can be written by other users", e.Dir)
	}
	return fmt.Sprintf("%s belongs to another user", e.Dir)
}

func (e *NotPrivateError) Is(target error) bool { return target == ErrNotPrivate }

// Ensure makes dir, and the folders above it, if missing (mode 0700), and
// refuses it when it is not private: another user's, or writable by
// others. On Windows, where file modes do not say who may write, a folder
// under the user's profile is taken as private.
func Ensure(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return err
	}
	return check(dir, fi)
}

// Check refuses dir when it is not private, as Ensure does, without
// making it: an error wrapping fs.ErrNotExist when it is missing.
func Check(dir string) error {
	fi, err := os.Stat(dir)
	if err != nil {
		return err
	}
	return check(dir, fi)
}
