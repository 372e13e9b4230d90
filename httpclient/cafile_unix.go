//go:build unix

package httpclient

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// checkCAFile refuses a CA file that another user of this computer could
// change, since whoever can change it can add a root certificate and read
// every token on its way to Make: the file, and every folder above it,
// must belong to this user or to root, and be writable by no one else. A
// folder others may write to is fine when it is sticky (/tmp): there, no
// one can rename or replace what is not theirs.
func checkCAFile(file string) error {
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
		if st, ok := fi.Sys().(*syscall.Stat_t); ok && st.Uid != 0 && int(st.Uid) != os.Getuid() {
			return fmt.Errorf("%s belongs to another user (uid %d), who could add a certificate to it; "+
				"use a copy that belongs to you or to root", what, st.Uid)
		}
		mode := fi.Mode()
		if mode.Perm()&0o022 != 0 && !(fi.IsDir() && mode&os.ModeSticky != 0) {
			return fmt.Errorf("other users can change %s (%s), and so add a certificate; "+
				"make it writable by its owner alone (chmod go-w)", what, mode.Perm())
		}
		if p == filepath.Dir(p) {
			return nil
		}
	}
}
