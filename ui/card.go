package ui

import (
	"net/url"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/accounts"
	"github.com/make-connect/make-connect/auth"
)

// card shows one account: who, where, what it allows, until when, and
// what can be done with it. Only the state, expiry and note change while
// it is shown; update sets them.
type card struct {
	conn       *auth.Connection
	box        *widget.Card
	stateIcon  *widget.Icon
	state      *widget.Label
	expiry     *widget.Label
	note       *widget.Label
	reconnect  *button
	copyToken  *button
	disconnect *button
}

// cardActions is what a card's buttons do: the window's confirmations and
// connect flow, for the card's account.
type cardActions struct {
	reconnect  func()
	copyToken  func(id string)
	disconnect func(id string)
}

func newCard(c *auth.Connection, actions cardActions) *card {
	cd := &card{conn: c, stateIcon: widget.NewIcon(nil), state: widget.NewLabel(""), expiry: widget.NewLabel(""), note: wrapped("")}
	id := c.ID()
	cd.reconnect = newButton("Reconnect", widget.MediumImportance, actions.reconnect)
	cd.copyToken = newButton("Copy access token", widget.MediumImportance, func() { actions.copyToken(id) })
	cd.disconnect = newButton("Disconnect", widget.MediumImportance, func() { actions.disconnect(id) })
	cd.reconnect.Icon = theme.ViewRefreshIcon()
	cd.copyToken.Icon = theme.ContentCopyIcon()
	cd.disconnect.Icon = theme.DeleteIcon()

	title, subtitle := c.Label(), ""
	if c.Name != "" && c.Email != "" {
		title, subtitle = c.Name, c.Email+" (confirmed by Make)"
	}
	if c.IdentityNote != "" {
		subtitle = "Account " + id
	}
	scopes := wrapped("Scopes: " + strings.Join(c.Scopes, ", "))
	if !c.ScopesConfirmed {
		scopes.SetText(scopes.Text + " — as requested; Make did not confirm them")
	}
	where := wrapped("Zone: " + zone(c) + " · Sign-in server: " + c.Issuer)
	content := container.New(layout.NewCustomPaddedVBoxLayout(0),
		container.NewHBox(cd.stateIcon, cd.state, cd.expiry),
		where,
		scopes,
	)
	if c.IdentityNote != "" {
		content.Add(wrapped(c.IdentityNote))
	}
	content.Add(cd.note)
	content.Add(container.NewHBox(cd.reconnect, cd.copyToken, cd.disconnect))
	cd.box = widget.NewCard(title, subtitle, content)
	return cd
}

// zone is the Make zone of the API the account's identity came from.
func zone(c *auth.Connection) string {
	if u, err := url.Parse(c.APIBase); err == nil && u.Host != "" {
		return u.Host
	}
	return "unknown"
}

// update shows c's state at now. Labels change only when their text does,
// so a tick that changes nothing draws nothing.
func (cd *card) update(now time.Time, r *refreshState) {
	c := cd.conn
	st := accounts.StateAt(c, now)
	renews := c.RefreshToken != "" && !r.refused()
	text, imp, icon := stateLook(st)
	if cd.state.Text != text || cd.state.Importance != imp {
		cd.state.Text, cd.state.Importance = text, imp
		cd.state.Refresh()
		cd.stateIcon.SetResource(icon)
	}
	// It follows the state: "Valid · expires … (in 59m)", "Expired ·
	// expired …".
	setText(cd.expiry, "· "+accounts.DescribeExpiry(c, now))

	note := ""
	switch {
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
	setText(cd.note, note)
	show(cd.note, note != "")

	want := widget.MediumImportance
	if (st == accounts.Expired || st == accounts.ExpiringSoonState) && !renews {
		want = widget.HighImportance
	}
	if cd.reconnect.Importance != want {
		cd.reconnect.Importance = want
		cd.reconnect.Refresh()
	}
	enable(cd.copyToken, st != accounts.Expired)
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

func setText(l *widget.Label, text string) {
	if l.Text != text {
		l.SetText(text)
	}
}
