package accounts

import (
	"cmp"

	"github.com/make-connect/make-connect/internal/core/account"
)

// The errors of finding an account are package account's; these names
// keep them where callers of the service look.
var (
	ErrNoAccount    = account.ErrNoAccount
	ErrWhichAccount = account.ErrWhichAccount
	ErrAccountGone  = account.ErrAccountGone
)

type (
	WhichAccountError   = account.WhichAccountError
	UnknownAccountError = account.UnknownAccountError
	DefaultGoneError    = account.DefaultGoneError
	Choice              = account.Choice
)

// Find returns the account ref names: its ID, or its email when only one
// account has it. An empty ref means the default account (Config.Account:
// MAKE_CONNECT_ACCOUNT, or the one "make-connect use" saved), or the only
// one there is; a default that is gone is an error, not a reason to pick
// another. An account the kernel's keyring dropped is a *GoneError.
func (s *Service) Find(ref string) (*account.Connected, error) {
	// An ID is read on its own: a script asking for a token names its
	// account, and reading every stored account would slow each call.
	if id := cmp.Or(ref, s.Config.Account); id != "" {
		if c, err := s.Store.Get(id); err == nil {
			return c, nil
		}
	}
	conns, _, err := s.Store.List()
	if err != nil {
		return nil, err
	}
	c, err := account.Pick(conns, ref, s.DefaultChoice())
	if err != nil {
		return nil, s.whyNotFound(conns, ref, err)
	}
	return c, nil
}

// DefaultID is the ID of the account used when none is named, among
// conns. err says why there is none: several accounts and no default
// (ErrWhichAccount), or a default that is gone (*DefaultGoneError).
func (s *Service) DefaultID(conns []*account.Connected) (string, error) {
	c, err := account.Pick(conns, "", s.DefaultChoice())
	if err != nil {
		return "", err
	}
	return c.ID(), nil
}

// DefaultChoice is the default account the configuration names.
func (s *Service) DefaultChoice() Choice {
	return account.DefaultChoice(s.Config)
}
