package accounts

import (
	"errors"
	"fmt"
	"strings"

	"github.com/make-connect/make-connect/auth"
)

// ErrNoAccount means no account is connected.
var ErrNoAccount = errors.New("no Make account is connected; run \"make-connect connect\" first")

// ErrWhichAccount means the request does not say which account it is
// about: several are connected and none is the default, or an email
// belongs to several. The error's text lists the choices.
var ErrWhichAccount = errors.New("which account is meant is not clear")

// Find returns the account ref names: its ID, or its email when only one
// account has it. An empty ref means the default account (Config.Account:
// MAKE_CONNECT_ACCOUNT, or the one "make-connect use" saved), or the only
// one there is.
func (s *Service) Find(ref string) (*auth.Connection, error) {
	// An ID is read on its own: a script asking for a token names its
	// account, and reading every stored account would slow each call.
	if id := ref; id != "" || s.Config.Account != "" {
		if id == "" {
			id = s.Config.Account
		}
		if c, err := s.Store.Get(id); err == nil {
			return c, nil
		}
	}
	conns, _, err := s.Store.List()
	if err != nil {
		return nil, err
	}
	if len(conns) == 0 {
		return nil, ErrNoAccount
	}
	if ref == "" {
		return s.fallback(conns)
	}
	return match(conns, ref)
}

// match finds ref among conns.
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
		return nil, fmt.Errorf("no connected account has the ID or email %q", ref)
	case 1:
		return byEmail[0], nil
	}
	return nil, fmt.Errorf("%w: %s belongs to %d connected accounts, at different sign-in servers; choose one by its ID: %s",
		ErrWhichAccount, ref, len(byEmail), ids(byEmail))
}

// fallback is the account meant when none is named.
func (s *Service) fallback(conns []*auth.Connection) (*auth.Connection, error) {
	if def := s.Config.Account; def != "" {
		c, err := match(conns, def)
		if err == nil || len(conns) > 1 {
			return c, err
		}
		// The default is gone and one account is left: that is the one.
	}
	if len(conns) > 1 {
		return nil, fmt.Errorf("%w: %d accounts are connected (%s); choose one with --account ID, or make one the default: make-connect use ID",
			ErrWhichAccount, len(conns), ids(conns))
	}
	return conns[0], nil
}

// IsDefault reports whether c is the account used when none is named.
func (s *Service) IsDefault(c *auth.Connection, conns []*auth.Connection) bool {
	d, err := s.fallback(conns)
	return err == nil && d.ID() == c.ID()
}

func ids(conns []*auth.Connection) string {
	var out []string
	for _, c := range conns {
		out = append(out, c.ID())
	}
	return strings.Join(out, ", ")
}
