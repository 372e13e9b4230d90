package account

import (
	"errors"
	"fmt"
	"strings"

	"github.com/make-connect/make-connect/internal/adapters/config"
)

// The default account is the one tools use when they name none. It is
// explicit: saved by "make-connect use" (or the window's Make default), or
// given by MAKE_CONNECT_ACCOUNT; only while a single account is connected
// is that account the default without being chosen. Which account a
// request means, and which one stays the default when a second is
// connected, are the rules below; package accounts reads and saves them.

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

// Choice is an account chosen by a setting (its ID or email), and where
// it was set.
type Choice struct {
	Ref    string
	Source config.Source
}

// DefaultChoice is the default account cfg names (MAKE_CONNECT_ACCOUNT,
// or the one "make-connect use" or the window saved), and where it was set.
func DefaultChoice(cfg config.Config) Choice {
	return Choice{Ref: cfg.Account, Source: cfg.Sources[config.EnvAccount]}
}

// Pick is the rule every face follows to find the account meant among
// conns: ref by ID or email; no ref, the default; no default, the only
// account. A default that names no connected account is an error, never a
// reason to pick another; with no account at all, the error is that none
// is connected.
func Pick(conns []*Connected, ref string, def Choice) (*Connected, error) {
	switch {
	case ref != "":
		return match(conns, ref)
	case len(conns) == 0:
		// With no account left, a default that names one is beside the
		// point: there is nothing to choose from, only to connect.
		return nil, ErrNoAccount
	case def.Ref != "":
		c, err := match(conns, def.Ref)
		if errors.Is(err, ErrAccountGone) {
			return nil, &DefaultGoneError{Ref: def.Ref, Source: def.Source}
		}
		return c, err
	case len(conns) > 1:
		return nil, &WhichAccountError{IDs: ids(conns)}
	}
	return conns[0], nil
}

// match finds ref among conns: an ID, or an email only one account has.
func match(conns []*Connected, ref string) (*Connected, error) {
	var byEmail []*Connected
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

func ids(conns []*Connected) []string {
	var out []string
	for _, c := range conns {
		out = append(out, c.ID())
	}
	return out
}

// DefaultToKeep is the rule for a second account: the account to save as
// the default when added joins existing, saved being the default saved
// now ("" for none); nil when none is to be saved. When a new account
// joins exactly one that was connected and no default is saved, the one
// that was there becomes the default: without it, connecting a second
// account would take the default from the first in silence, and scripts
// that name no account would stop working. A saved default that names no
// account is as good as none.
func DefaultToKeep(existing []*Connected, added *Connected, saved string) *Connected {
	if len(existing) != 1 || existing[0].ID() == added.ID() {
		return nil
	}
	if saved != "" {
		if _, err := match(existing, saved); err == nil {
			return nil
		}
	}
	return existing[0]
}
