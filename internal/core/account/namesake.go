package account

import (
	"net/url"
	"strings"
)

// Two accounts can look alike: one person signed in at two sign-in
// servers (a test and a live organization), or two people who share a
// name. Every face names an account by its name and email; where those
// do not tell it from another listed with it, the sign-in server does.

// HasNamesake reports whether another account of all (by ID) has c's
// name or c's email, in any case, or — for accounts Make told neither —
// the same label, so that naming c by them alone would not say which
// one is meant.
func HasNamesake(c *Connected, all []*Connected) bool {
	same := func(a, b string) bool { return a != "" && strings.EqualFold(a, b) }
	for _, o := range all {
		if o == nil || o.ID() == c.ID() {
			continue
		}
		if same(c.Name, o.Name) || same(c.Email, o.Email) || c.Name == "" && c.Email == "" && same(c.Label(), o.Label()) {
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
