package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/make-connect/make-connect/auth"
)

func copyTokenAs(t *testing.T, h *harness, choice string) {
	t.Helper()
	test.Tap(buttonNamed(t, h.w.win.Canvas(), "Copy access token"))
	pressDialogButton(t, h, choice)
	h.settle()
}

func TestCopiedTokenIsClearedAfter60s(t *testing.T) {
	svc := &fakeService{stored: []*auth.Connection{ada(time.Hour)}, token: "eyJ.the-access-token"}
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
	svc := &fakeService{stored: []*auth.Connection{ada(time.Hour)}, token: "eyJ.the-access-token"}
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
	svc := &fakeService{stored: []*auth.Connection{a}, token: "eyJ.the-access-token"}
	svc.tokenAPIBase = a.APIBase
	h := newHarness(t, svc)
	test.Tap(buttonNamed(t, h.w.win.Canvas(), "Copy access token"))
	wantText(t, h.w.win.Canvas(), "Copy the access token of Ada Lovelace", "[Cancel]", "[Copy as curl command]", "[Copy token]")
	pressDialogButton(t, h, "Copy as curl command")
	h.settle()
	want := "curl -H 'Authorization: Bearer eyJ.the-access-token' https://us2.make.com/api/v2/users/me"
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

func TestShellWord(t *testing.T) {
	cases := []struct{ in, want string }{
		{"https://eu1.make.com/api/v2/users/me", "https://eu1.make.com/api/v2/users/me"},
		{"https://make.example/a b", "'https://make.example/a b'"},
		{"it's", `'it'\''s'`},
		{"$(rm -rf ~)", "'$(rm -rf ~)'"},
	}
	for _, tc := range cases {
		if got := shellWord(tc.in); got != tc.want {
			t.Errorf("shellWord(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
