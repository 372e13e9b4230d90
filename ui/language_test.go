package ui

import (
	"fmt"
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/internal/words/i18n"
)

// speak makes the window speak locale for the rest of the test, as a
// system set to it would (UseSystemLanguage, with LANGUAGE), and English
// again after it: Fyne's lang and i18n choose the language for the whole
// process, and the other tests read English.
func speak(t *testing.T, locale string) {
	t.Helper()
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		t.Setenv(v, "")
	}
	t.Setenv("LANGUAGE", locale)
	// Runs before t.Setenv puts the environment back.
	t.Cleanup(func() {
		os.Setenv("LANGUAGE", "en")
		if err := UseSystemLanguage(); err != nil {
			t.Error(err)
		}
		if got := lang.L("Cancel"); i18n.Language() != "en" || got != "Cancel" {
			t.Errorf("English is not back: i18n speaks %s, lang.L says %q", i18n.Language(), got)
		}
	})
	if err := UseSystemLanguage(); err != nil {
		t.Fatal(err)
	}
	if i18n.Language() != locale || lang.L("Cancel") == "Cancel" {
		t.Fatalf("LANGUAGE=%s: i18n speaks %s, lang.L(\"Cancel\") says %q", locale, i18n.Language(), lang.L("Cancel"))
	}
}

// TestLayoutHoldsInGerman: German's long words and compounds still fit
// the window at its narrowest and at 1,200 px — a connected account, ten
// accounts in their compact rows, and Settings — with nothing drawn over
// anything, squeezed or running past the edge. Golden images show it.
func TestLayoutHoldsInGerman(t *testing.T) {
	for _, st := range layoutStates {
		if st.name != "connected" && st.name != "ten-accounts" && st.name != "settings" {
			continue
		}
		t.Run(st.name, func(t *testing.T) {
			speak(t, "de")
			test.NewTempApp(t).Settings().SetTheme(lightTheme{theme.DefaultTheme()})
			h := st.build(t)
			h.app.Settings().SetTheme(lightTheme{theme.DefaultTheme()})
			h.settle()
			c := h.w.win.Canvas()
			wantText(t, c, "Make-Konten auf diesem Computer", "[Einstellungen]")
			if w := c.Content().MinSize().Width; w > 420-2*4 {
				t.Errorf("in German the window cannot be narrower than %.0f px", w)
			}
			for _, size := range []fyne.Size{{Width: 420, Height: 400}, {Width: 1200, Height: 800}} {
				h.resizeTo(size)
				for _, p := range layoutProblems(c) {
					t.Errorf("at %v: %s", size, p)
				}
				test.AssertRendersToImage(t, fmt.Sprintf("layout/de-%s-%.0f.png", st.name, size.Width), c)
			}
		})
	}
}

// TestLongNamesAreCut: at the narrowest window, a name too long for its
// row is cut with an ellipsis instead of being drawn over the state
// beside it, in English ("Evelyn Boyd Granville") and in German, whose
// longer state words leave every name less room.
func TestLongNamesAreCut(t *testing.T) {
	for _, locale := range []string{"en", "de"} {
		t.Run(locale, func(t *testing.T) {
			if locale != "en" {
				speak(t, locale)
			}
			h := newHarness(t, &fakeService{stored: manyAccounts(10)}, compact())
			h.resizeTo(fyne.NewSize(420, 400))
			cut := 0
			for _, cd := range h.w.accounts.cards {
				r := cd.summary
				th := r.Theme()
				room := r.Size().Width - 2*th.Size(theme.SizeNameInnerPadding)
				name := r.Segments[0].(*widget.TextSegment)
				width := fyne.MeasureText(name.Text, th.Size(theme.SizeNameText), name.Style.TextStyle).Width
				if len(r.Segments) == 1 {
					cut++ // the rich text cuts its one segment itself
					continue
				}
				if ellipsis := fyne.MeasureText(" …", th.Size(theme.SizeNameText), fyne.TextStyle{}).Width; width+ellipsis > room {
					t.Errorf("%s needs %.0f px and an ellipsis, the row has %.0f: drawn over the state", name.Text, width, room)
				}
			}
			if cut == 0 {
				t.Error("no name was too long for its row: the test shows nothing")
			}
		})
	}
}
