package keychain

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Backend is the subset of go-keyring's Keyring the store needs. Get and
// Delete report a missing entry with keyring.ErrNotFound.
type Backend interface {
	Set(service, user, password string) error
	Get(service, user string) (string, error)
	Delete(service, user string) error
}

// A Store keeps Connections in a keychain, one account per ID. It is safe
// for use by several goroutines and, through a lock file, by several
// processes at once.
type Store struct {
	service  string
	backend  Backend
	timeout  atomic.Int64  // time.Duration of one call
	turn     chan struct{} // held by the backend call in progress
	mu       sync.RWMutex  // writers exclusive, readers shared; see lock.go
	lockWait time.Duration // for another process's lock; see lock.go

	// until is when the entries written next may go, where the backend
	// keeps entries for a limited time (lifetime.go); the write lock
	// guards it.
	until time.Time
	// deferred collects the clean-ups of the write under way when it
	// returns first (Replace); nil otherwise. The write lock guards it.
	deferred *[]func()
	// cleaning holds a channel for each write's clean-up still running
	// after the write returned; it is closed when the clean-up ends. Close
	// waits for them.
	cleanMu  sync.Mutex
	cleaning map[chan struct{}]bool
	// system: the backend is the operating system's keychain, which the
	// preflight checks (see ready).
	system  bool
	kind    Kind
	readyMu sync.Mutex
	isReady bool // the preflight passed; see ready
}

// New returns a store on the operating system's keychain under service
// (config.Config.KeyringService: the app's ID from FyneApp.toml unless
// set otherwise). There is never a fallback to a plain file.
func New(service string) *Store {
	s := NewWithBackend(service, systemKeychain())
	s.system = true
	return s
}

// NewWithBackend returns a store on b, for tests and for wrapping the
// system keychain.
func NewWithBackend(service string, b Backend) *Store {
	if service == "" {
		panic("keychain: a store needs a service name")
	}
	s := &Store{service: service, backend: b, turn: make(chan struct{}, 1), lockWait: defaultLockWait}
	s.SetTimeout(DefaultTimeout)
	return s
}

// Save stores c. Saving an account that is already stored (same ID)
// replaces it in place; a new account is added after the others.
func (s *Store) Save(c *Account) error {
	return s.save(c, nil)
}

// Replace stores c, as Save does, and returns the connection of the same
// account it replaced, nil when it added the account (or the stored one
// could not be read). When guess is what is stored, byte for byte, it is
// the answer, and the keychain is not read again: a caller that listed the
// accounts a moment before spares a read of every part of the record.
//
// It returns once the new version is committed; deleting the version it
// replaced follows in the background, under the store's lock, so the next
// use of the store waits for it.
func (s *Store) Replace(c, guess *Account) (*Account, error) {
	var old *Account
	err := s.save(c, func(h *head) {
		old = s.replaced(c.ID(), h, guess)
	})
	return old, err
}

// replaced is the connection a write of account id replaces: guess when
// its stored form is what h describes, else what the keychain holds.
func (s *Store) replaced(id string, h *head, guess *Account) *Account {
	if h == nil || h.current() == nil {
		return nil
	}
	if guess != nil && guess.ID() == id {
		if payload, err := encode(guess); err == nil && len(payload) == h.Len {
			if sum := sha256.Sum256(payload); hex.EncodeToString(sum[:]) == h.SHA256 {
				return guess
			}
		}
	}
	payload, err := s.readSpan(accountName(id), h.current(), h.Len)
	if err != nil {
		return nil
	}
	c, err := decode(id, payload)
	if err != nil {
		return nil
	}
	return c
}

// save stores c; seen, if set, sees the head of the version it replaces,
// and the deletion of that version follows save's return.
func (s *Store) save(c *Account, seen func(old *head)) error {
	payload, err := encode(c)
	if err != nil {
		return fmt.Errorf("save account: %w", err)
	}
	id := c.ID()
	return s.withIndexThen("save", id, seen != nil, func(ix *index) error {
		defer s.keeping(s.accountUntil(c))()
		var err error
		if ix.has(id) {
			err = s.writeRecordSeeing(accountName(id), payload, seen)
		} else {
			err = s.add(*ix, id, payload)
		}
		if err != nil {
			return accountErr("save", id, err)
		}
		s.traceWritten(c)
		return nil
	})
}

