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
	// ErrUnavailable means there is no system keychain to talk to: no
	// Secret Service installed, or on Linux no D-Bus session to reach one
	// through, as over SSH. The error's text says what to install or start.
	ErrUnavailable = errors.New("the system keychain is not available")
	// ErrLocked means the system keychain is there but must be unlocked with
	// its password (or, the first time, created with one), and there is no
	// desktop session to ask for it, as over SSH. The error's text gives the
	// commands that unlock it from a terminal.
	ErrLocked = errors.New("the system keychain is locked")
	// ErrBusy means another process held the keychain's lock for longer
	// than the store waits: another Make Connect in the middle of a change.
	ErrBusy = errors.New("another Make Connect is updating the keychain")
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

// adviceError is ErrUnavailable or ErrLocked with advice in its text: a
// plain first sentence, then the commands that help. The cause, usually a
// D-Bus error, stays reachable through errors.Unwrap for details.
type adviceError struct {
	kind   error // ErrUnavailable or ErrLocked
	advice string
	cause  error
}

func (e *adviceError) Error() string        { return e.advice }
func (e *adviceError) Unwrap() error        { return e.cause }
func (e *adviceError) Is(target error) bool { return target == e.kind }

func unavailable(advice string, cause error) error {
	return &adviceError{kind: ErrUnavailable, advice: advice, cause: cause}
}

func locked(advice string, cause error) error {
	return &adviceError{kind: ErrLocked, advice: advice, cause: cause}
}

// plain returns the keychain-wide error inside err when there is one, so a
// person reads "the system keychain did not answer within 10 s" and not the
// step the store was at.
func plain(err error) error {
	var te *timeoutError
	if errors.As(err, &te) {
		return te
	}
	var ae *adviceError
	if errors.As(err, &ae) {
		return ae
	}
	return err
}

// fatal reports whether err means the keychain as a whole cannot be used,
// so reading further accounts is pointless.
func fatal(err error) bool {
	return errors.Is(err, ErrTimeout) || errors.Is(err, ErrUnavailable) || errors.Is(err, ErrLocked)
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
