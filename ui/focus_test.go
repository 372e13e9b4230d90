package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/make-connect/make-connect/internal/core/account"
)

// TestTabLeavesEveryField: no text field takes a tab character — the
// scopes' multi-line field in Settings › Custom, the single-line ones,
// the filter and the paste field — whether Tab comes as the key the
// window hands to a field that accepts it, as a typed character, or as
// Ctrl+Tab's shortcut; each moves the keyboard on (or back, with Shift),
// so Redirect URI, CA file and Save can be reached.
func TestTabLeavesEveryField(t *testing.T) {
	h := newHarness(t, &fakeService{stored: manyAccounts(filterFrom + 1)})
	c := h.w.win.Canvas()
	for _, field := range []string{"filter", "scopes", "redirect URI", "CA file"} {
		e := h.w.accounts.filter
		if field != "filter" {
			if c.Overlays().Top() == nil {
				test.Tap(buttonNamed(t, c, "Settings"))
			}
			f := openedSettings(t, c)
			f.presets.SetSelected("Custom")
			h.settle()
			e = map[string]*entry{"scopes": f.scopes, "redirect URI": f.redirect, "CA file": f.caFile}[field]
		}
		name := field
		for _, press := range []struct {
			how  string
			back bool
			do   func(*entry)
		}{
			{"Tab", false, func(e *entry) { e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab}) }},
			{"Ctrl+Tab", false, func(e *entry) {
				e.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyTab, Modifier: fyne.KeyModifierControl})
			}},
			{"Ctrl+Shift+Tab", true, func(e *entry) {
				e.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyTab, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift})
			}},
		} {
			if e.AcceptsTab() {
				t.Errorf("the %s field takes Tab as text: the window does not move the keyboard on", name)
			}
			canvas := fyne.CurrentApp().Driver().CanvasForObject(e)
			if canvas == nil {
				t.Fatalf("the %s field is not shown", name)
			}
			e.SetText("openid")
			canvas.Focus(e)
			press.do(e)
			if e.Text != "openid" {
				t.Errorf("%s in the %s field typed: %q", press.how, name, e.Text)
			}
			e.TypedRune('\t') // a tab character, however it came
			if e.Text != "openid" {
				t.Errorf("a tab character in the %s field was typed: %q", name, e.Text)
			}
			if canvas.Focused() == e {
				t.Errorf("%s leaves the keyboard in the %s field", press.how, name)
			}
			if press.back {
				canvas.FocusNext()
			} else {
				canvas.FocusPrevious()
			}
			if canvas.Focused() != e {
				t.Errorf("%s in the %s field moved the keyboard the wrong way", press.how, name)
			}
		}
	}
}

// TestEscapeAsksBeforeDiscarding: Escape in Settings with something
// changed asks; Escape again, or Keep editing, keeps the dialog and what
// was typed, with the keyboard back in the field; Discard changes closes
// it and saves nothing. Unchanged, Escape closes at once.
func TestEscapeAsksBeforeDiscarding(t *testing.T) {
	esc := &fyne.KeyEvent{Name: fyne.KeyEscape}
	h := newHarness(t, &fakeService{})
	c := h.w.win.Canvas()
	open := func() int { return len(c.Overlays().List()) }

	test.Tap(buttonNamed(t, c, "Settings"))
	f := openedSettings(t, c)
	c.Focus(f.redirect)
	f.redirect.TypedKey(esc)
	if open() != 0 {
		t.Fatal("Escape did not close Settings with nothing changed")
	}

	test.Tap(buttonNamed(t, c, "Settings"))
	f = openedSettings(t, c)
	c.Focus(f.redirect)
	f.redirect.SetText("http://127.0.0.1:1234/callback")
	for _, keep := range []string{"Escape", "Keep editing"} {
		f.redirect.TypedKey(esc)
		if open() != 2 || !hasButton(c, "Discard changes") {
			t.Fatalf("Escape with a change did not ask (%d dialogs open)", open())
		}
		if keep == "Escape" {
			c.Focused().TypedKey(esc)
		} else {
			pressDialogButton(t, h, keep)
		}
		if open() != 1 || f.redirect.Text != "http://127.0.0.1:1234/callback" {
			t.Fatalf("%s in the question did not keep the dialog and the change", keep)
		}
		if c.Focused() != f.redirect {
			t.Errorf("after %s the keyboard is on %q, not back in the field", keep, controlName(c.Focused()))
		}
	}
	f.redirect.TypedKey(esc)
	pressDialogButton(t, h, "Discard changes")
	h.settle()
	if open() != 0 || len(h.savedSettings()) != 0 {
		t.Errorf("Discard changes left %d dialogs open, or saved %v", open(), h.savedSettings())
	}
}

