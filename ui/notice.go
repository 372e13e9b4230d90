package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// noticeLine is the line under the panel that says what just happened:
// connected, cancelled, saved, or what failed, with a Details button that
// opens the error behind it.
type noticeLine struct {
	box     fyne.CanvasObject
	text    *widget.Label
	details *button
	err     error
}

// newNoticeLine builds a hidden line; showDetails opens the error dialog.
func newNoticeLine(showDetails func(err error)) *noticeLine {
	n := &noticeLine{text: wrapped("")}
	n.details = newButton("Details", widget.LowImportance, func() { showDetails(n.err) })
	n.text.Hide()
	n.details.Hide()
	n.box = container.NewBorder(nil, nil, nil, n.details, n.text)
	return n
}

// set shows text; with err, the Details button next to it opens the error
// dialog. An empty text hides the line.
func (n *noticeLine) set(text string, err error) {
	n.text.SetText(text)
	show(n.text, text != "")
	n.err = err
	show(n.details, err != nil)
}
