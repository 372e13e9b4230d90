package accounts

import "github.com/make-connect/make-connect/internal/adapters/keychain"

// A RepairReport says what a repair of the keychain's account list looked
// at, found and wrote or would write: the store's own report
// (keychain.Report), which a face prints without reaching the store.
type RepairReport = keychain.Report

// Repair rebuilds the keychain's account list when it is damaged, which
// stops every change, from the accounts it can find, looking for ids as
// well; with apply false it changes nothing and reports what it would
// write (keychain.Store.Repair).
func (s *Service) Repair(apply bool, ids []string) (RepairReport, error) {
	return s.Store.Repair(apply, ids)
}
