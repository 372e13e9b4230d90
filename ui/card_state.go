package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/accounts"
	"github.com/make-connect/make-connect/makeapi"
)

// update shows the card's account at now, with how renewing it (r) and
// asking Make about it (ck) are going; either may be nil. Labels change
// only when their text does, so a tick that changes nothing draws
// nothing.
func (cd *card) update(now time.Time, r *refreshState, ck *checkState) {
	c := cd.conn
	st := accounts.StateAt(c, now)
	renews := c.RefreshToken != "" && !r.refused()
	rejected := ck.rejected()
	text, imp, icon := stateLook(st)
	if rejected && st != accounts.Expired {
		text, imp, icon = "Rejected by Make", widget.DangerImportance, theme.NewErrorThemedResource(theme.ErrorIcon())
	}
	if cd.state.Text != text || cd.state.Importance != imp {
		cd.state.Text, cd.state.Importance = text, imp
		cd.state.Refresh()
		cd.stateIcon.SetResource(icon)
	}
	// It follows the state: "Valid · expires … (in 59m)", "Expired ·
	// expired …".
	setText(cd.expiry, "· "+accounts.DescribeExpiry(c, now))
	setShown(cd.verdict, ck.words(st))

	note := ""
	switch {
	case rejected:
	case r.refused():
		note = plainWords(r.err)
	case r != nil && r.err != nil:
		note = "Could not renew this account's access: " + plainWords(r.err) + " Trying again in a minute."
	case st == accounts.Expired && !renews:
		note = "This account's access has expired, and Make gave it no way to renew itself. Press Reconnect to sign in again."
	case st == accounts.ExpiringSoonState && !renews:
		note = "Its access runs out soon. Press Reconnect to sign in again and keep it working."
	case renews && st != accounts.Expired:
		note = "Make Connect renews its access by itself before it expires."
	}
	setShown(cd.note, note)

	want := widget.MediumImportance
	if rejected || ((st == accounts.Expired || st == accounts.ExpiringSoonState) && !renews) {
		want = widget.HighImportance
	}
	if cd.reconnect.Importance != want {
		cd.reconnect.Importance = want
		cd.reconnect.Refresh()
	}
	enable(cd.copyToken, st != accounts.Expired && !rejected)
}

// words is what the card says of Make's verdict on its token: "" before
// anyone asked, or once it has expired (Make is not asked then).
func (ck *checkState) words(st accounts.State) string {
	switch {
	case ck == nil || st == accounts.Expired:
		return ""
	case ck.running:
		return "Asking Make whether its access token still works…"
	case ck.verdict == accounts.Accepted:
		return "Checked with Make: " + ck.verdict.Words() + "."
	case ck.verdict == accounts.Rejected:
		return plainWords(makeapi.ErrRejected)
	case ck.err != nil:
		return "Could not check with Make: " + plainWords(ck.err)
	}
	return "Could not check with Make: " + ck.verdict.Words() + "."
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
