package accounts

import (
	"cmp"
	"errors"
	"fmt"
	"strings"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
)

// ErrNoAccount means no account is connected.
var ErrNoAccount = errors.New("no Make account is connected")

// ErrWhichAccount means a request does not say which account it is
// about: several are connected and none is the default, or an email
// belongs to several. Match it with errors.Is on a *WhichAccountError.
var ErrWhichAccount = errors.New("which account is meant is not clear")

// ErrAccountGone means the account asked for is not connected (any more):
// another window, the command line or an uninstaller may have
// disconnected it. Match it with errors.Is on *UnknownAccountError and
// *DefaultGoneError.
var ErrAccountGone = errors.New("the account is not connected")

// WhichAccountError says why the account meant is not clear, with the
// choices.
type WhichAccountError struct {
	// Email is the address several accounts share; "" when several
	// accounts are connected and none was named or is the default.
	Email string
	// IDs are the accounts to choose from.
	IDs []string
}

func (e *WhichAccountError) Error() string {
	if e.Email != "" {
		return fmt.Sprintf("%v: %s belongs to %d connected accounts, at different sign-in servers (%s)",
			ErrWhichAccount, e.Email, len(e.IDs), strings.Join(e.IDs, ", "))
	}
	return fmt.Sprintf("%v: %d accounts are connected (%s) and none is the default", ErrWhichAccount, len(e.IDs), strings.Join(e.IDs, ", "))
}

func (e *WhichAccountError) Is(target error) bool { return target == ErrWhichAccount }

// UnknownAccountError is a named account that is not connected.
type UnknownAccountError struct{ Ref string }

func (e *UnknownAccountError) Error() string {
	return fmt.Sprintf("no connected account has the ID or email %q", e.Ref)
}

func (e *UnknownAccountError) Is(target error) bool { return target == ErrAccountGone }

// DefaultGoneError is a default account (saved by "make-connect use", or
// MAKE_CONNECT_ACCOUNT) that is not connected. It is never a reason to
// use another account instead.
type DefaultGoneError struct {
	Ref string
	// Source is where the default was set: config.FromSaved or
	// config.FromEnvironment.
	Source config.Source
}

func (e *DefaultGoneError) Error() string {
	return fmt.Sprintf("the default account %q (%s) is not connected", e.Ref, config.Where(config.EnvAccount, e.Source))
}

func (e *DefaultGoneError) Is(target error) bool { return target == ErrAccountGone }

// Find returns the account ref names: its ID, or its email when only one
// account has it. An empty ref means the default account (Config.Account:
// MAKE_CONNECT_ACCOUNT, or the one "make-connect use" saved), or the only
// one there is; a default that is gone is an error, not a reason to pick
// another.
func (s *Service) Find(ref string) (*auth.Connection, error) {
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
	return Pick(conns, ref, s.DefaultChoice())
}

// DefaultID is the ID of the account used when none is named, among
// conns. err says why there is none: several accounts and no default
// (ErrWhichAccount), or a default that is gone (*DefaultGoneError).
func (s *Service) DefaultID(conns []*auth.Connection) (string, error) {
	c, err := Pick(conns, "", s.DefaultChoice())
	if err != nil {
		return "", err
	}
	return c.ID(), nil
}

// Choice is an account chosen by a setting (its ID or email), and where
// it was set.
type Choice struct {
	Ref    string
	Source config.Source
}

// DefaultChoice is the default account the configuration names.
func (s *Service) DefaultChoice() Choice {
	return Choice{s.Config.Account, s.Config.Sources[config.EnvAccount]}
}

// Pick is the rule every face follows to find the account meant among
// conns: ref by ID or email; no ref, the default; no default, the only
// account. A default that names no connected account is an error, never a
// reason to pick another.
func Pick(conns []*auth.Connection, ref string, def Choice) (*auth.Connection, error) {
	switch {
	case ref != "":
		return match(conns, ref)
	case def.Ref != "":
		c, err := match(conns, def.Ref)
		if errors.Is(err, ErrAccountGone) {
			return nil, &DefaultGoneError{Ref: def.Ref, Source: def.Source}
		}
		return c, err
	case len(conns) == 0:
		return nil, ErrNoAccount
	case len(conns) > 1:
		return nil, &WhichAccountError{IDs: ids(conns)}
	}
	return conns[0], nil
}

// match finds ref among conns: an ID, or an email only one account has.
func match(conns []*auth.Connection, ref string) (*auth.Connection, error) {
	var byEmail []*auth.Connection
	for _, c := range conns {
		if c.ID() == ref {
			return c, nil
		}
		if c.Email != "" && strings.EqualFold(c.Email, ref) {
			byEmail = append(byEmail, c)
		}
	}
	switch len(byEmail) {
	case 0:
		return nil, &UnknownAccountError{Ref: ref}
	case 1:
		return byEmail[0], nil
	}
	return nil, &WhichAccountError{Email: ref, IDs: ids(byEmail)}
}

func ids(conns []*auth.Connection) []string {
	var out []string
	for _, c := range conns {
		out = append(out, c.ID())
	}
	return out
}
