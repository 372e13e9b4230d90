package account

import "strings"

// ServerTellsApart reports whether c shares its name or email with
// another account of conns at another sign-in server, so that only the
// server tells the two apart: every face then names c's server beside its
// name (explain.LabelAmong).
func ServerTellsApart(c *Connected, conns []*Connected) bool {
	for _, o := range conns {
		if o.ID() == c.ID() || o.Issuer == c.Issuer {
			continue
		}
		sameName := c.Name != "" && o.Name == c.Name
		sameEmail := c.Email != "" && strings.EqualFold(o.Email, c.Email)
		if sameName || sameEmail || o.Label() == c.Label() {
			return true
		}
	}
	return false
}
