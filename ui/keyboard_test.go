package ui

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/make-connect/make-connect/internal/core/account"
)

// tabCycle presses Tab until the focus comes back round and returns the
// names of the controls it visited, in order.
func tabCycle(t *testing.T, c fyne.Canvas) []string {
	t.Helper()
	if c.Focused() == nil {
		test.FocusNext(c)
	}
	first := c.Focused()
	names := []string{controlName(first)}
	for i := 0; i < 200; i++ {
		test.FocusNext(c)
		if c.Focused() == first {
			return names
		}
		names = append(names, controlName(c.Focused()))
	}
	t.Fatal("Tab never comes back round")
	return nil
}

func controlName(f fyne.Focusable) string {
	switch v := f.(type) {
	case *button:
		return v.Text
	case *widget.Button:
		return v.Text
	case *entry:
		return "entry:" + v.PlaceHolder
	case *radioList:
		return radios
	case *widget.Entry:
		return "entry:" + v.PlaceHolder
	case *widget.Check:
		return "check:" + v.Text
	case *widget.Select:
		return "select"
	}
	return fmt.Sprintf("%T", f) // a radio item's type is unexported
}

// radios is what controlName calls a radioList: one Tab stop.
const radios = "radios"

// wantInOrder checks that a Tab cycle visits want in this order, starting
// anywhere in the cycle.
func wantInOrder(t *testing.T, got []string, want ...string) {
	t.Helper()
	for i, g := range got {
		if g == want[0] {
			got = append(got[i:len(got):len(got)], got[:i]...)
			break
		}
	}
	i := 0
	for _, g := range got {
		if i < len(want) && g == want[i] {
			i++
		}
	}
	if i < len(want) {
		t.Errorf("Tab visits %q; want %q among them in this order", got, want)
	}
}

func TestTabReachesEveryControl(t *testing.T) {
	svc := &fakeService{stored: []*account.Connected{ada(time.Hour)}}
	h := newHarness(t, svc)
	c := h.w.win.Canvas()
	wantInOrder(t, tabCycle(t, c), "Settings", "About", "Connect another account", "Reconnect", "Copy access token", "Disconnect")

	startWaiting(t, h)
	wantInOrder(t, tabCycle(t, c), "Settings", "Cancel", "Copy link", "Open browser again",
		"entry:http://127.0.0.1:…/callback?code=…", "Finish connecting", "Reconnect")
	test.Tap(buttonNamed(t, c, "Cancel"))
	h.settle()

	test.Tap(buttonNamed(t, c, "Settings"))
	got := tabCycle(t, c)
	wantInOrder(t, got, "select", radios,
		"entry:http://127.0.0.1:0/callback", "entry:None: only the system's certificates", "Cancel", "Save")
	for _, g := range got {
		if g == "Connect another account" {
			t.Error("Tab leaves the Settings dialog for the window behind it")
		}
	}
}

