// Package termline reads lines of any length from a terminal. In its usual
// (canonical) mode a terminal hands a program at most one line of 4095
// bytes on Linux (1024 on macOS) and drops the rest, so a pasted address
// longer than that arrives cut, and is refused as another sign-in's. Open
// takes the terminal out of that mode while a line is awaited, keeping
// its echo and Ctrl-C, and does the little line editing the terminal
// then no longer does: Backspace and Ctrl-D on an empty line.
package termline

import (
	"bytes"
	"io"
	"os"
	"unicode/utf8"
)

// Open readies f, when it is the terminal in the foreground, for lines of
// any length: it returns what to read lines from and what puts the
// terminal back as it was, which the caller must call before it exits.
// When f is no terminal, or not this process's to change, it returns f
// and a restore that does nothing.
func Open(f *os.File) (r io.Reader, restore func()) {
	return open(f)
}

// editor turns the bytes a terminal outside canonical mode sends into
// lines: a line is handed on when it ends (Enter), Backspace removes the
// character before it, and Ctrl-D on an empty line ends the input.
type editor struct {
	tty  io.ReadWriter
	eof  byte   // the terminal's end-of-file character (Ctrl-D)
	line []byte // the line being typed or pasted
	out  []byte // whole lines, not yet read
	done bool
}

func (e *editor) Read(p []byte) (int, error) {
	var buf [4096]byte
	for len(e.out) == 0 && !e.done {
		n, err := e.tty.Read(buf[:])
		e.take(buf[:n])
		if err != nil {
			if len(e.out) == 0 {
				return 0, err
			}
			e.done = true
		}
	}
	if len(e.out) == 0 {
		return 0, io.EOF
	}
	n := copy(p, e.out)
	e.out = e.out[n:]
	return n, nil
}

// take edits the line with the bytes the terminal sent.
func (e *editor) take(b []byte) {
	stops := "\n\r\x7f\x08"
	if e.eof != 0 { // 0: the terminal has none
		stops += string(rune(e.eof))
	}
	for len(b) > 0 && !e.done {
		i := bytes.IndexAny(b, stops)
		if i < 0 {
			e.line = append(e.line, b...)
			return
		}
		e.line = append(e.line, b[:i]...)
		switch c := b[i]; c {
		case '\n', '\r':
			e.out = append(append(e.out, e.line...), '\n')
			e.line = e.line[:0]
		case 0x7f, 0x08:
			if len(e.line) > 0 {
				_, size := utf8.DecodeLastRune(e.line)
				e.line = e.line[:len(e.line)-size]
				// The terminal echoed DEL as nothing and BS as a step
				// back: blank the character and step back.
				if c == 0x7f {
					e.tty.Write([]byte("\b \b"))
				} else {
					e.tty.Write([]byte(" \b"))
				}
			}
		default: // the end-of-file character
			if len(e.line) == 0 {
				e.done = true
			}
		}
		b = b[i+1:]
	}
}
