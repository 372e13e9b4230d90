// Package safefile reads a file the app trusts (a CA bundle, an
// organization's policy) only when no one it should not trust could have
// changed it: whoever can change a CA file can add a root certificate and
// read every token on its way to Make; whoever can change the policy file
// can point every account at their own server.
//
// What is checked is what is read: [ReadFile] opens the file once and
// checks that descriptor, never the path a second time, so a file swapped
// between the check and the read is not trusted.
package safefile

import (
	"fmt"
	"os"
)

// Trust says who, besides the system's administrators (root; on Windows
// SYSTEM, Administrators and TrustedInstaller), may be able to change a
// file that is read.
type Trust int

const (
	System     Trust = iota // the administrators alone: an organization's policy
	SystemOrMe              // and the user running the app: a file the person chose
)

// Reason is why a file, or a folder or link on its way, is not trusted.
type Reason int

const (
	OtherOwner     Reason = iota + 1 // it belongs to another user (Owner)
	OthersCanWrite                   // others may change it (Mode, or on Windows Owner: who)
	Link                             // a symbolic link that is not root's, which could lead elsewhere (Target)
	NotRegular                       // the file is a folder, a device or a pipe (Mode)
	Replaced                         // the file at the path changed while it was read
)

// Error says which part of the way to File is not trusted, and why:
// Path is File itself, a folder above it or a symbolic link on the way
// (Dir says whether it is a folder). Owner is the account it belongs to
// (OtherOwner: "uid 1000" on Unix, a SID on Windows) or, on Windows, the
// one that may change it (OthersCanWrite); Mode its Unix permissions
// (OthersCanWrite, NotRegular); Target where a Link points.
type Error struct {
	File, Path string
	Dir        bool
	Reason     Reason
	Owner      string
	Mode       os.FileMode
	Target     string
}

func (e *Error) Error() string {
	what := "the file " + e.Path
	if e.Dir {
		what = "the folder " + e.Path
	}
	switch e.Reason {
	case OtherOwner:
		return fmt.Sprintf("%s belongs to another user (%s), who could change it", what, e.Owner)
	case OthersCanWrite:
		if e.Owner != "" {
			return fmt.Sprintf("other users (%s) can change %s; make it writable by its owner alone", e.Owner, what)
		}
		return fmt.Sprintf("other users can change %s (%s); make it writable by its owner alone (chmod go-w)", what, e.Mode)
	case Link:
		return fmt.Sprintf("%s is a symbolic link (to %s) that is not root's, so it could lead elsewhere; name the file by its real path", e.Path, e.Target)
	case NotRegular:
		return fmt.Sprintf("%s is not a regular file (%s)", e.Path, e.Mode.Type())
	case Replaced:
		return fmt.Sprintf("%s was replaced while it was read", e.Path)
	}
	return fmt.Sprintf("%s cannot be trusted", what)
}