func TestEnterAndSpacePress(t *testing.T) {
	h := newHarness(t, &fakeService{})
	c := h.w.win.Canvas()
	if c.Focused() != h.w.panels.idle.connect {
		t.Fatal("Connect to Make does not have the keyboard at start")
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if h.svc.lastAttempt() == nil {
		t.Fatal("Enter on Connect to Make did not connect")
	}
	if c.Focused() != h.w.panels.wait.cancel {
		t.Fatal("while waiting, Cancel does not have the keyboard")
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	h.settle()
	if !h.svc.lastAttempt().isClosed() {
		t.Error("Space on Cancel did not cancel")
	}

	test.Tap(buttonNamed(t, c, "Settings"))
	test.FocusNext(c) // from Cancel (the client ID is the environment's) to Save
	test.FocusNext(c) // the zone
	test.FocusNext(c) // the scope presets, one stop
	if name := controlName(c.Focused()); name != radios {
		t.Fatalf("focus is on %s, want the scope presets", name)
	}
	presets := c.Focused().(*radioList)
	// Arrows choose within the group, and stop at its ends.
	for _, step := range []struct {
		key  fyne.KeyName
		want string
	}{{fyne.KeyDown, "Read everything"}, {fyne.KeyRight, "Run scenarios"}, {fyne.KeyDown, "Custom"}, {fyne.KeyDown, "Custom"},
		{fyne.KeyUp, "Run scenarios"}, {fyne.KeyLeft, "Read everything"}} {
		presets.TypedKey(&fyne.KeyEvent{Name: step.key})
		if presets.Selected != step.want {
			t.Fatalf("%s chose %q, want %q", step.key, presets.Selected, step.want)
		}
	}
	test.FocusNext(c)
	if name := controlName(c.Focused()); name == radios {
		t.Error("Tab stays in the scope presets")
	}
}

func TestWindowRemembersItsSize(t *testing.T) {
	h := newHarness(t, &fakeService{})
	h.w.win.Resize(fyne.NewSize(720, 640))
	h.w.win.Close()
	w2 := newWindow(h.app, Options{NewBackend: h.svc.backend, LogDir: t.TempDir(), NoticeDir: h.noticeDir}, h.w.bridge)
	h.settle()
	if got := w2.win.Canvas().Size(); got != fyne.NewSize(720, 640) {
		t.Errorf("the window opened at %v, want the 720x640 it was closed at", got)
	}
}

// TestTabAfterConnecting: what scripts/ui-e2e.sh presses after connecting
// (Tab six times, then Enter) reaches the account's Disconnect: the
// notice's close button, the row's expand and menu buttons, Reconnect,
// Copy access token, then Disconnect (Make default is disabled on the
// default account, and Tab skips it).
func TestTabAfterConnecting(t *testing.T) {
	svc := &fakeService{}
	h := newHarness(t, svc, compact())
	c := h.w.win.Canvas()
	test.Tap(buttonNamed(t, c, "Connect to Make"))
	h.settle()
	svc.lastAttempt().complete(ada(time.Hour), nil)
	h.settle()
	cd := h.w.accounts.cards[0]
	want := []fyne.Focusable{h.w.notice.dismiss, cd.expand, cd.menu, cd.reconnect, cd.copyToken, cd.disconnect}
	if c.Focused() != buttonNamed(t, c, "Connect another account") {
		t.Fatalf("after connecting the keyboard is on %q", controlName(c.Focused()))
	}
	for i, w := range want {
		test.FocusNext(c)
		if c.Focused() != w {
			t.Fatalf("Tab %d reaches %q (%T), want %q", i+1, controlName(c.Focused()), c.Focused(), controlName(w))
		}
	}
}

// TestEscapeClosesEveryDialog: Escape closes About, the Licences over it,
// Settings with nothing changed (with the keyboard in a field, on a
// button, or nowhere; with a change it asks first:
// TestEscapeAsksBeforeDiscarding), the error dialog and a confirmation.
func TestEscapeClosesEveryDialog(t *testing.T) {
	esc := &fyne.KeyEvent{Name: fyne.KeyEscape}
	svc := &fakeService{stored: []*account.Connected{ada(time.Hour)}}
	h := newHarness(t, svc)
	h.w.opts.Notices = "MIT License\n"
	c := h.w.win.Canvas()
	open := func() int { return len(c.Overlays().List()) }
	press := func() {
		t.Helper()
		if f := c.Focused(); f != nil {
			f.TypedKey(esc)
		} else {
			c.OnTypedKey()(esc)
		}
		h.settle()
	}

	test.Tap(buttonNamed(t, c, "About"))
	test.Tap(buttonNamed(t, c, "Licences"))
	if open() != 2 {
		t.Fatalf("%d dialogs open, want About and Licences", open())
	}
	press()
	if open() != 1 || !hasButton(c, "Licences") {
		t.Fatal("Escape did not close the Licences alone")
	}
	press()
	if open() != 0 {
		t.Fatal("Escape did not close About")
	}

	for _, focus := range []string{"field", "button", "nothing"} {
		test.Tap(buttonNamed(t, c, "Settings"))
		f := openedSettings(t, c)
		switch focus {
		case "field":
			c.Focus(f.redirect)
		case "button":
			c.Focus(buttonNamed(t, c, "Save"))
		case "nothing":
			c.Unfocus()
		}
		press()
		if open() != 0 {
			t.Fatalf("Escape with the keyboard on %s did not close Settings", focus)
		}
	}
	test.Tap(h.w.accounts.cards[0].disconnect)
	if open() != 1 {
		t.Fatal("no confirmation for Disconnect")
	}
	press()
	if open() != 0 || len(h.w.accounts.cards) != 1 {
		t.Fatal("Escape did not close the confirmation, or disconnected")
	}

	h.w.showError("Could not connect", errors.New("boom"))
	press()
	if open() != 0 {
		t.Fatal("Escape did not close the error dialog")
	}
}

// TestFocusRingContrast: the control with the keyboard wears a ring, drawn
// just outside it, whose colour stands out from the window's and the
// dialogs' background by at least 3:1 (WCAG 2.2's focus appearance: the
// ring's pixels against the same pixels unfocused) in the light and the
// dark theme, so Space is never pressed on the wrong button; it moves with
// the focus.
func TestFocusRingContrast(t *testing.T) {
	for _, variant := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		app := test.NewTempApp(t)
		app.Settings().SetTheme(variantTheme{theme.DefaultTheme(), variant})
		ring := ringColor()
		for _, against := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameOverlayBackground} {
			if r := contrast(ring, theme.Color(against)); r < 3 {
				t.Errorf("variant %d: the focus ring's contrast against %s is %.2f:1, want ≥ 3:1", variant, against, r)
			}
		}
	}

	h := newHarness(t, &fakeService{})
	c := h.w.win.Canvas()
	connect, settings := h.w.panels.idle.connect, buttonNamed(t, c, "Settings")
	if c.Focused() != connect || !connect.ring.Visible() || settings.ring.Visible() {
		t.Fatal("the focused Connect to Make wears no ring, or another button does")
	}
	c.Focus(settings)
	if connect.ring.Visible() || !settings.ring.Visible() {
		t.Error("the ring did not follow the focus to Settings")
	}
}

// variantTheme is a theme in one variant, whatever the settings say.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (v variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return v.Theme.Color(n, v.variant)
}

// contrast is WCAG's contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c color.Color) float64 {
	r, g, b, _ := color.NRGBAModel.Convert(c).RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// TestTabScrollsIntoView: Tab to a control below the list's fold scrolls
// the list so that it shows whole, and back up again.
func TestTabScrollsIntoView(t *testing.T) {
	h := newHarness(t, &fakeService{stored: manyAccounts(12)})
	c := h.w.win.Canvas()
	l := h.w.accounts
	l.scroll.Refresh()
	last := l.cards[len(l.cards)-1]
	c.Focus(last.disconnect)
	h.settle()
	top, _ := offsetIn(l.scroll.Content, last.disconnect)
	if l.scroll.Offset.Y == 0 || top+last.disconnect.Size().Height > l.scroll.Offset.Y+l.scroll.Size().Height+0.5 {
		t.Fatalf("the last Disconnect at %.0f is out of view (offset %.0f, view %.0f)", top, l.scroll.Offset.Y, l.scroll.Size().Height)
	}
	c.Focus(l.cards[0].expand)
	h.settle()
	if l.scroll.Offset.Y != 0 {
		t.Errorf("back at the first row, the list stays scrolled to %.0f", l.scroll.Offset.Y)
	}
}
