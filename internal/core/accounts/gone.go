package accounts

import (
	"cmp"
	"errors"
	"fmt"
	"strings"

	"github.com/make-connect/make-connect/internal/core/account"
)

// GoneError is an account asked for whose keys the kernel's keyring
// dropped without a disconnect: its trace (account.Gone) says until when
// it was kept and why it went. It must be connected again. It is
// ErrAccountGone.
type GoneError struct{ account.Gone }

func (e *GoneError) Error() string {
	return fmt.Sprintf("account %s is gone from the kernel keyring (%s); it was written %s, to be kept until %s",
		e.ID, e.Why, e.Written.UTC().Format("2006-01-02 15:04 MST"), e.Until.UTC().Format("2006-01-02 15:04 MST"))
}

func (e *GoneError) Is(target error) bool { return target == ErrAccountGone }

// Gone lists the accounts whose keys the keychain dropped on its own, as
// their traces say (the kernel keyring's; none elsewhere).
func (s *Service) Gone() ([]account.Gone, error) { return s.Store.Gone() }

// whyNotFound is err, Find's failure to find ref among conns, as a
// *GoneError when the account meant is one the keychain dropped: the one
// ref (or the default) names by ID or email, or, with no account left
// and none named, the only one dropped.
func (s *Service) whyNotFound(conns []*account.Connected, ref string, err error) error {
	if !errors.Is(err, ErrAccountGone) && !errors.Is(err, ErrNoAccount) {
		return err
	}
	gone, gerr := s.Store.Gone()
	if gerr != nil || len(gone) == 0 {
		return err
	}
	meant := cmp.Or(ref, s.Config.Account)
	for _, g := range gone {
		if meant == g.ID || (g.Email != "" && strings.EqualFold(meant, g.Email)) {
			return &GoneError{g}
		}
	}
	if meant == "" && len(conns) == 0 && len(gone) == 1 {
		return &GoneError{gone[0]}
	}
	return err
}
