package keychain

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"
)

// indexName is the key of the index record's head.
const indexName = "index"

// The index is the one record every lookup starts from: go-keyring cannot
// enumerate a service's entries, so everything stored must be reachable
// from here.
type index struct {
	// Accounts are the stored account IDs in the order they were added.
	Accounts []string `json:"accounts"`
	// Pending are IDs that may own entries but are not accounts: one being
	// added whose write has not finished, or one being deleted. Readers
	// ignore them; the next write deletes their entries.
	Pending []string `json:"pending,omitempty"`
}

func (ix *index) has(id string) bool { return slices.Contains(ix.Accounts, id) }

// readIndex returns the index, empty when none is stored. A damaged index
// is an error: without it no account can be found, and writing a new one
// over it would lose them all.
func (s *Store) readIndex() (*index, *head, error) {
	payload, h, err := s.readRecord(indexName)
	if errors.Is(err, errAbsent) {
		return &index{}, h, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read the account list: %w", err)
	}
	var ix index
	if err := json.Unmarshal(payload, &ix); err != nil {
		return nil, nil, fmt.Errorf("read the account list: not an account list: %w", ErrCorrupt)
	}
	for _, id := range slices.Concat(ix.Accounts, ix.Pending) {
		if !validID(id) {
			return nil, nil, fmt.Errorf("read the account list: invalid account id: %w", ErrCorrupt)
		}
	}
	return &ix, h, nil
}

func (s *Store) writeIndex(ix index) error {
	defer s.keeping(time.Time{})() // the list holds no token
	payload, err := json.Marshal(ix)
	if err != nil {
		return err
	}
	if err := s.writeRecord(indexName, payload); err != nil {
		return fmt.Errorf("write the account list: %w", err)
	}
	return nil
}

// indexForWrite reads the index at the start of a write, and first finishes
// what an interrupted write left: the index's own old generations and the
// entries of pending accounts.
func (s *Store) indexForWrite() (*index, error) {
	ix, h, err := s.readIndex()
	if err != nil {
		return nil, err
	}
	if h != nil {
		if err := s.dropSpans(indexName, h.Prev, h.Pending); err != nil {
			return nil, fmt.Errorf("clean up an earlier write: %w", err)
		}
	}
	if err := s.finishPending(ix); err != nil {
		return nil, fmt.Errorf("clean up an earlier write: %w", err)
	}
	if err := s.dropExpired(ix); err != nil {
		return nil, fmt.Errorf("clean up an earlier write: %w", err)
	}
	return ix, nil
}

// dropExpired drops from the list the accounts whose entries timed out
// (lifetime.go), updating ix; nothing where entries are kept for good.
func (s *Store) dropExpired(ix *index) error {
	if !s.expiring() {
		return nil
	}
	kept := slices.Clone(ix.Accounts)
	kept = slices.DeleteFunc(kept, func(id string) bool {
		h, err := s.readHead(accountName(id))
		return err == nil && h.current() == nil
	})
	if len(kept) == len(ix.Accounts) {
		return nil
	}
	next := index{Accounts: kept, Pending: ix.Pending}
	if err := s.writeIndex(next); err != nil {
		return err
	}
	*ix = next
	return nil
}

// finishPending deletes the entries of pending accounts and then drops
// them from the index, updating ix.
func (s *Store) finishPending(ix *index) error {
	done := 0
	var err error
	for _, id := range ix.Pending {
		// An ID that is also an account is never deleted, whatever the
		// index says about it.
		if !ix.has(id) {
			if err = s.removeRecord(accountName(id)); err != nil {
				break
			}
		}
		done++
	}
	if done == 0 {
		return err
	}
	next := index{Accounts: ix.Accounts, Pending: slices.Clone(ix.Pending[done:])}
	if werr := s.writeIndex(next); werr != nil {
		return werr
	}
	*ix = next
	return err
}

// removeIndex deletes an empty index: its head first, so that from then on
// the list reads as empty (as when none was ever stored), then its chunks.
// A failure half way leaves chunks no head names, which nothing reads.
func (s *Store) removeIndex() error {
	h, err := s.readHead(indexName)
	if err != nil || h == nil {
		return err
	}
	if err := s.del(indexName); err != nil {
		return err
	}
	return s.dropSpans(indexName, h.current(), h.Prev, h.Pending)
}

// without returns ids less id, as a new slice.
func without(ids []string, id string) []string {
	return slices.DeleteFunc(slices.Clone(ids), func(x string) bool { return x == id })
}
