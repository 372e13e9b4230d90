//go:build !((dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd)

package keychain

// unavailableAdvice returns nil: the macOS and Windows keychains are part of
// the system, so go-keyring has no "not installed" error to explain there.
func unavailableAdvice(error) error { return nil }
