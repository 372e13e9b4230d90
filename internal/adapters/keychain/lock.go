package keychain

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gofrs/flock"

	"github.com/make-connect/make-connect/internal/platform/userdir"
)

const (
	// defaultLockWait is how long a store waits for another process's lock:
	// longer than a change takes, token request included (30 s at most),
	// short enough that a stuck process is reported, not waited for.
	defaultLockWait = 45 * time.Second
	// lockRetry is how often the lock is tried while another process holds
	// it; gofrs/flock polls, the operating system does not wake it.
	lockRetry = 25 * time.Millisecond
)

// lock takes the store's locks, exclusive for writers and shared for
// readers: the mutex within this process, and an advisory lock on
// os.UserCacheDir()/make-connect/<service>.lock across processes, so two
// processes adding accounts at once cannot both rewrite the index from the
// same old copy. The lock file is empty; it holds no secret. Before any of
// that it makes sure the keychain can be reached (see ready).
//
// Another process's lock is waited for s.lockWait at the most, then the
// store gives up with ErrBusy. A reader that cannot use the lock file, one
// refused as lockFile explains or one that does not open, reads anyway:
// the worst it can meet is a write in progress, reported as a damaged entry.
//
// The file lock outlives unlock while a keychain call cut off by its
// time-out is still running: that call must land before another process's
// write begins (see call).
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
	// A call of an earlier operation that outlived its time-out goes first.
	if err := s.idle(); err != nil {
		release()
		return nil, err
	}
	fl, err := s.lockFile(exclusive)
	if err != nil && (exclusive || errors.Is(err, ErrBusy)) {
		release()
		return nil, err
	}
	return func() {
		if exclusive {
			s.markChanged()
		}
		if fl != nil {
			s.afterCalls(func() { _ = fl.Unlock() })
		}
		release()
	}, nil
}

// lockDir is the folder of the store's lock file and change mark:
// make-connect in the user's cache directory, made if missing, or where
// that cannot be made or written, in the user's runtime folder or a
// private one in the temporary folder (userdir.Cache); refused when
// others could swap what is in it.
func lockDir() (string, error) {
	dir, err := userdir.Cache("make-connect")
	if err != nil {
		return "", lockDirError(err)
	}
	return dir, nil
}

// ChangeMark is the file a store on service rewrites after each change it
// makes, in any process, so that an open window can watch it and show what
// the command line (or another window) changed. It holds no secret: the
// time of the change and the process that made it.
func ChangeMark(service string) (string, error) {
	dir, err := lockDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, safeFileName(service)+".changed"), nil
}

// MarkedBy is the process that last rewrote the change mark at path, as
// the mark says; ok is false when it cannot be read or says nothing.
func MarkedBy(path string) (pid int, ok bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, false
	}
	fields := strings.Fields(string(b))
	if len(fields) != 2 {
		return 0, false
	}
	pid, err = strconv.Atoi(fields[1])
	return pid, err == nil && pid > 0
}

// markChanged rewrites the change mark. A mark that cannot be written
// costs only the watching window's promptness.
func (s *Store) markChanged() {
	path, err := ChangeMark(s.service)
	if err != nil {
		return
	}
	// Written beside it and renamed over it: a watcher reading it in the
	// middle of a plain rewrite would find it empty, not knowing who
	// wrote it, and tell of a change by "another process" that this one
	// made.
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*")
	if err != nil {
		return
	}
	_, err = tmp.WriteString(strconv.FormatInt(time.Now().UnixNano(), 10) + " " + strconv.Itoa(os.Getpid()) + "\n")
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
	}
}

// lockFile takes the lock on the store's lock file, waiting s.lockWait at
// the most. It refuses a lock directory that is not the user's own or that
// others can write to (they could swap the lock file), and a lock file that
// is a symbolic link or not a plain file. gofrs/flock opens the file by
// name, following links, so the name is checked first, opened with
// O_NOFOLLOW where the system has it, and checked again once locked: the
// file locked must be the file under that name. It returns nil, nil where
// the system has no file locks; the mutex is all there is there.
func (s *Store) lockFile(exclusive bool) (*flock.Flock, error) {
	dir, err := lockDir()
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, safeFileName(s.service)+".lock")
	if err := checkLockFile(path); err != nil {
		return nil, err
	}
	fl := flock.New(path, flock.SetFlag(os.O_CREATE|os.O_RDONLY|noFollow), flock.SetPermissions(0o600))
	ctx, cancel := context.WithTimeout(context.Background(), s.lockWait)
	defer cancel()
	try := fl.TryRLockContext
	if exclusive {
		try = fl.TryLockContext
	}
	ok, err := try(ctx, lockRetry)
	switch {
	case errors.Is(err, errors.ErrUnsupported):
		return nil, nil
	case ctx.Err() != nil && !ok:
		return nil, &busyError{wait: s.lockWait, path: path}
	case err != nil:
		// ELOOP: swapped for a link since the check.
		if refused := checkLockFile(path); refused != nil {
			return nil, refused
		}
		return nil, fmt.Errorf("lock the keychain store: %w", err)
	}
	if err := lockedFileIsNamed(fl, path); err != nil {
		_ = fl.Unlock()
		return nil, err
	}
	return fl, nil
}

// checkLockFile refuses a lock file that is a link, not a plain file, or
// someone else's. A missing one is made when it is locked.
func checkLockFile(path string) error {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("lock the keychain store: %w", err)
	case fi.Mode()&os.ModeSymlink != 0:
		return refuseLockFile(path, "is a symbolic link")
	case !fi.Mode().IsRegular():
		return refuseLockFile(path, "is not a plain file")
	case !ownedByMe(fi):
		return refuseLockFile(path, "belongs to another user")
	}
	return nil
}

// lockedFileIsNamed checks that the file fl locked is still the plain file
// named path, so no link was followed between the check and the open.
func lockedFileIsNamed(fl *flock.Flock, path string) error {
	opened, err := fl.Stat()
	if err != nil {
		return fmt.Errorf("lock the keychain store: %w", err)
	}
	named, err := os.Lstat(path)
	if err != nil || !os.SameFile(opened, named) {
		return refuseLockFile(path, "was replaced while it was being opened")
	}
	return nil
}

func refuseLockFile(path, why string) error {
	return fmt.Errorf("the keychain's lock file %s %s, so Make Connect will not use it.\n"+
		"Remove it, and try again (it is made anew):\n    %s %s", path, why, removeCommand, shellQuote(path))
}

// busyError is ErrBusy with the wait and the lock file in its text.
type busyError struct {
	wait time.Duration
	path string
}

func (e *busyError) Error() string {
	secs := strconv.FormatFloat(e.wait.Seconds(), 'f', -1, 64)
	return "another Make Connect is updating the keychain; try again when it has finished, or quit it if it is stuck.\n" +
		"It held the lock on " + e.path + " for the " + secs + " s this one waited."
}

func (e *busyError) Is(target error) bool { return target == ErrBusy }

// safeFileName keeps letters, digits, '.', '-' and '_' of name.
func safeFileName(name string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, name)
}