// TestFocusReturnsToTheOpener: when a dialog closes, the keyboard is back
// on the control that opened it — a header button, a row's button, the
// row's ⋮ menu — and after Copy token, once the token is copied and the
// row built again (a renewed account is a new connection), it is on the
// row's Copy access token, from which Tab goes on to the next button, not
// back to the top of the window.
func TestFocusReturnsToTheOpener(t *testing.T) {
	esc := &fyne.KeyEvent{Name: fyne.KeyEscape}
	svc := &fakeService{stored: []*account.Connected{ada(time.Hour)}, token: "eyJ.the-access-token"}
	h := newHarness(t, svc)
	c := h.w.win.Canvas()
	cd := func() *card { return h.w.accounts.cards[0] }
	for _, tc := range []struct {
		name   string
		opener func() *button
		open   func()
	}{
		{"About", func() *button { return buttonNamed(t, c, "About") }, nil},
		{"Settings", func() *button { return buttonNamed(t, c, "Settings") }, nil},
		{"Disconnect", func() *button { return cd().disconnect }, nil},
		{"the ⋮ menu's Disconnect", func() *button { return cd().menu }, func() {
			test.Tap(cd().menu)
			menu := c.Overlays().Top()
			c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) // Reconnect
			for range 3 {                                            // to Disconnect
				c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
			}
			c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			if c.Overlays().Top() == menu || c.Overlays().Top() == nil {
				t.Fatal("the menu's Disconnect opened no confirmation")
			}
		}},
	} {
		opener := tc.opener()
		c.Focus(opener)
		if tc.open != nil {
			tc.open()
		} else {
			test.Tap(opener)
		}
		if c.Overlays().Top() == nil {
			t.Fatalf("%s opened no dialog", tc.name)
		}
		c.Focused().TypedKey(esc)
		h.settle()
		if c.Overlays().Top() != nil {
			t.Fatalf("Escape did not close what %s opened", tc.name)
		}
		if c.Focused() != tc.opener() {
			t.Errorf("after %s the keyboard is on %q, not on what opened it", tc.name, controlName(c.Focused()))
		}
	}

	c.Focus(cd().copyToken)
	test.Tap(cd().copyToken)
	svc.mu.Lock()
	renewed := *svc.stored[0]
	svc.stored[0] = &renewed
	svc.mu.Unlock()
	pressDialogButton(t, h, "Copy token")
	h.settle()
	if cd().conn != &renewed {
		t.Fatal("the row was not built again for the renewed account: the test shows nothing")
	}
	if c.Focused() != cd().copyToken {
		t.Fatalf("after Copy token the keyboard is on %q", controlName(c.Focused()))
	}
	test.FocusNext(c)
	if c.Focused() != cd().disconnect { // Make default is disabled on the only account
		t.Errorf("Tab after Copy token went to %q, want Disconnect", controlName(c.Focused()))
	}
}

// TestTabOrderFollowsTheScreen: the filter above the rows comes before
// them.
func TestTabOrderFollowsTheScreen(t *testing.T) {
	h := newHarness(t, &fakeService{stored: manyAccounts(filterFrom + 1)}, compact())
	c := h.w.win.Canvas()
	got := tabCycle(t, c)
	filter, firstRow := -1, -1
	for i, name := range got {
		if name == "entry:"+h.w.accounts.filter.PlaceHolder {
			filter = i
		}
		if firstRow < 0 && len(h.w.accounts.cards) > 0 && i > 0 && c != nil && name == "" {
			firstRow = i
		}
	}
	if filter < 0 || firstRow < 0 || filter > firstRow {
		t.Errorf("Tab visits %q: the filter (%d) is not before the rows (%d)", got, filter, firstRow)
	}
}
