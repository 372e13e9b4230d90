package ui

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/testkit/keychaintest"
	"github.com/make-connect/make-connect/internal/testkit/person"
	"github.com/make-connect/make-connect/internal/testkit/sandbox"
)

func copyTokenAs(t *testing.T, h *harness, choice string) {
	t.Helper()
	test.Tap(buttonNamed(t, h.w.win.Canvas(), "Copy access token"))
	pressDialogButton(t, h, choice)
	h.settle()
}

func TestCopiedTokenIsClearedAfter60s(t *testing.T) {
	svc := &fakeService{stored: []*account.Connected{ada(time.Hour)}, token: "eyJ.the-access-token"}
	h := newHarness(t, svc)
	copyTokenAs(t, h, "Copy token")
	wantText(t, h.w.win.Canvas(), "is on the clipboard; it will be cleared in 60 s.")
	h.advance(59 * time.Second)
	if h.app.Clipboard().Content() != "eyJ.the-access-token" {
		t.Fatal("the token left the clipboard before 60 s")
	}
	h.advance(time.Second)
	if got := h.app.Clipboard().Content(); got != "" {
		t.Errorf("after 60 s the clipboard holds %q, want it cleared", got)
	}
	wantText(t, h.w.win.Canvas(), "The access token of Ada Lovelace <ada@example.com> was cleared from the clipboard.")
}

func TestClipboardCopiedOverIsLeftAlone(t *testing.T) {
	svc := &fakeService{stored: []*account.Connected{ada(time.Hour)}, token: "eyJ.the-access-token"}
	h := newHarness(t, svc)
	copyTokenAs(t, h, "Copy token")
	h.app.Clipboard().SetContent("something the person copied since")
	h.advance(time.Minute)
	if got := h.app.Clipboard().Content(); got != "something the person copied since" {
		t.Errorf("the clipboard holds %q: what the person copied since was cleared", got)
	}
}

func TestCopyAsCurlCommand(t *testing.T) {
	a := ada(time.Hour)
	a.APIBase = "https://us2.make.com/api/v2"
	svc := &fakeService{stored: []*account.Connected{a}, token: "eyJ.the-access-token"}
	svc.tokenAPIBase = a.APIBase
	h := newHarness(t, svc)
	test.Tap(buttonNamed(t, h.w.win.Canvas(), "Copy access token"))
	wantText(t, h.w.win.Canvas(), "Copy the access token of Ada Lovelace", "[Cancel]", "[Copy as curl command]", "[Copy token]")
	pressDialogButton(t, h, "Copy as curl command")
	h.settle()
	want := " curl -H @- https://us2.make.com/api/v2/users/me <<'END'\nAuthorization: Bearer eyJ.the-access-token\nEND\n"
	if got := h.app.Clipboard().Content(); got != want {
		t.Errorf("clipboard = %q, want %q", got, want)
	}
	wantText(t, h.w.win.Canvas(), "A curl command with the access token of Ada Lovelace <ada@example.com> is on the clipboard; it will be cleared in 60 s.")
	dontWantText(t, h.w.win.Canvas(), "the-access-token")
	h.advance(time.Minute)
	if h.app.Clipboard().Content() != "" {
		t.Error("the curl command was not cleared after 60 s")
	}
}

