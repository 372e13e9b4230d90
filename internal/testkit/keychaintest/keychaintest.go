// Package keychaintest gives the tests of the faces and the dev tools a
// keychain, so that they need not import the store (layers_test.go): one
// in memory, or the private Secret Service of .ci/with-secret-service
// where a test runs under it (package secretservice).
package keychaintest

import (
	"testing"

	"github.com/make-connect/make-connect/internal/adapters/keychain"
	"github.com/make-connect/make-connect/internal/testkit/secretservice"
)

// Memory is a keychain in memory for service that stores anything, as a
// Secret Service does (keychain.NoLimit), and the backend under it, for a
// test that damages what is stored.
func Memory(service string) (*keychain.Store, *keychain.MemoryBackend) {
	b := keychain.NewMemoryBackend(keychain.NoLimit)
	return keychain.NewWithBackend(service, b), b
}

// Store is the keychain a test that connects for real keeps its accounts
// in: the private Secret Service under .ci/with-secret-service, in memory
// elsewhere. The accounts stored under service are removed when the test
// ends.
func Store(tb testing.TB, service string) *keychain.Store {
	if !secretservice.Private() {
		s, _ := Memory(service)
		return s
	}
	s := keychain.New(service)
	tb.Cleanup(func() {
		conns, _, _ := s.List()
		for _, c := range conns {
			s.Remove(c.ID(), nil)
		}
	})
	return s
}

// ErrNoKernelKeyring is what opening the kernel's keyring fails with
// where there is none (keychain.ErrNoKernelKeyring), for the faces' tests
// of what they say then: they do not import the store.
var ErrNoKernelKeyring = keychain.ErrNoKernelKeyring
