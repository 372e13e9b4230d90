package account

import (
	"net/url"
	"strings"
)

// Two accounts can look alike: one person signed in at two sign-in
// servers (a test and a live organization), or two people who share a
// name. Every face names an account by its name and email; where those
// do not tell it from another listed with it, the sign-in server does.

// ServerTellsApart reports whether c shares its name or email (in any
// case) with another account of conns at another sign-in server — or, for
// accounts Make told neither, its label — so that only the server tells
// the two apart: every face then names c's server beside its name
// (explain.LabelAmong). Two namesakes at one server are told apart by
// nothing the server adds.
func ServerTellsApart(c *Connected, conns []*Connected) bool {
	same := func(a, b string) bool { return a != "" && strings.EqualFold(a, b) }
	for _, o := range conns {
		if o == nil || o.ID() == c.ID() || o.Issuer == c.Issuer {
			continue
		}
		if same(c.Name, o.Name) || same(c.Email, o.Email) || same(c.Label(), o.Label()) {
			return true
		}
	}
	return false
}

// Server is the host (and port) of the sign-in server c connected at, or
// its issuer as kept when that is not an address.
func Server(c *Connected) string {
	if u, err := url.Parse(c.Issuer); err == nil && u.Host != "" {
		return u.Host
	}
	return c.Issuer
}