// add stores a new account: listed as pending first, so that whatever a
// failure leaves is found and deleted by the next write, then written, then
// listed as an account.
func (s *Store) add(ix index, id string, payload []byte) error {
	ix.Pending = append(slices.Clone(ix.Pending), id)
	if err := s.writeIndex(ix); err != nil {
		return err
	}
	if err := s.writeRecord(accountName(id), payload); err != nil {
		return err
	}
	return s.writeIndex(index{Accounts: append(slices.Clone(ix.Accounts), id), Pending: without(ix.Pending, id)})
}

// List returns every account that loads, in the order they were added.
// Entries that are damaged or foreign are described in skipped and left
// alone; err is for a keychain that cannot be read at all.
func (s *Store) List() (conns []*Account, skipped []error, err error) {
	unlock, err := s.lock(false)
	if err != nil {
		return nil, nil, err
	}
	defer unlock()
	ix, _, err := s.readIndex()
	if err != nil {
		return nil, nil, plain(err)
	}
	for _, id := range ix.Accounts {
		c, err := s.load(id)
		if fatal(err) {
			return nil, nil, plain(err)
		}
		if errors.Is(err, errExpired) {
			continue
		}
		if err != nil {
			skipped = append(skipped, fmt.Errorf("account %s: %w", id, err))
			continue
		}
		conns = append(conns, c)
	}
	return conns, skipped, nil
}

