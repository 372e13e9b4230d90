package main

import (
	"debug/pe"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"golang.org/x/sys/windows"
)

// On Windows this package is built twice (packaging/windows.sh):
// make-connect.exe is a GUI program, so that starting it opens the window
// and no console; make-connect.com, its companion, is a console program for
// the subcommands, and the command-line build (the headless tag: no Fyne, no
// cgo), so they run where there is no graphics driver (Server Core). cmd and PowerShell wait for a
// console program, give it their console and keep its exit code, and when a
// person types "make-connect" they pick the .com before the .exe.

// commandConsole readies the standard streams for a subcommand and reports
// whether to run it. The companion has the console's streams; the GUI
// program has a script's, when the script redirects them. Started from a
// console without redirection, the GUI program cannot serve it (the prompt
// is back before it starts, its exit code is lost and the console's input
// is the shell's), so it points to the companion and reports false.
func commandConsole() bool {
	if consoleProgram() || usable(os.Stdout) {
		return true
	}
	if !attachParentConsole() {
		return true // started without a console (a shortcut): nowhere to point
	}
	companion := sibling(".com")
	if companion == "" {
		// The .exe on its own: use the console as well as it can be.
		reopen(&os.Stdout, "CONOUT$", os.O_WRONLY)
		reopen(&os.Stderr, "CONOUT$", os.O_WRONLY)
		reopen(&os.Stdin, "CONIN$", os.O_RDONLY)
		return true
	}
	reopen(&os.Stderr, "CONOUT$", os.O_WRONLY)
	fmt.Fprintf(os.Stderr, "\nmake-connect: %s opens the window and cannot wait for a command.\n"+
		"Run commands with %s instead (typing \"make-connect\" without .exe picks it):\n"+
		"  make-connect %s\n", filepath.Base(os.Args[0]), filepath.Base(companion), os.Args[1])
	return false
}

// handOverWindow is for the companion started without a subcommand: it
// starts the GUI program beside it, which opens the window, and reports
// true, so that the console gets its prompt back.
func handOverWindow() bool {
	gui := guiProgram()
	if gui == "" {
		return false
	}
	cmd := exec.Command(gui)
	if err := cmd.Start(); err != nil {
		return false // open the window here
	}
	cmd.Process.Release()
	return true
}

// guiProgram is the GUI program beside the console companion, which
// handOverWindow starts; "" when this is not the companion or it has none.
func guiProgram() string {
	if !consoleProgram() {
		return ""
	}
	return sibling(".exe")
}

// consoleProgram reports whether this is the console companion: whether
// Windows started the executable in the console subsystem.
func consoleProgram() bool {
	exe, err := os.Executable()
	if err != nil {
		return false
	}
	f, err := pe.Open(exe)
	if err != nil {
		return false
	}
	defer f.Close()
	h, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	return ok && h.Subsystem == pe.IMAGE_SUBSYSTEM_WINDOWS_CUI
}

// sibling returns the path of this executable's twin with the extension
// ext (make-connect.com beside make-connect.exe, or the other way), or ""
// when there is none.
func sibling(ext string) string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	twin := strings.TrimSuffix(exe, filepath.Ext(exe)) + ext
	self, err1 := os.Stat(exe)
	other, err2 := os.Stat(twin)
	if err1 != nil || err2 != nil || os.SameFile(self, other) {
		return ""
	}
	return twin
}

// usable reports whether a standard stream was handed over: a GUI program
// has none unless its parent redirected them.
func usable(f *os.File) bool {
	if f == nil {
		return false
	}
	_, err := f.Stat()
	return err == nil
}

// attachParentConsole attaches this process to the console of the process
// that started it, and reports whether there was one.
func attachParentConsole() bool {
	const attachParentProcess = ^uintptr(0) // (DWORD)-1
	r, _, _ := windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole").Call(attachParentProcess)
	return r != 0
}

// reopen points *f at the console device name when it has no stream.
func reopen(f **os.File, name string, flag int) {
	if usable(*f) {
		return
	}
	if c, err := os.OpenFile(name, flag, 0); err == nil {
		*f = c
	}
}

// keepGoingOnAClosedPipe does nothing: Windows has no SIGPIPE, and a write
// to a closed pipe is an error already (console_other.go).
func keepGoingOnAClosedPipe() {}
