package main

import (
	"os"
	"syscall"
)

// attachConsole gives a subcommand the console it was started from. On
// Windows the app is a GUI program (no console window on double-click), so
// without this "make-connect status" typed in a terminal prints nothing.
// Streams that were redirected to a file or pipe are left alone.
func attachConsole() {
	const attachParentProcess = ^uintptr(0) // (DWORD)-1
	r, _, _ := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole").Call(attachParentProcess)
	if r == 0 {
		return // started without a console, e.g. from Explorer
	}
	reopen := func(f **os.File, name string, flag int) {
		if _, err := (*f).Stat(); err == nil {
			return
		}
		if c, err := os.OpenFile(name, flag, 0); err == nil {
			*f = c
		}
	}
	reopen(&os.Stdout, "CONOUT$", os.O_WRONLY)
	reopen(&os.Stderr, "CONOUT$", os.O_WRONLY)
	reopen(&os.Stdin, "CONIN$", os.O_RDONLY)
}
