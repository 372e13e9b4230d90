//go:build !unix

package userdir

import "os"

// check accepts the folder: on Windows it is under the user's
// %LocalAppData%, which only the user (and administrators) may write to,
// and file modes do not say who may.
func check(string, os.FileInfo) error { return nil }

// OwnedByMe reports true: see check.
func OwnedByMe(os.FileInfo) bool { return true }

// writable is nil: see check.
func writable(string) error { return nil }

// tempFallback is none: the user's %LocalAppData% is always there.
func tempFallback(string) string { return "" }
