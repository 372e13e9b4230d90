// Package safefile tells whether a file the app trusts (a CA bundle, an
// organization's policy) could be changed by someone it should not trust:
// whoever can change a CA file can add a root certificate and read every
// token on its way to Make; whoever can change the policy file can point
// every account at their own server.
package safefile

import (
	"fmt"
	"os"
)

// Error is a file that others could change: Owner is the uid it belongs to
// when that is the trouble (else -1), Mode its permissions otherwise.
type Error struct {
	Path, What string
	Owner      int
	Mode       os.FileMode
}

func (e *Error) Error() string {
	if e.Owner >= 0 {
		return fmt.Sprintf("%s belongs to another user (uid %d), who could change it", e.What, e.Owner)
	}
	return fmt.Sprintf("other users can change %s (%s); make it writable by its owner alone (chmod go-w)", e.What, e.Mode)
}
