package sanitize

import (
	"testing"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	const r = "\uFFFD"
	cases := []struct{ in, want string }{
		{"Ada Lovelace", "Ada Lovelace"},
		{"Zoë Ünal 山田", "Zoë Ünal 山田"},
		{"Ada\x1b]0;pwned\x07", "Ada" + r + "]0;pwned" + r},
		{"\x1b[2JAda", r + "[2JAda"},
		{"a\u009b31mred", "a" + r + "31mred"}, // C1 CSI
		{"evil\u202Egnp.exe", "evil" + r + "gnp.exe"},
		{"\u2066x\u2069", r + "x" + r},
		{"line one\nline two\r\tend", "line one line two  end"},
		{"bad \xff byte", "bad " + r + " byte"},
		{"nul\x00", "nul" + r},
		{"del\x7f", "del" + r},
	}
	for _, tc := range cases {
		if got := Text(tc.in); got != tc.want {
			t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{"Ada", "\x1b]0;x\x07", "\u202E", "a\nb", "\xff", "\u009b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Text(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Text(%q) = %q is not valid UTF-8", s, out)
		}
		for _, r := range out {
			if unsafe(r) || r == '\n' || r == '\r' || r == '\t' {
				t.Fatalf("Text(%q) = %q keeps %U", s, out, r)
			}
		}
		if Text(out) != out {
			t.Fatalf("Text is not idempotent on %q", s)
		}
		if utf8.RuneCountInString(out) != utf8.RuneCountInString(s) {
			t.Fatalf("Text(%q) = %q changed the number of characters", s, out)
		}
	})
}
