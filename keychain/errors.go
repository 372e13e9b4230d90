package keychain

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

var (
	// ErrNotFound means no account with that ID is stored.
	ErrNotFound = errors.New("account not found in the keychain")
	// ErrTimeout means the system keychain did not answer in time, as a
	// Secret Service does while it waits for an unlock prompt nobody can see.
	// The error's text says how long it waited.
	ErrTimeout = errors.New("the system keychain did not answer in time")
	// ErrUnavailable means there is no system keychain to talk to, for
	// example no Secret Service on a Linux desktop. The error's text says
	// what to install or start.
	ErrUnavailable = errors.New("the system keychain is not available")
	// ErrCorrupt means a stored entry is damaged or was not written by this
	// package. List reports such accounts in skipped and goes on.
	ErrCorrupt = errors.New("damaged or foreign keychain entry")
)

// timeoutError is ErrTimeout with the time waited in its text.
type timeoutError struct{ after time.Duration }

func (e *timeoutError) Error() string {
	secs := strconv.FormatFloat(e.after.Seconds(), 'f', -1, 64)
	return "the system keychain did not answer within " + secs + " s"
}

func (e *timeoutError) Is(target error) bool { return target == ErrTimeout }

// unavailableError is ErrUnavailable with advice in its text; the cause,
// usually a D-Bus error, stays reachable through errors.Unwrap for details.
type unavailableError struct {
	advice string
	cause  error
}

func (e *unavailableError) Error() string        { return e.advice }
func (e *unavailableError) Unwrap() error        { return e.cause }
func (e *unavailableError) Is(target error) bool { return target == ErrUnavailable }

// plain returns the keychain-wide error inside err when there is one, so a
// person reads "the system keychain did not answer within 10 s" and not the
// step the store was at.
func plain(err error) error {
	var te *timeoutError
	if errors.As(err, &te) {
		return te
	}
	var ue *unavailableError
	if errors.As(err, &ue) {
		return ue
	}
	return err
}

// fatal reports whether err means the keychain as a whole cannot be used,
// so reading further accounts is pointless.
func fatal(err error) bool {
	return errors.Is(err, ErrTimeout) || errors.Is(err, ErrUnavailable)
}

// wrap names the operation in err, except for keychain-wide errors: their
// text is meant for a person as it is.
func wrap(op string, err error) error {
	switch {
	case err == nil:
		return nil
	case fatal(err):
		return plain(err)
	}
	return fmt.Errorf("%s: %w", op, err)
}
