package ui

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	// The test binary is a program that imports Fyne too: where the locale
	// is C.UTF-8 (Debian and Ubuntu containers, CI), Fyne's lang init would
	// print "Fyne error: Error parsing user locale C" before any test runs.
	// earlylocale's init runs first and names English instead, as
	// window.go's import does for the app (layers_test.go allows this
	// arrow in a face's tests only).
	_ "github.com/make-connect/make-connect/internal/platform/earlylocale"
)

// TestNoFyneErrorInTheTestBinary starts a fresh copy of this test binary
// under LANG=C.UTF-8, running no test, and finds no "Fyne error" in what
// it printed.
func TestNoFyneErrorInTheTestBinary(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(slices.DeleteFunc(os.Environ(), func(kv string) bool {
		for _, name := range []string{"LANGUAGE=", "LC_ALL=", "LC_MESSAGES=", "LANG="} {
			if strings.HasPrefix(kv, name) {
				return true
			}
		}
		return false
	}), "LANG=C.UTF-8")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the test binary: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "Fyne error") {
		t.Errorf("under LANG=C.UTF-8 the test binary printed:\n%s", out)
	}
}
