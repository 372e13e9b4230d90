package sanitize

import (
	"io"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Writer returns a writer that passes what is written to w with every
// control character except line feed and tab, every bidirectional
// formatting character and every invalid UTF-8 byte replaced by U+FFFD,
// as Text does. The command line writes all it prints through it, so
// that no command, present or future, can let a server's words steer the
// terminal. A rune split between two writes is held until the next.
func Writer(w io.Writer) io.Writer { return &writer{w: w} }

type writer struct {
	mu      sync.Mutex
	w       io.Writer
	pending []byte // the start of a rune the last write ended in
	buf     []byte
}

func (t *writer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	in := p
	if len(t.pending) > 0 {
		in = append(t.pending, p...)
		t.pending = nil
	}
	out := t.buf[:0]
	for i := 0; i < len(in); {
		r, size := utf8.DecodeRune(in[i:])
		switch {
		case r == utf8.RuneError && size <= 1 && !utf8.FullRune(in[i:]):
			t.pending = append([]byte(nil), in[i:]...) // completed by the next write
			i = len(in)
			continue
		case r == '\n' || r == '\t':
		case r == utf8.RuneError && size <= 1, unsafe(r):
			out = utf8.AppendRune(out, unicode.ReplacementChar)
			i += size
			continue
		}
		out = append(out, in[i:i+size]...)
		i += size
	}
	t.buf = out
	if _, err := t.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
