package e2e

import (
	"bufio"
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"

	"github.com/make-connect/make-connect/internal/testkit/person"
)

// TestBinaryPasteInATerminal runs "connect --no-browser" in a real
// pseudo-terminal, as in an SSH session, and pastes the address a browser
// on another computer ended on, pressing Enter as a person does (a
// carriage return the terminal turns into a newline): a short one, and one
// of 6,000 characters, longer than a terminal's line (4095 bytes on
// Linux), its state at the end where a cut would lose it. The terminal is
// left as it was found.
func TestBinaryPasteInATerminal(t *testing.T) {
	for _, tc := range []struct {
		name string
		size int // of the address pasted; 0 as the browser ended on it
	}{
		{"short", 0},
		{"6,000 characters", 6000},
	} {
		t.Run(tc.name, func(t *testing.T) { pasteInATerminal(t, tc.size) })
	}
}

func pasteInATerminal(t *testing.T, size int) {
	w := newWorld(t)
	cmd := exec.Command(filepath.Join(bin, "make-connect"), "connect", "--no-browser")
	cmd.Env = w.env
	tty, err := pty.Start(cmd)
	if err != nil {
		t.Fatal(err)
	}
	defer tty.Close()
	before, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	var screen strings.Builder
	authURL := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(tty)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			line := sc.Text()
			mu.Lock()
			screen.WriteString(line + "\n")
			mu.Unlock()
			if l := strings.TrimSpace(line); strings.Contains(l, "/oauth/v2/authorize?") {
				authURL <- l
			}
		}
	}()
	var u string
	select {
	case u = <-authURL:
	case <-time.After(20 * time.Second):
		t.Fatal("connect printed no address to visit")
	}
	target, err := person.Person{}.Consent(context.Background(), u, true)
	if err != nil {
		t.Fatal(err)
	}
	if pad := size - len(target.String()); pad > 0 {
		// A parameter the app does not read, first: a cut loses the state.
		target.RawQuery = "pad=" + strings.Repeat("p", pad-len("pad=&")) + "&" + target.RawQuery
		if len(target.String()) != size {
			t.Fatalf("the address is %d characters, not %d", len(target.String()), size)
		}
	}
	tty.Write([]byte("not an address\r"))
	tty.Write([]byte(target.String() + "\r"))

	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		err = <-done
	}
	time.Sleep(100 * time.Millisecond) // the last lines
	mu.Lock()
	// The terminal echoes what was pasted: keep the code and state out of
	// the test's output.
	out := strings.NewReplacer(target.String(), "<the address pasted>", u, "<authorize URL>").Replace(screen.String())
	mu.Unlock()
	if code := exitCode(err); code != 0 {
		t.Fatalf("connect exited %d in a terminal:\n%s", code, out)
	}
	for _, want := range []string{"That is not the address this sign-in ended on", "Connected: Ada Lovelace <ada@example.com>"} {
		if !strings.Contains(out, want) {
			t.Errorf("the terminal does not show %q:\n%s", want, out)
		}
	}
	after, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	if after.Lflag != before.Lflag || after.Cc != before.Cc {
		t.Errorf("connect left the terminal changed: local modes %#x, were %#x; control characters %v, were %v", after.Lflag, before.Lflag, after.Cc, before.Cc)
	}
}
