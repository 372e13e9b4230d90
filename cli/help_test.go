package cli

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestHelp: --help lists every command, completion among them, and the
// exit codes; it offers "make-connect" alone only where that opens a
// window, and the command-line build without one says it has none.
func TestHelp(t *testing.T) {
	windowLine := regexp.MustCompile(`(?m)^  make-connect +open the window$`)
	for _, tc := range []struct {
		name   string
		window func() bool
		offers bool
	}{
		{"the window build", nil, true},
		{"the command-line build beside the window program", func() bool { return true }, true},
		{"the command-line build alone", func() bool { return false }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runQuiet(t, Env{Window: tc.window}, "--help")
			if code != ExitOK || errOut != "" {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if got := windowLine.MatchString(out); got != tc.offers {
				t.Errorf("offers the window: %v, want %v:\n%s", got, tc.offers, out)
			}
			if says := strings.Contains(out, "This is the command-line build, which has no window"); says == tc.offers {
				t.Errorf("says it has no window: %v:\n%s", says, out)
			}
			for _, c := range commandDocs() {
				if !strings.Contains(out, "  make-connect "+c.synopsis+" ") {
					t.Errorf("lacks %q:\n%s", c.synopsis, out)
				}
			}
			if !strings.Contains(out, "make-connect completion bash|zsh|fish|powershell") {
				t.Errorf("lacks completion:\n%s", out)
			}
			for _, e := range exitCodes {
				if !strings.Contains(out, fmt.Sprintf("\n  %d  %s\n", e.code, e.meaning)) {
					t.Errorf("lacks exit code %d:\n%s", e.code, out)
				}
			}
		})
	}
}

// TestSynopsisNamesEveryFlag: the synopsis --help, the man page and zsh
// show for a command is written by hand; it names every flag the command
// defines, and no other.
func TestSynopsisNamesEveryFlag(t *testing.T) {
	named := regexp.MustCompile(`--([a-z-]+)`)
	for _, c := range commandDocs() {
		var inSynopsis, defined []string
		for _, m := range named.FindAllStringSubmatch(c.synopsis, -1) {
			inSynopsis = append(inSynopsis, m[1])
		}
		for _, f := range c.flags {
			defined = append(defined, f.name)
		}
		if !slices.Equal(sorted(inSynopsis), sorted(defined)) {
			t.Errorf("%s: the synopsis %q names %v; the command defines %v", c.name, c.synopsis, inSynopsis, defined)
		}
	}
}
