package app

import (
	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/core/accounts"
)

// brokenStore is a keychain that could not be opened: every call says why,
// so a face shows it where it shows the accounts.
type brokenStore struct{ err error }

func (b brokenStore) Save(*auth.Connection) error { return b.err }
func (b brokenStore) Replace(_, _ *auth.Connection) (*auth.Connection, error) {
	return nil, b.err
}
func (b brokenStore) List() ([]*auth.Connection, []error, error) { return nil, nil, b.err }
func (b brokenStore) Get(string) (*auth.Connection, error)       { return nil, b.err }
func (b brokenStore) Remove(string, func(*auth.Connection)) (*auth.Connection, error) {
	return nil, b.err
}
func (b brokenStore) Update(string, func(*auth.Connection) (*auth.Connection, error)) error {
	return b.err
}
func (b brokenStore) Repair(bool, []string) (accounts.RepairReport, error) {
	return accounts.RepairReport{}, b.err
}
