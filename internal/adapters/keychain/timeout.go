package keychain

import (
	"errors"
	"time"

	"github.com/zalando/go-keyring"
)

// DefaultTimeout is how long one keychain call may take before the store
// gives up on it with ErrTimeout.
const DefaultTimeout = 10 * time.Second

// errPanic replaces a backend's panic value, which might hold a secret.
var errPanic = errors.New("keychain backend panicked")

// SetTimeout sets how long one call to the keychain may take; d <= 0
// restores DefaultTimeout. A Secret Service that waits for an unlock prompt
// nobody can answer is cut off after this long.
func (s *Store) SetTimeout(d time.Duration) {
	if d <= 0 {
		d = DefaultTimeout
	}
	s.timeout.Store(int64(d))
}

// call runs op against the backend, one call at a time, and stops waiting
// after the timeout. A call that hangs keeps its turn until it returns, so
// later calls queue behind it (and time out too) instead of overtaking it:
// the keychain sees this process's writes in the order they were made. The
// store's file lock is held until then too (see afterCalls), so another
// process's write cannot begin before a late write of this one lands.
func (s *Store) call(op func() error) error {
	d := time.Duration(s.timeout.Load())
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case s.turn <- struct{}{}:
	case <-timer.C:
		return &timeoutError{after: d}
	}
	done := make(chan error, 1)
	go func() {
		defer func() { <-s.turn }()
		defer func() {
			if recover() != nil {
				done <- errPanic
			}
		}()
		done <- op()
	}()
	select {
	case err := <-done:
		return classify(err)
	case <-timer.C:
		return &timeoutError{after: d}
	}
}

// idle waits until no backend call is in flight, up to the timeout: an
// operation begins only once every call of the ones before it has landed.
func (s *Store) idle() error {
	d := time.Duration(s.timeout.Load())
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case s.turn <- struct{}{}:
		<-s.turn
		return nil
	case <-timer.C:
		return &timeoutError{after: d}
	}
}

// afterCalls runs f once no backend call is in flight: at once, or, when a
// call cut off by its timeout is still running, in the background when it
// returns.
func (s *Store) afterCalls(f func()) {
	select {
	case s.turn <- struct{}{}:
		f()
		<-s.turn
	default:
		go func() {
			s.turn <- struct{}{}
			f()
			<-s.turn
		}()
	}
}

// classify turns a backend error that means "there is no keychain" or "the
// keychain stayed locked" into ErrUnavailable or ErrLocked with advice, and
// leaves the others alone.
func classify(err error) error {
	if err == nil || missing(err) {
		return err
	}
	if advised := unavailableAdvice(err); advised != nil {
		return advised
	}
	return err
}

// missing reports whether a backend error means the entry does not exist.
func missing(err error) bool {
	return errors.Is(err, keyring.ErrNotFound) || errors.Is(err, ErrNotFound)
}

func (s *Store) set(key, value string) error {
	return s.setUntil(key, value, s.until)
}

// setUntil writes value, to be kept until until where the backend keeps
// entries for a limited time (lifetime.go).
func (s *Store) setUntil(key, value string, until time.Time) error {
	if lb, ok := s.backend.(lifetimeBackend); ok {
		return s.call(func() error { return lb.SetUntil(s.service, key, value, until) })
	}
	return s.call(func() error { return s.backend.Set(s.service, key, value) })
}

func (s *Store) get(key string) (string, error) {
	var value string
	err := s.call(func() error {
		v, err := s.backend.Get(s.service, key)
		value = v
		return err
	})
	if err != nil {
		return "", err
	}
	return value, nil
}

// del deletes key; an entry that is already gone is not an error.
func (s *Store) del(key string) error {
	err := s.call(func() error { return s.backend.Delete(s.service, key) })
	if missing(err) {
		return nil
	}
	return err
}
