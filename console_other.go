//go:build !windows

package main

// commandConsole reports whether to run a subcommand: always, outside
// Windows, where the one program has its terminal (console_windows.go).
func commandConsole() bool { return true }

// guiProgram is the GUI program a console companion hands the window to:
// only Windows has one (console_windows.go).
func guiProgram() string { return "" }

// handOverWindow reports whether another program opens the window, the
// GUI program (console_windows.go).
func handOverWindow() bool { return guiProgram() != "" }
