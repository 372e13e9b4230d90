//go:build headless

package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"syscall"

	"github.com/make-connect/make-connect/internal/words/explain"
)

// windowProgram is where the desktop package puts the window, from the
// directory this program is in: /usr/bin/make-connect finds
// /usr/lib/make-connect/make-connect.
var windowProgram = filepath.Join("..", "lib", "make-connect", "make-connect")

// openWindow starts the window program, when the desktop package put one
// beside this command-line build, in this process's place; otherwise it
// says in one line what this is and how to get the window.
func openWindow() int {
	if runtime.GOOS != "windows" { // there, handOverWindow started the .exe if there is one
		if window, err := findWindow(); err == nil {
			err = syscall.Exec(window, append([]string{window}, os.Args[1:]...), os.Environ())
			fmt.Fprintf(os.Stderr, "make-connect: the window program %s did not start: %v\n", window, err)
			return 1
		}
	}
	fmt.Fprintln(os.Stderr, "make-connect: this is the command-line build, which has no window; run a command "+
		"(make-connect --help lists them), or install the desktop package (make-connect) for the window.")
	return 2
}

// hasWindow reports whether "make-connect" alone opens a window here, as
// main finds one: on Windows the GUI program handOverWindow starts,
// elsewhere the window program openWindow starts. The help offers the
// window only then.
func hasWindow() bool {
	if runtime.GOOS == "windows" {
		return guiProgram() != ""
	}
	_, err := findWindow()
	return err == nil
}

// answerNotTaken says why the sign-in's answer the program was started
// with was not taken, in the window when the desktop package put one
// beside this build (it tries the hand-over again, and says so), else in
// one line.
func answerNotTaken(why error) int {
	if runtime.GOOS != "windows" {
		if window, err := findWindow(); err == nil {
			syscall.Exec(window, append([]string{window}, os.Args[1:]...), os.Environ())
		}
	}
	fmt.Fprintf(os.Stderr, "make-connect: %s\n", explain.Plain(why, explain.CommandLine))
	return 1
}

// findWindow is the window program beside this one, or an error.
func findWindow() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	if exe, err = filepath.EvalSymlinks(exe); err != nil {
		return "", err
	}
	window := filepath.Join(filepath.Dir(exe), windowProgram)
	fi, err := os.Stat(window)
	switch {
	case err != nil:
		return "", err
	case fi.IsDir() || fi.Mode()&0o111 == 0:
		return "", errors.New("not a program")
	}
	return window, nil
}
