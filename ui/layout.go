package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// topThenRest lays out the window: the top area (header, panel, notice)
// at its height, and the rest (the accounts) in what is left below.
//
// Wrapped text is measured at the width it was last given, so one pass
// would size the top area for the old width after a resize, or for the
// old text after it changed, and draw the list over its last lines. The
// layout therefore measures again once everything has its new width, and
// lays out once more while anything's height is still settling.
type topThenRest struct{}

// settlePasses bounds the passes: wrapped text settles in two.
const settlePasses = 3

func (topThenRest) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if len(objects) != 2 {
		return
	}
	top, rest := objects[0], objects[1]
	pad := theme.Padding()
	for pass := range settlePasses {
		h := top.MinSize().Height
		top.Move(fyne.NewPos(0, 0))
		top.Resize(fyne.NewSize(size.Width, h))
		relayoutAll(top)
		rest.Move(fyne.NewPos(0, h+pad))
		rest.Resize(fyne.NewSize(size.Width, max(0, size.Height-h-pad)))
		relayoutAll(rest)
		if pass > 0 && top.MinSize().Height == h {
			break
		}
	}
	rest.Refresh() // the scroll bars, for the content's new height
}

func (topThenRest) MinSize(objects []fyne.CanvasObject) fyne.Size {
	if len(objects) != 2 {
		return fyne.NewSize(0, 0)
	}
	top, rest := objects[0].MinSize(), objects[1].MinSize()
	return fyne.NewSize(max(top.Width, rest.Width), top.Height+theme.Padding()+rest.Height)
}

// relayoutAll lays out o's containers again at their sizes, outermost
// first, so that each child is sized by what its children measure at
// their new widths; a scroll lays out its content.
func relayoutAll(o fyne.CanvasObject) {
	if !o.Visible() {
		return
	}
	switch v := o.(type) {
	case *fyne.Container:
		if v.Layout != nil {
			v.Layout.Layout(v.Objects, v.Size())
		}
		for _, child := range v.Objects {
			relayoutAll(child)
		}
	case *container.Scroll:
		size := v.Size()
		v.Content.Resize(fyne.NewSize(size.Width, max(size.Height, v.Content.MinSize().Height)))
		relayoutAll(v.Content)
	}
}

// wrapRow lays buttons out left to right, wrapping to a new row where the
// width runs out. Unlike Fyne's RowWrapLayout, whose minimum after a
// layout is the width it was given (a window once wide could never be
// narrowed again), its minimum width is its widest child's; its height is
// that of the rows at the width it was last laid out at.
type wrapRow struct {
	width float32
	// headed: the first object is a heading, and the others go together:
	// beside it when they all fit, else under it (wrapping among
	// themselves), so that one button never hangs alone on a line.
	headed bool
}

func newWrapRow(objects ...fyne.CanvasObject) *fyne.Container {
	return container.New(&wrapRow{}, objects...)
}

// newHeadedRow is a wrapRow of a heading and the buttons that go with it.
func newHeadedRow(heading fyne.CanvasObject, buttons ...fyne.CanvasObject) *fyne.Container {
	return container.New(&wrapRow{headed: true}, append([]fyne.CanvasObject{heading}, buttons...)...)
}

func (l *wrapRow) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var widest float32
	for _, o := range objects {
		if o.Visible() {
			widest = max(widest, o.MinSize().Width)
		}
	}
	width := l.width
	if width < widest {
		width = widest
	}
	return fyne.NewSize(widest, l.place(objects, width, false))
}

func (l *wrapRow) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	l.place(objects, size.Width, true)
}

// place puts the objects in rows within width (moving them if move), and
// returns the rows' height.
func (l *wrapRow) place(objects []fyne.CanvasObject, width float32, move bool) float32 {
	pad := theme.Padding()
	var x, y, rowH, all float32
	for _, o := range objects {
		if o.Visible() {
			all += o.MinSize().Width + pad
		}
	}
	breakAfterHeading := l.headed && all-pad > width
	first, afterHeading := true, false
	for i, o := range objects {
		if !o.Visible() {
			continue
		}
		s := o.MinSize()
		if !first && (x+s.Width > width || breakAfterHeading && !afterHeading) {
			x, y, rowH = 0, y+rowH+pad, 0
		}
		afterHeading = afterHeading || i > 0 && !first
		if move {
			o.Move(fyne.NewPos(x, y))
			o.Resize(s)
		}
		x += s.Width + pad
		rowH = max(rowH, s.Height)
		first = false
	}
	return y + rowH
}
