package ui

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// lockedSettings is the window under fleetPolicy with Settings open.
func lockedSettings(t *testing.T) *harness {
	h := newHarness(t, &fakeService{}, compact(), withPolicy(fleetPolicy(t)))
	test.Tap(buttonNamed(t, h.w.win.Canvas(), lang.L("Settings")))
	h.settle()
	return h
}

// TestLockedFieldsReadable: in Settings, the values the organization's
// policy sets are drawn readable, in the light and the dark theme, at
// 420 px and at the default size: measured in the rendered image, the
// contrast of each value's text against what is behind it is at least
// WCAG's 4.5:1 for normal text
// (https://www.w3.org/TR/WCAG22/#contrast-minimum).
func TestLockedFieldsReadable(t *testing.T) {
	// The values, and the scope presets, which Settings may show beside a
	// policy's scopes.
	type shown struct {
		text string
		must bool // the value itself, not a preset
	}
	locked := []shown{{"acme-make-connect", true}, {"eu2.make.com", true}, {"openid user:read", true}, {customScopes(), false}}
	for _, p := range scopePresets() {
		locked = append(locked, shown{p.name, false})
	}
	for _, th := range []variantTheme{{theme.DefaultTheme(), theme.VariantLight}, {theme.DefaultTheme(), theme.VariantDark}} {
		for _, size := range []fyne.Size{{Width: 420, Height: 400}, defaultSize} {
			t.Run(fmt.Sprintf("%s-%.0f", map[fyne.ThemeVariant]string{theme.VariantLight: "light", theme.VariantDark: "dark"}[th.variant], size.Width), func(t *testing.T) {
				test.NewTempApp(t).Settings().SetTheme(th)
				h := lockedSettings(t)
				h.app.Settings().SetTheme(th)
				h.resizeTo(size)
				c := h.w.win.Canvas()
				for _, l := range locked {
					v := l.text
					o := showing(c, v)
					if o == nil {
						if l.must {
							t.Errorf("Settings does not show the locked value %q", v)
						}
						continue
					}
					scrollIntoView(o)
					h.settle()
					glyphs := drawnText(o, v)
					if glyphs == nil {
						t.Errorf("the %T showing %q does not draw it", o, v)
						continue
					}
					pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(glyphs)
					text, back, ratio := contrastIn(c.Capture(), c.Scale(), pos, glyphs.Size())
					if ratio < 4.5 {
						t.Errorf("%q (%T) is drawn in %v on %v: contrast %.2f:1, want at least 4.5:1", v, o, text, back, ratio)
					}
				}
			})
		}
	}
}

// showing is the object of the dialog on top that shows text as its
// value: a label, a field or a choice; nil when none does.
func showing(c fyne.Canvas, text string) (found fyne.CanvasObject) {
	walkObject(c.Overlays().Top(), func(o fyne.CanvasObject) {
		if found != nil {
			return
		}
		switch v := o.(type) {
		case *widget.Label:
			if v.Text == text {
				found = o
			}
		case *entry:
			if v.Text == text {
				found = o
			}
		case *widget.Select:
			if v.Selected == text {
				found = o
			}
		}
	})
	return found
}

// drawnText is the text object o draws text with; nil when it does not
// draw it whole.
func drawnText(o fyne.CanvasObject, text string) (found *canvas.Text) {
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil || o == nil || !o.Visible() {
			return
		}
		switch v := o.(type) {
		case *canvas.Text:
			if v.Text == text {
				found = v
			}
		case *fyne.Container:
			for _, child := range v.Objects {
				walk(child)
			}
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(v).Objects() {
				walk(child)
			}
		}
	}
	walk(o)
	return found
}

// contrastIn measures a line of text drawn at pos, of size, in img: what
// is behind it is the colour most of its pixels have, the text the pixel
// that differs most from that, as a glyph's stem covers whole pixels.
func contrastIn(img image.Image, scale float32, pos fyne.Position, size fyne.Size) (text, back color.Color, ratio float64) {
	r := image.Rect(int(pos.X*scale), int(pos.Y*scale), int((pos.X+size.Width)*scale), int((pos.Y+size.Height)*scale)).Intersect(img.Bounds())
	count := map[color.NRGBA]int{}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			count[color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)]++
		}
	}
	var bg color.NRGBA
	for c, n := range count {
		if n > count[bg] {
			bg = c
		}
	}
	var fg color.NRGBA
	for c := range count {
		if cr := contrast(c, bg); cr > ratio {
			fg, ratio = c, cr
		}
	}
	return fg, bg, ratio
}

// TestContrastRatio: the measure gives WCAG's own figures.
func TestContrastRatio(t *testing.T) {
	cases := []struct {
		a, b color.Color
		want float64
	}{
		{color.White, color.Black, 21},
		{color.White, color.White, 1},
		{color.NRGBA{0x76, 0x76, 0x76, 0xff}, color.White, 4.54}, // the lightest grey that passes on white
	}
	for _, tc := range cases {
		if got := contrast(tc.a, tc.b); math.Abs(got-tc.want) > 0.01 {
			t.Errorf("contrast of %v on %v: %.2f, want %.2f", tc.a, tc.b, got, tc.want)
		}
	}
}
