//go:build !windows

package main

import (
	"os/signal"
	"syscall"
)

// commandConsole reports whether to run a subcommand: always, outside
// Windows, where the one program has its terminal (console_windows.go).
func commandConsole() bool { return true }

// keepGoingOnAClosedPipe makes a write to a closed pipe an error the
// command sees (EPIPE) instead of a SIGPIPE that kills it: a connect piped
// into "head -2" has stored the account by the time its output is cut, and
// must still give the keychain's lock up, mark the change for the window
// and finish its clean-up (cli.Run closes the store on every path).
func keepGoingOnAClosedPipe() { signal.Ignore(syscall.SIGPIPE) }

// guiProgram is the GUI program a console companion hands the window to:
// only Windows has one (console_windows.go).
func guiProgram() string { return "" }

// handOverWindow reports whether another program opens the window, the
// GUI program (console_windows.go).
func handOverWindow() bool { return guiProgram() != "" }
