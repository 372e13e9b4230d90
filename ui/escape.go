package ui

import (
	"fyne.io/fyne/v2"
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

// entry is a widget.Entry that passes Escape on to close its dialog.
type entry struct {
	widget.Entry
}

func newEntry(multiLine bool) *entry {
	e := &entry{}
	e.MultiLine = multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
	}
	e.ExtendBaseWidget(e)
	return e
}

// FocusGained brings the field into view (its own border marks focus).
func (e *entry) FocusGained() {
	e.Entry.FocusGained()
	scrollIntoView(e)
}

// TypedKey closes the dialog on Escape; other keys edit.
func (e *entry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && escapeFrom(e) {
		return
	}
	e.Entry.TypedKey(ev)
}
