//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd || windows)

package keychain

import "os"

// go-keyring has no keychain on these systems; the in-process mutex is all
// the locking there is.
func lockFile(*os.File, bool) error { return nil }

func unlockFile(*os.File) error { return nil }
