package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// noticeLine is the line under the panel that says what just happened:
// connected, cancelled, saved, or what failed, with a Details button that
// opens the error behind it, and a button that dismisses it.
type noticeLine struct {
	box     *fyne.Container
	text    *widget.Label
	details *button
	dismiss *button
	err     error
	// relayout lays the window out again: the line changed its height.
	relayout func()
}

// newNoticeLine builds a hidden line; showDetails opens the error dialog.
func newNoticeLine(showDetails func(err error), relayout func()) *noticeLine {
	n := &noticeLine{text: wrapped(""), relayout: relayout}
	n.details = newButton(lang.L("Details"), widget.LowImportance, func() { showDetails(n.err) })
	n.dismiss = newButton("", widget.LowImportance, func() { n.set("", nil) })
	n.dismiss.Icon = theme.CancelIcon()
	n.box = container.NewBorder(nil, nil, nil, container.NewHBox(n.details, n.dismiss), n.text)
	n.box.Hide()
	n.details.Hide()
	return n
}

// set shows text; with err, the Details button next to it opens the error
// dialog. An empty text hides the line.
func (n *noticeLine) set(text string, err error) {
	n.text.SetText(text)
	show(n.box, text != "")
	n.err = err
	show(n.details, err != nil)
	n.relayout()
}
