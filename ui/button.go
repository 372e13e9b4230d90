package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// button is a widget.Button that Enter and Return press as well as Space:
// Fyne's buttons answer only Space, and people expect Enter to work.
type button struct {
	widget.Button
	ring *canvas.Rectangle // shows it has the keyboard (focus.go)
}

func newButton(label string, importance widget.Importance, tapped func()) *button {
	b := &button{ring: newRing()}
	b.Text = label
	b.Importance = importance
	b.OnTapped = tapped
	b.ExtendBaseWidget(b)
	return b
}

func (b *button) CreateRenderer() fyne.WidgetRenderer {
	return ringRenderer{WidgetRenderer: b.Button.CreateRenderer(), ring: b.ring}
}

// FocusGained rings the button and brings it into view.
func (b *button) FocusGained() {
	b.Button.FocusGained()
	showRing(b.ring, true)
	scrollIntoView(b)
}

// FocusLost takes the ring away.
func (b *button) FocusLost() {
	b.Button.FocusLost()
	showRing(b.ring, false)
}

// TypedKey presses the button on Space, Enter or Return; Escape closes
// its dialog.
func (b *button) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if !b.Disabled() && b.OnTapped != nil {
			b.Tapped(nil)
		}
	case fyne.KeyEscape:
		escapeFrom(b)
	default:
		b.Button.TypedKey(ev)
	}
}

// show shows or hides o.
func show(o fyne.CanvasObject, visible bool) {
	if visible {
		o.Show()
	} else {
		o.Hide()
	}
}

// enable enables or disables d.
func enable(d fyne.Disableable, enabled bool) {
	if enabled {
		d.Enable()
	} else {
		d.Disable()
	}
}

// wrapped is a label whose text wraps at the window's width.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}
