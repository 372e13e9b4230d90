package sanitize

import (
	"strings"
	"testing"
)

func TestWriter(t *testing.T) {
	cases := []struct {
		name   string
		writes []string
		want   string
	}{
		{"plain lines and tabs", []string{"Connected: Ada\n", "\tok\n"}, "Connected: Ada\n\tok\n"},
		{"escape, bell, carriage return", []string{"Eve\x1b]0;pwned\x07\x1b[2J\rGrace\n"}, "Eve\uFFFD]0;pwned\uFFFD\uFFFD[2J\uFFFDGrace\n"},
		{"C1 and bidi", []string{"a\u009bb\u202ec\u2066d\n"}, "a\uFFFDb\uFFFDc\uFFFDd\n"},
		{"invalid UTF-8", []string{"a\xffb\n"}, "a\uFFFDb\n"},
		{"a rune split between writes", []string{"caf\xc3", "\xa9 ok\n"}, "café ok\n"},
		{"an RLO split in three", []string{"\xe2", "\x80", "\xae!"}, "\uFFFD!"},
	}
	for _, tc := range cases {
		var b strings.Builder
		w := Writer(&b)
		for _, s := range tc.writes {
			if n, err := w.Write([]byte(s)); n != len(s) || err != nil {
				t.Fatalf("%s: Write = %d, %v", tc.name, n, err)
			}
		}
		if b.String() != tc.want {
			t.Errorf("%s: wrote %q, want %q", tc.name, b.String(), tc.want)
		}
	}
}
