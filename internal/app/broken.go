package app

import (
	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/accounts"
)

// brokenStore is a keychain that could not be opened: every call says why,
// so a face shows it where it shows the accounts.
type brokenStore struct{ err error }

func (b brokenStore) Save(*account.Connected) error { return b.err }
func (b brokenStore) Replace(_, _ *account.Connected) (*account.Connected, error) {
	return nil, b.err
}
func (b brokenStore) List() ([]*account.Connected, []error, error) { return nil, nil, b.err }
func (b brokenStore) Get(string) (*account.Connected, error)       { return nil, b.err }
func (b brokenStore) Remove(string, func(*account.Connected)) (*account.Connected, error) {
	return nil, b.err
}
func (b brokenStore) Update(string, func(*account.Connected) (*account.Connected, error)) error {
	return b.err
}
func (b brokenStore) Repair(bool, []string) (accounts.RepairReport, error) {
	return accounts.RepairReport{}, b.err
}

func (b brokenStore) CheckWrite() error             { return b.err }
func (b brokenStore) Gone() ([]account.Gone, error) { return nil, b.err }
func (b brokenStore) Close() error                  { return nil }
