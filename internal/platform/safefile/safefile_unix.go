//go:build unix

package safefile

import (
	"os"
	"path/filepath"
	"syscall"
)

// Check refuses a file that someone other than root and the owners named
// could change: the file (after its symbolic links) and every folder above
// it must belong to root or to one of owners, and be writable by no one
// else. A folder others may write to is fine when it is sticky (/tmp):
// there, no one can rename or replace what is not theirs.
func Check(file string, owners ...int) error {
	real, err := filepath.EvalSymlinks(file)
	if err == nil {
		real, err = filepath.Abs(real)
	}
	if err != nil {
		return err
	}
	for p := real; ; p = filepath.Dir(p) {
		fi, err := os.Stat(p)
		if err != nil {
			return err
		}
		what := "the file " + p
		if fi.IsDir() {
			what = "the folder " + p
		}
		if st, ok := fi.Sys().(*syscall.Stat_t); ok && st.Uid != 0 && !trusted(int(st.Uid), owners) {
			return &Error{Path: p, What: what, Owner: int(st.Uid)}
		}
		mode := fi.Mode()
		if mode.Perm()&0o022 != 0 && !(fi.IsDir() && mode&os.ModeSticky != 0) {
			return &Error{Path: p, What: what, Owner: -1, Mode: mode.Perm()}
		}
		if p == filepath.Dir(p) {
			return nil
		}
	}
}

func trusted(uid int, owners []int) bool {
	for _, o := range owners {
		if uid == o {
			return true
		}
	}
	return false
}
