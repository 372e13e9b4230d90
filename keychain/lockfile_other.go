//go:build !unix

package keychain

import "os"

// noFollow is 0: os.OpenFile has no such flag here. lockedFileIsNamed
// checks the opened file against its name instead.
const noFollow = 0

// removeCommand is what a person runs to remove a file.
const removeCommand = "del"

// checkLockDir accepts the directory: on Windows it is under the user's
// %LocalAppData%, which only the user (and administrators) may write to,
// and file modes do not say who may.
func checkLockDir(string) error { return nil }

// ownedByMe reports true: see checkLockDir.
func ownedByMe(os.FileInfo) bool { return true }
