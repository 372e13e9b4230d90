package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/session"
	"github.com/make-connect/make-connect/internal/words/explain"
)

// update shows the card's account at now as the session reports it (a),
// with its buttons disabled while an action runs for it (busy). Labels
// change only when their text does, so a view that changes nothing of
// this card draws nothing. It reports whether the card's lines changed
// in a way that needs the list laid out again.
func (cd *card) update(now time.Time, a session.Account, busy bool) (relayout bool) {
	c, m := cd.conn, a.Model()
	st := m.State(now)
	text, imp, icon := stateLook(st)
	if cd.stateIcon.Resource == nil || cd.stateIcon.Resource.Name() != icon.Name() {
		cd.stateIcon.SetResource(icon)
	}
	// The row says the state and the time left, "Valid · 59m left"; the
	// details the state and when, "Valid · expires … (in 59m)".
	short := text
	if left := explain.TimeLeft(c, now); left != "" && st != account.RejectedState {
		short += " · " + left
	}
	cd.shortFull, cd.shortBrief = stateSegments(short, "", imp), stateSegments(text, "", imp)
	if cd.showShort() {
		relayout = true
	}
	if setRich(cd.expiry, stateSegments(text, " · "+explain.DescribeExpiry(c, now), imp)) {
		relayout = true
	}
	for _, l := range []struct {
		label *widget.Label
		text  string
	}{{cd.verdict, explain.Check(a, now)}, {cd.note, explain.Renewal(a, now)}} {
		if setShown(l.label, l.text) {
			relayout = true
		}
	}

	want := widget.MediumImportance
	if m.NeedsReconnect(now) {
		want = widget.HighImportance
	}
	if cd.reconnect.Importance != want {
		cd.reconnect.Importance = want
		cd.reconnect.Refresh()
	}
	for _, b := range cd.buttons() {
		enable(b, !busy)
	}
	enable(cd.copyToken, !busy && m.MayCopy(now, cd.facts.noCopy))
	enable(cd.makeDefault, !busy && !cd.facts.isDefault)
	return relayout
}

// showShort shows the state beside the summary, with the time left
// unless the row is brief (fitRow), and reports whether it changed.
func (cd *card) showShort() bool {
	if cd.brief {
		return setRich(cd.short, cd.shortBrief)
	}
	return setRich(cd.short, cd.shortFull)
}

// stateLook is how a state is shown: words first, colour and icon second.
func stateLook(st account.State) (string, widget.Importance, fyne.Resource) {
	switch st {
	case account.RejectedState:
		return lang.L("Rejected by Make"), widget.DangerImportance, theme.NewErrorThemedResource(theme.ErrorIcon())
	case account.Valid:
		return lang.L("Valid"), widget.SuccessImportance, theme.NewSuccessThemedResource(theme.ConfirmIcon())
	case account.ExpiringSoonState:
		return lang.L("Expiring soon"), widget.WarningImportance, theme.NewWarningThemedResource(theme.WarningIcon())
	case account.Expired:
		return lang.L("Expired"), widget.DangerImportance, theme.NewErrorThemedResource(theme.ErrorIcon())
	}
	return lang.L("Expiry unknown"), widget.MediumImportance, theme.QuestionIcon()
}

// stateSegments is a state in its colour, then the rest of its line in the
// text's, without the gap two labels would leave.
func stateSegments(state, rest string, imp widget.Importance) []widget.RichTextSegment {
	color := map[widget.Importance]fyne.ThemeColorName{
		widget.SuccessImportance: theme.ColorNameSuccess, widget.WarningImportance: theme.ColorNameWarning,
		widget.DangerImportance: theme.ColorNameError}[imp]
	if color == "" {
		color = theme.ColorNameForeground
	}
	segs := []widget.RichTextSegment{&widget.TextSegment{Text: state,
		Style: widget.RichTextStyle{Inline: true, ColorName: color, TextStyle: fyne.TextStyle{Bold: true}}}}
	if rest != "" {
		segs = append(segs, &widget.TextSegment{Text: rest, Style: widget.RichTextStyleInline})
	}
	return segs
}

// setRich sets a rich text's segments, and reports whether its words or
// colours changed.
func setRich(r *widget.RichText, segs []widget.RichTextSegment) bool {
	if richKey(r.Segments) == richKey(segs) {
		return false
	}
	r.Segments = segs
	r.Refresh()
	return true
}

func richKey(segs []widget.RichTextSegment) string {
	var b strings.Builder
	for _, s := range segs {
		if t, ok := s.(*widget.TextSegment); ok {
			b.WriteString(t.Text + "\x00" + string(t.Style.ColorName) + "\x00")
		}
	}
	return b.String()
}
