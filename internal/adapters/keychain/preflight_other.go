//go:build !((dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd)

package keychain

import "time"

// preflight has nothing to check: the macOS and Windows keychains are part
// of the system, and go-keyring starts no program to reach them.
func preflight(time.Duration) error { return nil }
