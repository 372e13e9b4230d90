package ui

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/make-connect/make-connect/internal/adapters/config"
)

func TestCopyDiagnostics(t *testing.T) {
	svc := &fakeService{}
	h := newHarness(t, svc)
	// What the HTTP client would log, and, should anything ever slip into
	// the log, a token and a code it must not copy.
	fmt.Fprintln(h.w.log.w, "http GET https://www.make.com/.well-known/openid-configuration → 200 in 84ms, no proxy")
	fmt.Fprintln(h.w.log.w, "stray eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln and code=SECRETCODE&state=SECRETSTATE")
	c := h.w.win.Canvas()
	test.Tap(buttonNamed(t, c, "About"))
	test.Tap(buttonNamed(t, c, "Copy diagnostics"))
	wantText(t, c, "Running make-connect doctor's checks…")
	if !buttonNamed(t, c, "Copy diagnostics").Disabled() {
		t.Error("Copy diagnostics can be pressed again while it runs")
	}
	h.settle()
	wantText(t, c, copiedDiagnostics())
	copied := h.app.Clipboard().Content()
	for _, want := range []string{
		config.AppName + " " + config.FullVersion() + " (" + config.AppID,
		"System: " + runtime.GOOS + "/" + runtime.GOARCH, "Fyne ",
		"ok       issuer: fake sign-in server answered",
		"http GET https://www.make.com/.well-known/openid-configuration → 200 in 84ms, no proxy",
		"code=[hidden]&state=[hidden]",
		"\nDate: 20",
	} {
		if !strings.Contains(copied, want) {
			t.Errorf("the diagnostics lack %q:\n%s", want, copied)
		}
	}
	for _, secret := range []string{"eyJhbGciOi", "SECRETCODE", "SECRETSTATE"} {
		if strings.Contains(copied, secret) {
			t.Errorf("the diagnostics hold %q", secret)
		}
	}
	if svc.doctorGetenv == nil || svc.doctorGetenv(config.EnvClientID) != "test-client" {
		t.Error("the doctor did not see the window's environment")
	}
}

func TestRequestLogFile(t *testing.T) {
	dir := t.TempDir()
	var stderr bytes.Buffer
	l := openRequestLog(dir, false, &stderr)
	defer l.close()
	fmt.Fprintln(l.w, "http GET https://www.make.com/ → 200 in 1ms, no proxy")
	fmt.Fprint(l.w, "window: a line in ")
	fmt.Fprint(l.w, "two writes\nand one more\n")
	b, err := os.ReadFile(filepath.Join(dir, logName))
	if err != nil || !strings.Contains(string(b), "→ 200") {
		t.Errorf("the log file holds %q (%v)", b, err)
	}
	// Every line starts with its time, ISO 8601 with the offset.
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	stamp := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d `)
	if len(lines) != 3 || !strings.HasSuffix(lines[1], " window: a line in two writes") {
		t.Errorf("the log's lines: %q", lines)
	}
	for _, line := range lines {
		if !stamp.MatchString(line) {
			t.Errorf("%q is not dated", line)
		}
	}
	if stderr.Len() != 0 {
		t.Error("the log went to stderr without MAKE_CONNECT_DEBUG=1")
	}

	debug := openRequestLog(t.TempDir(), true, &stderr)
	defer debug.close()
	fmt.Fprintln(debug.w, "http GET https://www.make.com/ → 200 in 1ms, no proxy")
	if !strings.Contains(stderr.String(), "→ 200") {
		t.Error("with MAKE_CONNECT_DEBUG=1 the log does not reach stderr")
	}
	if debugLogging(func(string) (string, bool) { return "1", true }) != true {
		t.Error("MAKE_CONNECT_DEBUG=1 is not read as debug logging")
	}
}

func TestLogThatCannotBeOpenedLeavesTheWindowWorking(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-directory")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	l := openRequestLog(file, false, nil)
	if _, err := fmt.Fprintln(l.w, "a line"); err != nil {
		t.Errorf("writing to a log that could not be opened failed: %v", err)
	}
	if !strings.HasPrefix(l.tail(), "(no log: open the log:") {
		t.Errorf("tail = %q, want why there is no log", l.tail())
	}
}
