package keychain

import (
	"errors"
	"time"
)

// preflightTimeout bounds the check that the system keychain can be used at
// all, so a machine without one (over SSH, say) is told so at once, not
// after a call's full timeout.
const preflightTimeout = 2 * time.Second

// ready runs the system keychain's preflight before the store's first call,
// and again after every failure, so a keychain unlocked in the meantime is
// found: on Linux it makes sure that a Secret Service can be reached without
// starting any program and without an unlock prompt nobody can see (see
// preflight). A system keychain that is not there, where the kernel's
// cannot be used either, is a *NoKeychainError. A store on another backend
// needs no check.
func (s *Store) ready() error {
	if !s.system {
		return nil
	}
	s.readyMu.Lock()
	defer s.readyMu.Unlock()
	if s.isReady {
		return nil
	}
	if err := preflight(preflightTimeout); err != nil {
		if errors.Is(err, ErrUnavailable) {
			return neither(err, kernelProbe(), System)
		}
		return err
	}
	s.isReady = true
	return nil
}
