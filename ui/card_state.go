package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/accounts"
	"github.com/make-connect/make-connect/explain"
	"github.com/make-connect/make-connect/session"
)

// update shows the card's account at now as the session reports it (a),
// with its buttons disabled while an action runs for it (busy). Labels
// change only when their text does, so a view that changes nothing of
// this card draws nothing. It reports whether the card's lines changed
// in a way that needs the list laid out again.
func (cd *card) update(now time.Time, a session.Account, busy bool) (relayout bool) {
	c := cd.conn
	st := accounts.StateAt(c, now)
	renews := c.RefreshToken != "" && !a.Refresh.Refused()
	rejected := a.Check.Rejected()
	text, imp, icon := stateLook(st)
	if rejected && st != accounts.Expired {
		text, imp, icon = "Rejected by Make", widget.DangerImportance, theme.NewErrorThemedResource(theme.ErrorIcon())
	}
	if cd.state.Text != text || cd.state.Importance != imp {
		relayout = cd.state.Text != text
		cd.state.Text, cd.state.Importance = text, imp
		cd.state.Refresh()
		cd.stateIcon.SetResource(icon)
	}
	// It follows the state: "Valid · expires … (in 59m)", "Expired ·
	// expired …".
	if setText(cd.expiry, "· "+accounts.DescribeExpiry(c, now)) {
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
	if rejected || ((st == accounts.Expired || st == accounts.ExpiringSoonState) && !renews) {
		want = widget.HighImportance
	}
	if cd.reconnect.Importance != want {
		cd.reconnect.Importance = want
		cd.reconnect.Refresh()
	}
	for _, b := range cd.buttons() {
		enable(b, !busy)
	}
	enable(cd.copyToken, !busy && st != accounts.Expired && !rejected)
	return relayout
}

// stateLook is how a state is shown: words first, colour and icon second.
func stateLook(st accounts.State) (string, widget.Importance, fyne.Resource) {
	switch st {
	case accounts.Valid:
		return "Valid", widget.SuccessImportance, theme.NewSuccessThemedResource(theme.ConfirmIcon())
	case accounts.ExpiringSoonState:
		return "Expiring soon", widget.WarningImportance, theme.NewWarningThemedResource(theme.WarningIcon())
	case accounts.Expired:
		return "Expired", widget.DangerImportance, theme.NewErrorThemedResource(theme.ErrorIcon())
	}
	return "Expiry unknown", widget.MediumImportance, theme.QuestionIcon()
}
