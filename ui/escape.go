package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Escape closes the dialog on top, whichever control has the keyboard:
// Fyne hands keys to the focused control, and its own ignore Escape, so
// the window's buttons and fields (button, entry) pass it here.

// dialogsOpen are, by canvas, what closes each dialog open on it,
// innermost last. Read and written on the UI goroutine only.
var dialogsOpen = map[fyne.Canvas][]func(){}

// closeOnEscape makes Escape on c call hide while the dialog is open; the
// returned func forgets it once the dialog has closed.
func closeOnEscape(c fyne.Canvas, hide func()) (closed func()) {
	dialogsOpen[c] = append(dialogsOpen[c], hide)
	if c.OnTypedKey() == nil { // Escape with nothing focused
		c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
			if ev.Name == fyne.KeyEscape {
				escapeOn(c)
			}
		})
	}
	n := len(dialogsOpen[c])
	return func() {
		if open := dialogsOpen[c]; len(open) >= n {
			dialogsOpen[c] = open[:n-1]
		}
	}
}

// escapeOn closes the innermost dialog open on c, and reports whether
// there was one.
func escapeOn(c fyne.Canvas) bool {
	open := dialogsOpen[c]
	if len(open) == 0 {
		return false
	}
	open[len(open)-1]()
	return true
}

// escapeFrom closes the innermost dialog open on o's canvas.
func escapeFrom(o fyne.CanvasObject) bool {
	if c := fyne.CurrentApp().Driver().CanvasForObject(o); c != nil {
		return escapeOn(c)
	}
	return false
}

// entry is a widget.Entry that passes Escape on to close its dialog and
// never takes a tab character: Tab, Shift+Tab, Ctrl+Tab and
// Ctrl+Shift+Tab move the keyboard to the next or previous control, from a
// single-line field and from the multi-line scopes field alike. Fyne's
// multi-line Entry keeps Tab as text (AcceptsTab), and a Ctrl+Tab reaches
// any Entry as a key or a shortcut that it types as a tab character; in a
// form whose fields hold addresses, IDs and space-separated scopes a tab
// is never wanted, and the fields after it could not be reached.
//
// A problem set with SetValidationError also rings the field in the
// error colour, outside its border: Fyne marks it only while the field
// does not have the keyboard, and Save gives the keyboard to the first
// field with a problem.
type entry struct {
	widget.Entry
	problem *canvas.Rectangle
}

func newEntry(multiLine bool) *entry {
	e := &entry{problem: newRing()}
	e.MultiLine = multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
	}
	e.ExtendBaseWidget(e)
	return e
}

func (e *entry) CreateRenderer() fyne.WidgetRenderer {
	return ringRenderer{WidgetRenderer: e.Entry.CreateRenderer(), ring: e.problem, color: theme.ColorNameError}
}

// SetValidationError marks the field with err, or unmarks it (nil).
func (e *entry) SetValidationError(err error) {
	e.Entry.SetValidationError(err)
	show(e.problem, err != nil && e.AlwaysShowValidationError)
	e.problem.StrokeColor = theme.Color(theme.ColorNameError)
	e.problem.Refresh()
}

// AcceptsTab is false, so the window moves the keyboard on Tab and
// Shift+Tab (fyne.Tabbable).
func (e *entry) AcceptsTab() bool { return false }

// FocusGained brings the field into view (its own border marks focus).
func (e *entry) FocusGained() {
	e.Entry.FocusGained()
	scrollIntoView(e)
}

// TypedKey closes the dialog on Escape and moves the keyboard on Tab (with
// Ctrl held, Tab arrives here); other keys edit.
func (e *entry) TypedKey(ev *fyne.KeyEvent) {
	switch {
	case ev.Name == fyne.KeyEscape && escapeFrom(e):
	case ev.Name == fyne.KeyTab:
		e.tab(shiftHeld())
	default:
		e.Entry.TypedKey(ev)
	}
}

// TypedRune drops a tab character, however it came.
func (e *entry) TypedRune(r rune) {
	if r != '\t' {
		e.Entry.TypedRune(r)
	}
}

// TypedShortcut moves the keyboard on Ctrl+Tab and Ctrl+Shift+Tab, which
// the window hands over as a shortcut; others edit.
func (e *entry) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && cs.KeyName == fyne.KeyTab {
		e.tab(cs.Modifier&fyne.KeyModifierShift != 0)
		return
	}
	e.Entry.TypedShortcut(s)
}

// tab gives the keyboard to the control after the field, or before it.
func (e *entry) tab(back bool) {
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	if back {
		c.FocusPrevious()
	} else {
		c.FocusNext()
	}
}

// shiftHeld reports whether Shift is held, where the driver can tell.
func shiftHeld() bool {
	d, ok := fyne.CurrentApp().Driver().(desktop.Driver)
	return ok && d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
}
