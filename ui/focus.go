package ui

import (
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Fyne marks a focused button by blending a translucent focus colour into
// its background: on a primary button, or in a dark theme, it is hard to
// see which control Space will press. The app's controls draw a ring
// instead, in ringColor, and a control that gets the keyboard is scrolled
// into view.

// ringWidth is the focus ring's stroke.
const ringWidth = 2

// ringColor is the focus ring's colour in the theme's variant: the
// foreground, which stands out from the background by far more than the
// 3:1 that WCAG 2.2 asks of a focus indicator (TestFocusRingContrast).
func ringColor() color.Color {
	return theme.Color(theme.ColorNameForeground)
}

// newRing is a focus ring, hidden until its control has the keyboard.
func newRing() *canvas.Rectangle {
	r := canvas.NewRectangle(color.Transparent)
	r.StrokeWidth = ringWidth
	r.StrokeColor = ringColor()
	r.CornerRadius = theme.InputRadiusSize()
	r.Hide()
	return r
}

// showRing shows or hides a ring, in the current theme's colour.
func showRing(r *canvas.Rectangle, on bool) {
	r.StrokeColor = ringColor()
	show(r, on)
	r.Refresh()
}

// ringRenderer draws a widget's own renderer with a ring over it.
type ringRenderer struct {
	fyne.WidgetRenderer
	ring *canvas.Rectangle
	// color is the ring's; "" for ringColor.
	color fyne.ThemeColorName
}

func (r ringRenderer) Layout(size fyne.Size) {
	r.WidgetRenderer.Layout(size)
	// Outside the control, over the background it must stand out from,
	// and within the padding between controls.
	r.ring.Move(fyne.NewPos(-ringWidth, -ringWidth))
	r.ring.Resize(size.AddWidthHeight(2*ringWidth, 2*ringWidth))
}

func (r ringRenderer) Objects() []fyne.CanvasObject {
	// A copy: appending to the inner renderer's slice could write into
	// room it keeps for its own objects.
	return append(slices.Clip(r.WidgetRenderer.Objects()), r.ring)
}

func (r ringRenderer) Refresh() {
	r.ring.StrokeColor = ringColor()
	if r.color != "" {
		r.ring.StrokeColor = theme.Color(r.color)
	}
	r.WidgetRenderer.Refresh()
}

// scrolls are the scroll containers a focused control is brought into view
// in: the account list, and Settings while it is open. UI goroutine only.
var scrolls = map[*container.Scroll]bool{}

// scrollIntoView scrolls whichever of scrolls holds o so that o shows
// whole: Tab to a control below the fold brings it up.
func scrollIntoView(o fyne.CanvasObject) {
	for s := range scrolls {
		top, ok := offsetIn(s.Content, o)
		if !ok || !s.Visible() {
			continue
		}
		view := s.Size().Height
		y := s.Offset.Y
		switch {
		case top < y:
			y = top
		case top+o.Size().Height > y+view:
			y = top + o.Size().Height - view
		}
		if y != s.Offset.Y {
			s.ScrollToOffset(fyne.NewPos(s.Offset.X, y))
		}
		return
	}
}

// offsetIn is o's top within root, if root's containers hold o.
func offsetIn(root, o fyne.CanvasObject) (float32, bool) {
	if root == o {
		return 0, true
	}
	var children []fyne.CanvasObject
	switch v := root.(type) {
	case *fyne.Container:
		children = v.Objects
	case *container.Scroll:
		children = []fyne.CanvasObject{v.Content}
	}
	for _, c := range children {
		if !c.Visible() {
			continue
		}
		if y, ok := offsetIn(c, o); ok {
			return c.Position().Y + y, true
		}
	}
	return 0, false
}

// radioList is a set of choices, one chosen, that is one stop for Tab:
// Up and Down (or Left and Right) choose the one before or after, as in
// every desktop's radio group. Fyne's RadioGroup makes each choice a Tab
// stop of its own. Tapping a choice chooses it.
type radioList struct {
	widget.DisableableWidget
	Options   []string
	Selected  string
	OnChanged func(string)

	rows    []*radioRow
	ring    *canvas.Rectangle
	focused bool
}

func newRadioList(options []string, changed func(string)) *radioList {
	r := &radioList{Options: options, OnChanged: changed, ring: newRing()}
	r.ExtendBaseWidget(r)
	return r
}

func (r *radioList) CreateRenderer() fyne.WidgetRenderer {
	box := container.NewVBox()
	r.rows = nil
	for _, opt := range r.Options {
		row := newRadioRow(opt, func() {
			if !r.Disabled() {
				r.SetSelected(opt)
				if c := fyne.CurrentApp().Driver().CanvasForObject(r); c != nil {
					c.Focus(r)
				}
			}
		})
		r.rows = append(r.rows, row)
		box.Add(row)
	}
	r.update()
	return ringRenderer{WidgetRenderer: widget.NewSimpleRenderer(box), ring: r.ring}
}

// SetSelected chooses opt, and tells OnChanged when that is a change.
func (r *radioList) SetSelected(opt string) {
	if opt == r.Selected {
		return
	}
	r.Selected = opt
	r.update()
	if r.OnChanged != nil {
		r.OnChanged(opt)
	}
}

// update shows which choice is chosen, and whether the list is enabled.
func (r *radioList) update() {
	for _, row := range r.rows {
		icon := theme.RadioButtonIcon()
		if row.label.Text == r.Selected {
			icon = theme.RadioButtonCheckedIcon()
			if !r.Disabled() {
				icon = theme.NewPrimaryThemedResource(icon)
			}
		}
		if r.Disabled() {
			icon = theme.NewDisabledResource(icon)
			row.label.Importance = widget.LowImportance
		} else {
			row.label.Importance = widget.MediumImportance
		}
		row.icon.SetResource(icon)
		row.label.Refresh()
	}
}

func (r *radioList) Refresh() {
	r.update()
	r.BaseWidget.Refresh()
}

// move chooses the choice by steps after (or before) the chosen one.
func (r *radioList) move(by int) {
	i := 0
	for j, opt := range r.Options {
		if opt == r.Selected {
			i = j
		}
	}
	i = min(max(i+by, 0), len(r.Options)-1)
	r.SetSelected(r.Options[i])
}

func (r *radioList) FocusGained() {
	r.focused = true
	showRing(r.ring, true)
	scrollIntoView(r)
}

func (r *radioList) FocusLost() {
	r.focused = false
	showRing(r.ring, false)
}

func (r *radioList) TypedRune(rune) {}

// TypedKey moves the choice on the arrows; Escape closes the dialog.
func (r *radioList) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyUp, fyne.KeyLeft:
		r.move(-1)
	case fyne.KeyDown, fyne.KeyRight:
		r.move(1)
	case fyne.KeyEscape:
		escapeFrom(r)
	}
}

// radioRow is one choice of a radioList: a tap target, not a Tab stop.
type radioRow struct {
	widget.BaseWidget
	icon  *widget.Icon
	label *widget.Label
	tap   func()
}

func newRadioRow(text string, tap func()) *radioRow {
	row := &radioRow{icon: widget.NewIcon(theme.RadioButtonIcon()), label: widget.NewLabel(text), tap: tap}
	row.ExtendBaseWidget(row)
	return row
}

func (row *radioRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, row.icon, nil, row.label))
}

func (row *radioRow) Tapped(*fyne.PointEvent) { row.tap() }
