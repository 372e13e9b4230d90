package ui

import (
	"net/url"
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/explain"
	"github.com/make-connect/make-connect/sanitize"
)

// card shows one account: who, where, what it allows, until when, what
// Make said of its token, and what can be done with it. Only the state,
// expiry, verdict and note change while it is shown; update sets them.
// Every text Make sent passes sanitize.Text first.
type card struct {
	conn        *auth.Connection
	facts       cardFacts
	box         *widget.Card
	stateIcon   *widget.Icon
	state       *widget.Label
	expiry      *widget.Label
	verdict     *widget.Label
	note        *widget.Label
	reconnect   *button
	copyToken   *button
	makeDefault *button
	disconnect  *button
}

// cardActions is what a card's buttons do: the window's confirmations and
// connect flow, for the card's account.
type cardActions struct {
	reconnect   func(id string)
	copyToken   func(id string)
	makeDefault func(id string)
	disconnect  func(id string)
}

// cardFacts are what a card shows of an account beyond its connection,
// and only a new card changes.
type cardFacts struct {
	// isDefault: the account tools use when they name none.
	isDefault bool
	// zone is the configured zone, for the zone note.
	zone string
	// noCopy: the organization's policy disables copying access tokens
	// (DisableTokenCopy), so the card has no Copy access token.
	noCopy bool
}

func newCard(c *auth.Connection, facts cardFacts, actions cardActions) *card {
	cd := &card{conn: c, facts: facts, stateIcon: widget.NewIcon(nil), state: widget.NewLabel(""), expiry: widget.NewLabel(""),
		verdict: wrapped(""), note: wrapped("")}
	id := c.ID()
	cd.reconnect = newButton("Reconnect", widget.MediumImportance, func() { actions.reconnect(id) })
	cd.copyToken = newButton("Copy access token", widget.MediumImportance, func() { actions.copyToken(id) })
	cd.makeDefault = newButton("Make default", widget.MediumImportance, func() { actions.makeDefault(id) })
	cd.disconnect = newButton("Disconnect", widget.MediumImportance, func() { actions.disconnect(id) })
	cd.reconnect.Icon = theme.ViewRefreshIcon()
	cd.copyToken.Icon = theme.ContentCopyIcon()
	cd.makeDefault.Icon = theme.ConfirmIcon()
	cd.disconnect.Icon = theme.DeleteIcon()
	cd.verdict.Hide()

	title, subtitle := explain.Label(c), ""
	if c.Name != "" && c.Email != "" {
		title, subtitle = sanitize.Text(c.Name), sanitize.Text(c.Email)+" (confirmed by Make)"
	}
	if c.IdentityGap != "" {
		subtitle = "Account " + id
	}
	scopes := wrapped("Scopes: " + sanitize.Text(strings.Join(c.Scopes, ", ")))
	if !c.ScopesConfirmed {
		scopes.SetText(scopes.Text + " — as requested; Make did not confirm them")
	}
	content := container.New(layout.NewCustomPaddedVBoxLayout(0),
		container.NewHBox(cd.stateIcon, cd.state, cd.expiry),
		wrapped("Zone: "+zone(c)+" · Sign-in server: "+sanitize.Text(c.Issuer)),
	)
	if orgs := organizations(c); orgs != "" {
		content.Add(wrapped(orgs))
	}
	if note := explain.Zone(c, facts.zone); note != "" {
		content.Add(wrapped(note))
	}
	content.Add(scopes)
	if note := explain.Identity(c); note != "" {
		content.Add(wrapped(note))
	}
	if facts.isDefault {
		def := wrapped("The default account: tools use it when they name no account.")
		def.TextStyle.Bold = true
		content.Add(def)
	}
	content.Add(cd.verdict)
	content.Add(cd.note)
	buttons := container.NewHBox(cd.reconnect)
	if !facts.noCopy {
		buttons.Add(cd.copyToken)
	}
	if !facts.isDefault {
		buttons.Add(cd.makeDefault)
	}
	buttons.Add(cd.disconnect)
	content.Add(buttons)
	cd.box = widget.NewCard(title, subtitle, content)
	return cd
}

// zone is the Make zone of the API the account's identity came from.
func zone(c *auth.Connection) string {
	if u, err := url.Parse(c.APIBase); err == nil && u.Host != "" {
		return sanitize.Text(u.Host)
	}
	return "unknown"
}

// organizations lists the account's organizations and their zones, as
// Make named them: "Organizations: Acme (eu1.make.com), …"; "" when Make
// listed none.
func organizations(c *auth.Connection) string {
	var orgs []string
	for _, o := range c.Organizations {
		name := sanitize.Text(o.Name)
		if o.Zone != "" {
			name += " (" + sanitize.Text(o.Zone) + ")"
		}
		orgs = append(orgs, name)
	}
	if len(orgs) == 0 {
		return ""
	}
	return "Organizations: " + strings.Join(orgs, ", ")
}

// buttons are the card's buttons that act on its account.
func (cd *card) buttons() []*button {
	return []*button{cd.reconnect, cd.copyToken, cd.makeDefault, cd.disconnect}
}

// setText sets a label's text, and reports whether it changed.
func setText(l *widget.Label, text string) bool {
	if l.Text == text {
		return false
	}
	l.SetText(text)
	return true
}

// setShown sets a label's text and hides it while that is empty, and
// reports whether either changed.
func setShown(l *widget.Label, text string) bool {
	changed := setText(l, text)
	if l.Visible() != (text != "") {
		show(l, text != "")
		changed = true
	}
	return changed
}
