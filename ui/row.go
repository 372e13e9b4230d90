package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/platform/sanitize"
	"github.com/make-connect/make-connect/internal/words/explain"
)

// A row says who an account is and its state in one line, however narrow
// the window and however long the words of its language. What it must
// never lose is kept whole: the state, the default mark, and the sign-in
// server when another account has the same name or email
// (account.ServerTellsApart). What it may shorten is cut with an ellipsis, in
// this order: the email and zone, then the name, then the time left beside
// the state.

// rowWords are the parts of a row's summary.
type rowWords struct {
	name string   // bold
	rest []string // the email and zone: cut first
	kept []string // the server, when it tells the account apart, and "default"
}

func summaryWords(c *account.Connected, facts cardFacts) rowWords {
	w := rowWords{name: explain.Label(c)}
	if c.Name != "" {
		w.name = sanitize.Text(c.Name)
	}
	if c.Email != "" && c.Email != c.Name {
		w.rest = append(w.rest, sanitize.Text(c.Email))
	}
	w.rest = append(w.rest, zone(c))
	if facts.namesake {
		if server := sanitize.Text(account.Server(c)); server != zone(c) {
			w.kept = append(w.kept, server)
		}
	}
	if facts.isDefault {
		w.kept = append(w.kept, lang.L("default"))
	}
	return w
}

// sep separates a row's parts.
const sep = " · "

// measure is the width of a text in the row's text size and style.
type measure func(text string, bold bool) float32

// fit is the summary's segments in room: everything when it fits; else the
// rest cut with an ellipsis; else the rest left out and the name cut. The
// kept parts are never cut here: with less room than they need, the rich
// text's own ellipsis cuts the end.
func (w rowWords) fit(room float32, width measure) []widget.RichTextSegment {
	kept := ""
	if len(w.kept) > 0 {
		kept = sep + strings.Join(w.kept, sep)
	}
	rest := ""
	if len(w.rest) > 0 {
		rest = sep + strings.Join(w.rest, sep)
	}
	name := w.name
	nameW, keptW := width(name, true), width(kept, false)
	switch {
	case nameW+width(rest, false)+keptW <= room:
	case rest != "" && nameW+width(sep+"xx…", false)+keptW <= room:
		rest = cut(rest, room-nameW-keptW, func(s string) float32 { return width(s, false) })
	default:
		rest = ""
		name = cut(name, room-keptW, func(s string) float32 { return width(s, true) })
	}
	segs := []widget.RichTextSegment{
		&widget.TextSegment{Text: name, Style: widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}}},
	}
	if rest+kept != "" {
		segs = append(segs, &widget.TextSegment{Text: rest + kept, Style: widget.RichTextStyleInline})
	}
	return segs
}

// minRoom is the least room the summary needs: the kept parts whole and
// the name's first letters.
func (w rowWords) minRoom(width measure) float32 {
	kept := ""
	if len(w.kept) > 0 {
		kept = sep + strings.Join(w.kept, sep)
	}
	r := []rune(w.name)
	return width(string(r[:min(len(r), 4)])+"…", true) + width(kept, false)
}

// cut is the longest start of s that fits room with an ellipsis after
// it; s itself when it fits.
func cut(s string, room float32, width func(string) float32) string {
	if width(s) <= room {
		return s
	}
	r := []rune(s)
	lo, hi := 0, len(r) // r[:lo]+"…" fits; r[:hi]+"…" does not, or hi is all
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if width(strings.TrimRight(string(r[:mid]), " ·")+"…") <= room {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return strings.TrimRight(string(r[:lo]), " ·") + "…"
}

// fitRow is the row's layout: its own (a border: the expand button, the
// summary, and the state with the menu) that fits the summary's words to
// the width it gets, and shows the state without the time left when the
// summary would otherwise not have the room for what it must keep.
type fitRow struct {
	row fyne.Layout
	cd  *card
}

func (f fitRow) MinSize(objects []fyne.CanvasObject) fyne.Size { return f.row.MinSize(objects) }

func (f fitRow) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	cd := f.cd
	th := cd.summary.Theme()
	text := th.Size(theme.SizeNameText)
	width := func(s string, bold bool) float32 {
		if s == "" {
			return 0
		}
		return fyne.MeasureText(s, text, fyne.TextStyle{Bold: bold}).Width
	}
	// The rich text places and measures its segments in whole pixels:
	// a little slack keeps it from cutting what was measured to fit.
	const slack = 4
	room := func() float32 { return cd.summary.Size().Width - 2*th.Size(theme.SizeNameInnerPadding) - slack }
	f.row.Layout(objects, size)
	full := room() // the summary's room with the time left shown
	if cd.brief {
		full -= width(richText(cd.shortFull), true) - width(richText(cd.shortBrief), true)
	}
	if brief := full < cd.words.minRoom(width); brief != cd.brief {
		cd.brief = brief
		cd.showShort()
		f.row.Layout(objects, size)
	}
	if segs := cd.words.fit(room(), width); richKey(segs) != richKey(cd.summary.Segments) {
		cd.summary.Segments = segs
		cd.summary.Refresh()
	}
}

// richText is the words of segments.
func richText(segs []widget.RichTextSegment) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteString(s.Textual())
	}
	return b.String()
}