// Get returns the account with the given ID, or ErrNotFound.
func (s *Store) Get(id string) (*Account, error) {
	if !validID(id) {
		return nil, fmt.Errorf("account %q: %w", id, ErrNotFound)
	}
	unlock, err := s.lock(false)
	if err != nil {
		return nil, err
	}
	defer unlock()
	ix, _, err := s.readIndex()
	if err != nil {
		return nil, plain(err)
	}
	if !ix.has(id) {
		return nil, fmt.Errorf("account %s: %w", id, ErrNotFound)
	}
	c, err := s.load(id)
	if errors.Is(err, errExpired) {
		return nil, fmt.Errorf("account %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, wrap("account "+id, err)
	}
	return c, nil
}

// Delete removes the account with the given ID: every chunk of it and its
// place in the index (the index itself with the last account), nothing
// else. It returns ErrNotFound when there is no
// such account. Once the index no longer lists the account Delete reports
// success; entries a failure leaves behind go with the next write.
func (s *Store) Delete(id string) error {
	_, err := s.Remove(id, nil)
	return err
}

// Remove deletes account id, as Delete does, and returns it as it was
// stored (nil when its record could not be read). before, if not nil,
// runs first with that connection, under the lock a refresh (Update)
// takes in every process: a disconnect revokes the tokens there, so that
// no refresh can rotate them between the revocation and the delete and
// leave tokens valid at Make that no computer knows of. The account is
// removed whatever before does, and so is its trace (trace.go), also
// when its entries were gone already.
func (s *Store) Remove(id string, before func(current *Account)) (*Account, error) {
	var removed *Account
	err := s.withAccount("delete", id, func(ix *index) error {
		if current, err := s.load(id); err == nil {
			removed = current
			if before != nil {
				before(current)
			}
		}
		next := index{Accounts: without(ix.Accounts, id), Pending: append(slices.Clone(ix.Pending), id)}
		if err := s.writeIndex(next); err != nil {
			return accountErr("delete", id, err)
		}
		if s.finishPending(&next) == nil && len(next.Accounts) == 0 && len(next.Pending) == 0 {
			// The last account is gone: so is the list, and the keychain
			// holds nothing of the app's (an uninstaller's "remove my
			// accounts" leaves no empty entries behind).
			_ = s.removeIndex()
		}
		return nil
	})
	if err == nil || errors.Is(err, ErrNotFound) {
		s.traceRemoved(id)
	}
	return removed, err
}

// withAccount runs fn under the store's write lock with the index, once
// the index is known to list the account id; otherwise it returns
// ErrNotFound. what names the operation in errors.
func (s *Store) withAccount(what, id string, fn func(ix *index) error) error {
	if !validID(id) {
		return fmt.Errorf("account %q: %w", id, ErrNotFound)
	}
	return s.withIndex(what, id, func(ix *index) error {
		if !ix.has(id) {
			return fmt.Errorf("account %s: %w", id, ErrNotFound)
		}
		return fn(ix)
	})
}

// withIndex runs fn under the store's write lock with the index as it is
// to be written. what and id name the operation in errors.
func (s *Store) withIndex(what, id string, fn func(ix *index) error) error {
	return s.withIndexThen(what, id, false, fn)
}

// withIndexThen is withIndex that, when later is set, returns as soon as fn
// has, and runs the clean-ups fn's writes deferred (afterCommit) before
// giving the locks up.
func (s *Store) withIndexThen(what, id string, later bool, fn func(ix *index) error) error {
	unlock, err := s.lock(true)
	if err != nil {
		return err
	}
	var cleanups []func()
	if later {
		s.deferred = &cleanups
	}
	done := func() {
		for _, c := range cleanups {
			c()
		}
		unlock()
	}
	defer func() {
		s.deferred = nil
		if len(cleanups) > 0 {
			s.inBackground(done)
		} else {
			unlock()
		}
	}()
	ix, err := s.indexForWrite()
	if err != nil {
		return wrap(what+" account "+id, err)
	}
	return fn(ix)
}

// Update re-reads the account under the store's locks, passes it to fn and
// stores what fn returns, so two processes refreshing the same token at once
// do not lose the newer one. fn returning nil, nil leaves the account as it
// is; an error from fn is returned unchanged. Update returns ErrNotFound,
// without calling fn, when the account is not stored.
//
// fn runs while this store and every other process's store on the same
// service wait, so it may make the token request itself (two processes then
// never spend the same refresh token); it must not call the Store.
func (s *Store) Update(id string, fn func(current *Account) (*Account, error)) error {
	return s.withAccount("update", id, func(*index) error {
		current, err := s.load(id)
		if errors.Is(err, errExpired) {
			return fmt.Errorf("account %s: %w", id, ErrNotFound)
		}
		if err != nil {
			return accountErr("update", id, err)
		}
		next, err := fn(current)
		if err != nil || next == nil {
			return err
		}
		if next.ID() != id {
			return fmt.Errorf("update account %s: the update names another account", id)
		}
		payload, err := encode(next)
		if err == nil {
			defer s.keeping(s.accountUntil(next))()
			err = s.writeRecord(accountName(id), payload)
		}
		if err != nil {
			return accountErr("update", id, err)
		}
		s.traceWritten(next)
		return nil
	})
}

// CloseWait is how long Close waits for the clean-up a write left running.
const CloseWait = 5 * time.Second

// inBackground runs cleanup, the rest of a write that returned first, in
// its own goroutine, where Close can wait for it.
func (s *Store) inBackground(cleanup func()) {
	ch := make(chan struct{})
	s.cleanMu.Lock()
	if s.cleaning == nil {
		s.cleaning = map[chan struct{}]bool{}
	}
	s.cleaning[ch] = true
	s.cleanMu.Unlock()
	go func() {
		defer func() {
			s.cleanMu.Lock()
			delete(s.cleaning, ch)
			s.cleanMu.Unlock()
			close(ch)
		}()
		cleanup()
	}()
}

// Close waits, for CloseWait at most, for the work a write left running
// after it returned: Replace deletes the version it replaced, gives the
// lock up and marks the change once its caller has the result. A process
// that exits without waiting leaves the replaced version's entries (and
// their revoked tokens) behind until that account is written again, and
// other processes unaware of the change. Close returns a
// *CleanupUnfinishedError when it stopped waiting; the store stays usable
// either way.
func (s *Store) Close() error { return s.closeWithin(CloseWait) }

func (s *Store) closeWithin(wait time.Duration) error {
	s.cleanMu.Lock()
	running := make([]chan struct{}, 0, len(s.cleaning))
	for ch := range s.cleaning {
		running = append(running, ch)
	}
	s.cleanMu.Unlock()
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	for _, ch := range running {
		select {
		case <-ch:
		case <-deadline.C:
			return &CleanupUnfinishedError{Waited: wait}
		}
	}
	return nil
}
