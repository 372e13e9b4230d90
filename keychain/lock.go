package keychain

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// lock takes the store's locks, exclusive for writers and shared for
// readers: the mutex within this process, and an advisory lock on
// os.UserCacheDir()/make-connect/<service>.lock across processes, so two
// processes adding accounts at once cannot both rewrite the index from the
// same old copy. The lock file is empty; it holds no secret.
//
// A reader that cannot open the lock file reads anyway: the worst it can
// meet is a write in progress, reported as a damaged entry. Before any of
// that it makes sure the keychain can be reached (see ready).
func (s *Store) lock(exclusive bool) (unlock func(), err error) {
	if err := s.ready(); err != nil {
		return nil, err
	}
	if exclusive {
		s.mu.Lock()
	} else {
		s.mu.RLock()
	}
	release := func() {
		if exclusive {
			s.mu.Unlock()
		} else {
			s.mu.RUnlock()
		}
	}
	f, err := openLockFile(s.service)
	if err == nil {
		if err = lockFile(f, exclusive); err != nil {
			f.Close()
		}
	}
	if err != nil {
		if !exclusive {
			return release, nil
		}
		release()
		return nil, fmt.Errorf("lock the keychain store: %w", err)
	}
	return func() {
		_ = unlockFile(f)
		f.Close()
		release()
	}, nil
}

func openLockFile(service string) (*os.File, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return nil, err
	}
	dir = filepath.Join(dir, "make-connect")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	return os.OpenFile(filepath.Join(dir, safeFileName(service)+".lock"), os.O_RDWR|os.O_CREATE, 0o600)
}

// safeFileName keeps letters, digits, '.', '-' and '_' of name.
func safeFileName(name string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, name)
}
