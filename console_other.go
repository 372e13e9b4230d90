//go:build !windows

package main

// commandConsole reports whether to run a subcommand: always, outside
// Windows, where the one program has its terminal (console_windows.go).
func commandConsole() bool { return true }

// handOverWindow reports whether another program opens the window: only
// Windows has one (console_windows.go).
func handOverWindow() bool { return false }
