//go:build unix

package userdir

import (
	"os"
	"path/filepath"
	"strconv"
	"syscall"

	"golang.org/x/sys/unix"
)

func check(dir string, fi os.FileInfo) error {
	switch {
	case !OwnedByMe(fi):
		return &NotPrivateError{Dir: dir}
	case fi.Mode().Perm()&0o022 != 0:
		return &NotPrivateError{Dir: dir, Others: true}
	}
	return nil
}

// OwnedByMe reports whether the file belongs to the user this process runs
// as.
func OwnedByMe(fi os.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Geteuid()
}

// writable reports, as an error, whether this user can make files in dir.
func writable(dir string) error {
	if err := unix.Access(dir, unix.W_OK|unix.X_OK); err != nil {
		return &os.PathError{Op: "write", Path: dir, Err: err}
	}
	return nil
}

// tempFallback is the last place Cache tries: name-UID in the system's
// temporary folder.
func tempFallback(name string) string {
	return filepath.Join(os.TempDir(), name+"-"+strconv.Itoa(os.Geteuid()))
}
