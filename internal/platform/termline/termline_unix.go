//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package termline

import (
	"io"
	"os"

	"golang.org/x/sys/unix"
)

func open(f *os.File) (io.Reader, func()) {
	fd := int(f.Fd())
	was, err := unix.IoctlGetTermios(fd, ioctlReadTermios)
	if err != nil {
		return f, func() {}
	}
	// A process in the background that changes the terminal is stopped
	// (SIGTTOU): leave it to the one in the foreground.
	if pg, err := unix.IoctlGetInt(fd, unix.TIOCGPGRP); err != nil || pg != unix.Getpgrp() {
		return f, func() {}
	}
	t := *was
	// Not canonical: no line limit, and no line editing, which the editor
	// does. The terminal still echoes (without ^? for Backspace), still
	// turns Enter into a newline, and Ctrl-C still interrupts.
	t.Lflag &^= unix.ICANON | unix.ECHOCTL
	t.Cc[unix.VMIN], t.Cc[unix.VTIME] = 1, 0
	if err := unix.IoctlSetTermios(fd, ioctlWriteTermios, &t); err != nil {
		return f, func() {}
	}
	return &editor{tty: f, eof: was.Cc[unix.VEOF]}, func() { unix.IoctlSetTermios(fd, ioctlWriteTermios, was) }
}
