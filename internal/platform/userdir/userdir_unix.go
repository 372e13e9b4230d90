//go:build unix

package userdir

import (
	"os"
	"syscall"
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
