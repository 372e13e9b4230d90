package ui

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/core/account"
)

// twoGraces are one person at two sign-in servers, the first the
// default, with Ada beside them.
func twoGraces() (svc *fakeService, env map[string]string) {
	live := conn("Grace Hopper", "grace@example.com", "1002", 2*time.Hour)
	test := conn("Grace Hopper", "grace@example.com", "1002", 3*time.Hour)
	test.Issuer = "https://sso.acme-test.example"
	return &fakeService{stored: []*account.Connected{ada(time.Hour), live, test}},
		map[string]string{config.EnvClientID: "test-client", config.EnvAccount: live.ID()}
}

// TestScreenshotRows writes the window's rows of two same-name accounts
// in German, at the default size, to $SCREENSHOTS (for the notes of a
// change): nothing is checked.
func TestScreenshotRows(t *testing.T) {
	dir := os.Getenv("SCREENSHOTS")
	if dir == "" {
		t.Skip("SCREENSHOTS is not set")
	}
	speak(t, "de")
	svc, env := twoGraces()
	h := newHarness(t, svc, compact(), withEnv(env))
	h.app.Settings().SetTheme(lightTheme{theme.DefaultTheme()})
	for _, size := range []fyne.Size{defaultSize, {Width: 420, Height: 400}} {
		h.resizeTo(size)
		writePNG(t, filepath.Join(dir, fmt.Sprintf("rows-de-namesakes-%.0f.png", size.Width)), h.w.win.Canvas())
	}
}

// writePNG writes what c shows to path.
func writePNG(t *testing.T, path string, c fyne.Canvas) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, c.Capture()); err != nil {
		t.Fatal(err)
	}
}
