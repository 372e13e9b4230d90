// Package sanitize makes text that a server sent safe to show: names,
// emails, error descriptions. Such text is data, and must not steer the
// terminal it is printed on (ESC ]0;…BEL retitles it, ESC [2J clears it),
// hide what surrounds it (bidi overrides reorder a line), or break a line
// it was put in. Every string from outside the app passes Text before it
// reaches the window, a notification or the log; the command line writes
// all it prints through Writer.
package sanitize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text returns s with every control character (C0, DEL, C1) and every
// bidirectional formatting character replaced by U+FFFD, the replacement
// character, so the person sees that something was there. Tabs and line
// breaks become spaces: server text is shown on one line. Invalid UTF-8 is
// replaced too.
func Text(s string) string {
	if clean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		switch {
		case r == utf8.RuneError && isInvalidAt(s, i):
			b.WriteRune(unicode.ReplacementChar)
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case unsafe(r):
			b.WriteRune(unicode.ReplacementChar)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// clean reports whether s needs no change, the common case.
func clean(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || r == '\t' || r == '\n' || r == '\r' || unsafe(r) {
			return false
		}
	}
	return true
}

func isInvalidAt(s string, i int) bool {
	r, size := utf8.DecodeRuneInString(s[i:])
	return r == utf8.RuneError && size <= 1
}

// unsafe reports the runes that control a terminal or reorder text: C0
// controls, DEL, C1 controls (0x80–0x9F, which some terminals obey as
// escape sequences), the bidi embeddings, overrides and isolates, and the
// invisible marks that steer them.
func unsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, // LRE, RLE, PDF, LRO, RLO
		r >= 0x2066 && r <= 0x2069,            // LRI, RLI, FSI, PDI
		r == 0x200e, r == 0x200f, r == 0x061c: // LRM, RLM, ALM
		return true
	}
	return false
}