// TestCopiedCurlCommandKeepsTheTokenOutOfArguments runs the copied curl
// command in a shell, as a person pastes it, against the sandbox: curl
// (through a stand-in on PATH that records its arguments) gets the
// account's answer, and neither its arguments nor the history of an
// interactive bash (HISTCONTROL=ignoreboth, Debian's default) hold the
// token.
func TestCopiedCurlCommandKeepsTheTokenOutOfArguments(t *testing.T) {
	realCurl, err := exec.LookPath("curl")
	if err != nil {
		t.Skip("curl is not installed (make deps installs it)")
	}
	sw := newSandboxWorld(t, sandbox.Options{})
	store, _ := keychaintest.Memory(sw.env[config.EnvKeyringService])
	h := newHarness(t, &fakeService{}, withEnv(sw.env), withBackend(sw.backend(store)))
	test.Tap(h.w.panels.idle.connect)
	h.pumpUntil("the browser to be sent to Make", func() bool { return len(h.browsed()) == 1 })
	go person.Person{Email: "grace@example.com"}.Approve(context.Background(), h.browsed()[0])
	h.pumpUntil("the account to show", func() bool { return len(h.w.accounts.cards) == 1 })
	test.Tap(buttonNamed(t, h.w.win.Canvas(), "Copy access token"))
	pressDialogButton(t, h, "Copy as curl command")
	h.pumpUntil("the command on the clipboard", func() bool { return strings.Contains(h.app.Clipboard().Content(), "curl") })
	command := h.app.Clipboard().Content()
	conns, _, _ := store.List()
	token := conns[0].AccessToken

	dir := t.TempDir()
	argv := filepath.Join(dir, "argv")
	stand := "#!/bin/sh\nprintf '%s\\n' \"$@\" >" + argv + "\nexec " + realCurl + " \"$@\"\n"
	if err := os.WriteFile(filepath.Join(dir, "curl"), []byte(stand), 0o700); err != nil {
		t.Fatal(err)
	}
	sh := exec.Command("bash", "--norc", "-i")
	sh.Stdin = strings.NewReader(command)
	sh.Env = append(os.Environ(), "PATH="+dir+":"+os.Getenv("PATH"), "HISTFILE="+filepath.Join(dir, "history"), "HISTCONTROL=ignoreboth")
	out, _ := sh.Output()
	if !strings.Contains(string(out), `"email":"grace@example.com"`) {
		t.Errorf("the command did not get the account from Make: %q", out)
	}
	args, err := os.ReadFile(argv)
	if err != nil || !strings.Contains(string(args), "@-") {
		t.Fatalf("curl's arguments: %q, %v", args, err)
	}
	if strings.Contains(string(args), token) {
		t.Error("the token is one of curl's arguments, which every user can read")
	}
	history, _ := os.ReadFile(filepath.Join(dir, "history"))
	if strings.Contains(string(history), token) {
		t.Error("the token is in the shell's history")
	}
}

// TestClosingTheWindowTakesTheTokenBack: the 60 s clear dies with the
// app, so closing the window clears a token the clipboard still holds,
// and leaves alone what the person copied since.
func TestClosingTheWindowTakesTheTokenBack(t *testing.T) {
	for _, copiedSince := range []bool{false, true} {
		svc := &fakeService{stored: []*account.Connected{ada(time.Hour)}, token: "eyJ.the-access-token"}
		h := newHarness(t, svc)
		copyTokenAs(t, h, "Copy token")
		want := ""
		if copiedSince {
			want = "the person's own text"
			h.app.Clipboard().SetContent(want)
		}
		h.w.win.Close()
		if got := h.app.Clipboard().Content(); got != want {
			t.Errorf("copied since %v: after closing, the clipboard holds %q, want %q", copiedSince, got, want)
		}
	}
}

// TestCopiesAreMarkedPrivate: the token, the curl command and the sign-in
// link go through the private clipboard (Windows: out of history, cloud
// and monitors); only when it fails through the app's.
func TestCopiesAreMarkedPrivate(t *testing.T) {
	var private []string
	set := func(text string) error { private = append(private, text); return nil }
	svc := &fakeService{stored: []*account.Connected{ada(time.Hour)}, token: "eyJ.the-access-token"}
	h := newHarness(t, svc, withPrivateClipboard(set))
	copyTokenAs(t, h, "Copy token")
	copyTokenAs(t, h, "Copy as curl command")
	a := startWaiting(t, h)
	test.Tap(buttonNamed(t, h.w.win.Canvas(), "Copy link"))
	if len(private) != 3 || private[0] != "eyJ.the-access-token" || !strings.Contains(private[1], "Bearer eyJ.the-access-token") || private[2] != a.url {
		t.Errorf("put privately: %d copies %q", len(private), private)
	}
	if got := h.app.Clipboard().Content(); got != "" {
		t.Errorf("the app's clipboard was used too: %q", got)
	}
}
