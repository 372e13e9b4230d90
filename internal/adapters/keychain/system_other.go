//go:build !((dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd)

package keychain

import "github.com/zalando/go-keyring"

// systemKeychain is the operating system's keychain: go-keyring's Keychain
// (macOS) or Credential Manager (Windows).
func systemKeychain() Backend { return goKeyring{} }

// goKeyring is the keychain through go-keyring.
type goKeyring struct{}

func (goKeyring) Set(service, user, password string) error {
	return keyring.Set(service, user, password)
}
func (goKeyring) Get(service, user string) (string, error) { return keyring.Get(service, user) }
func (goKeyring) Delete(service, user string) error        { return keyring.Delete(service, user) }
