package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// manual is make-connect(1) as the packages ship it, in a file.
func manualFile(t *testing.T) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteManual(&b, "2026-12-02"); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "make-connect.1")
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// TestManual renders the man page as man does (groff), and checks it with
// mandoc's linter where mandoc is installed: no warning from either, and
// the rendered page holds every command, every flag, as it is typed, and
// every exit code.
func TestManual(t *testing.T) {
	file := manualFile(t)
	if _, err := exec.LookPath("groff"); err != nil {
		t.Skip("groff is not installed, so the man page is not rendered (make test installs it: .ci/deps)")
	}
	// -ww: every warning; -P-cbou: plain text, no overstriking.
	cmd := exec.Command("groff", "-man", "-Tutf8", "-ww", "-P-cbou", file)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil || errOut.Len() > 0 {
		t.Fatalf("groff: %v\n%s", err, errOut.String())
	}
	// Words are wrapped and hyphenated where groff likes: look for each
	// on a line of its own after joining them.
	page := strings.Join(strings.Fields(out.String()), " ")
	var want []string
	for _, c := range commandDocs() {
		want = append(want, "make-connect "+c.synopsis, c.what)
		for _, f := range c.flags {
			want = append(want, "--"+f.name)
		}
	}
	for _, f := range settingsFlags() {
		want = append(want, "--"+f.name)
	}
	for _, e := range exitCodes {
		want = append(want, e.meaning)
	}
	for _, w := range want {
		if !strings.Contains(page, w) && !strings.Contains(strings.ReplaceAll(page, "\u2010 ", ""), w) {
			t.Errorf("the rendered page lacks %q", w)
		}
	}
	if !strings.HasPrefix(out.String(), "MAKE-CONNECT(1)") {
		t.Errorf("the page starts %q", strings.SplitN(out.String(), "\n", 2)[0])
	}

	if _, err := exec.LookPath("mandoc"); err != nil {
		t.Skip("mandoc is not installed, so the man page is not linted (make test installs it: .ci/deps)")
	}
	// -W warning: warnings and worse; its style hints (lines over 80
	// bytes) are not.
	if lint, err := exec.Command("mandoc", "-T", "lint", "-W", "warning", file).CombinedOutput(); err != nil || len(lint) > 0 {
		t.Errorf("mandoc -T lint: %v\n%s", err, lint)
	}
}

// TestManualNeedsADate: the page's date is a date; anything else is an
// error, not a page that says it.
func TestManualNeedsADate(t *testing.T) {
	for _, date := range []string{"", "today", "2026-13-01", `2026-12-02" .so /etc/passwd`} {
		if err := WriteManual(&bytes.Buffer{}, date); err == nil {
			t.Errorf("WriteManual(%q) wrote a page", date)
		}
	}
}

// TestRoffText: what the page's text could make roff do is escaped: a
// request at the start of a line, an escape, a quote that ends a macro's
// argument; a minus sign stays one (plain "-" is a hyphen to groff 1.23,
// which breaks a flag copied from the page); beyond ASCII is \[uXXXX].
func TestRoffText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"--min-valid 10m", `\-\-min\-valid 10m`},
		{".so /etc/passwd", `\&.so /etc/passwd`},
		{"'br", `\&'br`},
		{`a \fB bold`, `a \efB bold`},
		{`"status --json" shows it`, `\(dqstatus \-\-json\(dq shows it`},
		{"repair … “quoted”", `repair \[u2026] \[u201C]quoted\[u201D]`},
	} {
		if got := roffText(tc.in); got != tc.want {
			t.Errorf("roffText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
