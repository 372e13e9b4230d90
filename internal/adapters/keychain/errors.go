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
	// through, as over SSH. A *SituationError says which.
	ErrUnavailable = errors.New("the system keychain is not available")
	// ErrLocked means the system keychain is there but must be unlocked with
	// its password (or, the first time, created with one), and there is no
	// desktop session to ask for it, as over SSH. A *SituationError says
	// which.
	ErrLocked = errors.New("the system keychain is locked")
	// ErrBusy means another process held the keychain's lock for longer
	// than the store waits: another Make Connect in the middle of a change.
	ErrBusy = errors.New("another Make Connect is updating the keychain")
	// ErrCorrupt means a stored entry is damaged or was not written by this
	// package. List reports such accounts in skipped and goes on.
	ErrCorrupt = errors.New("damaged or foreign keychain entry")
)

// CleanupUnfinishedError is a Close that stopped waiting for the clean-up
// a write left running: the entries of the version it replaced stay until
// that account is written again (or make-connect repair deletes them).
type CleanupUnfinishedError struct{ Waited time.Duration }

func (e *CleanupUnfinishedError) Error() string {
	return fmt.Sprintf("the keychain's clean-up after a write did not finish within %s; the next write of that account deletes what is left", e.Waited)
}

// timeoutError is ErrTimeout with the time waited in its text.
type timeoutError struct{ after time.Duration }

func (e *timeoutError) Error() string {
	secs := strconv.FormatFloat(e.after.Seconds(), 'f', -1, 64)
	return "the system keychain did not answer within " + secs + " s"
}

func (e *timeoutError) Is(target error) bool { return target == ErrTimeout }

// Situation is why the system keychain cannot be used here; package
// explain says it to a person, with what to run.
type Situation string

// The situations of a Secret Service that cannot be used without a desktop.
const (
	// NoSessionBus: no D-Bus session bus, as over SSH.
	NoSessionBus Situation = "no-session-bus"
	// NoSecretService: nothing provides org.freedesktop.secrets.
	NoSecretService Situation = "no-secret-service"
	// NotRunning: it could be started, but would ask for a password
	// nobody can type without a desktop.
	NotRunning Situation = "not-running"
	// LockedKeyring: the login keyring is locked, nobody to ask.
	LockedKeyring Situation = "locked-keyring"
	// NoKeyring: there is no login keyring yet, nobody to ask for one.
	NoKeyring Situation = "no-keyring"
	// StillLocked: the request to unlock it was dismissed.
	StillLocked Situation = "still-locked"
)

// SituationError is ErrUnavailable or ErrLocked, with the situation that
// makes it so. The cause, usually a D-Bus error, stays reachable through
// errors.Unwrap for the details.
type SituationError struct {
	Kind      error // ErrUnavailable or ErrLocked
	Situation Situation
	Cause     error
}

func (e *SituationError) Error() string {
	what := map[Situation]string{
		NoSessionBus:    "no D-Bus session bus",
		NoSecretService: "no Secret Service on the session bus",
		NotRunning:      "the Secret Service is not running and nobody can unlock it",
		LockedKeyring:   "the login keyring is locked and nobody can unlock it",
		NoKeyring:       "there is no login keyring and nobody can make one",
		StillLocked:     "the login keyring stayed locked",
	}[e.Situation]
	return e.Kind.Error() + ": " + what
}
func (e *SituationError) Unwrap() error        { return e.Cause }
func (e *SituationError) Is(target error) bool { return target == e.Kind }

// AccountError is a change to one account that failed: its ID, for the
// words a person reads, and why.
type AccountError struct {
	Op  string // "save", "delete", "update"
	ID  string
	Err error
}

func (e *AccountError) Error() string { return e.Op + " account " + e.ID + ": " + e.Err.Error() }
func (e *AccountError) Unwrap() error { return e.Err }

// plain returns the keychain-wide error inside err when there is one, so a
// person reads "the system keychain did not answer within 10 s" and not the
// step the store was at.
func plain(err error) error {
	var ne *NoKeychainError
	if errors.As(err, &ne) {
		return ne
	}
	var te *timeoutError
	if errors.As(err, &te) {
		return te
	}
	var se *SituationError
	if errors.As(err, &se) {
		return se
	}
	return err
}

// fatal reports whether err means the keychain as a whole cannot be used,
// so reading further accounts is pointless.
func fatal(err error) bool {
	return errors.Is(err, ErrTimeout) || errors.Is(err, ErrUnavailable) || errors.Is(err, ErrLocked)
}

// wrap names the operation in err, except for keychain-wide errors, which
// are about the keychain, not the operation.
func wrap(op string, err error) error {
	switch {
	case err == nil:
		return nil
	case fatal(err):
		return plain(err)
	}
	return fmt.Errorf("%s: %w", op, err)
}

// accountErr is wrap for a change to the account id.
func accountErr(op, id string, err error) error {
	if err == nil || fatal(err) {
		return wrap("", err)
	}
	return &AccountError{Op: op, ID: id, Err: err}
}

// NoKeychainError means neither keychain can be used here: the system's
// is unavailable (System, an ErrUnavailable *SituationError) and the
// kernel's is refused or missing (Kernel), as in a container with no
// D-Bus whose seccomp profile blocks keyctl (Docker's default). It is
// ErrUnavailable.
type NoKeychainError struct {
	System, Kernel error
}

func (e *NoKeychainError) Error() string {
	return "no keychain can be used here: " + e.System.Error() + "; the kernel keyring: " + e.Kernel.Error()
}

func (e *NoKeychainError) Is(target error) bool { return target == ErrUnavailable }

// neither is err, a reason the chosen keychain cannot be used, as a
// *NoKeychainError when the other one cannot be used either (other says
// why not, nil when it can); err itself otherwise.
func neither(err, other error, chosen Kind) error {
	if other == nil {
		return err
	}
	if chosen == Kernel {
		return &NoKeychainError{System: other, Kernel: err}
	}
	return &NoKeychainError{System: err, Kernel: other}
}
