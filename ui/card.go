package ui

import (
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/platform/sanitize"
	"github.com/make-connect/make-connect/internal/words/explain"
)

// card shows one account as a row — who, where, its state and time left,
// and one menu of what can be done with it — that expands to the details:
// what it allows, until when, what Make said of its token, and the same
// actions as buttons. Only the state, expiry, verdict and note change
// while it is shown; update sets them. Every text Make sent passes
// sanitize.Text first.
type card struct {
	conn  *account.Connected
	facts cardFacts
	box   *fyne.Container
	// The row.
	expand    *button // shows or hides the details
	summary   *widget.RichText
	words     rowWords // what summary says, fitted to its width (fitRow)
	stateIcon *widget.Icon
	short     *widget.RichText // "Valid · 59m left", or "Valid" when brief
	// shortFull and shortBrief are the state with and without the time
	// left; brief: the row has room only for the state.
	shortFull, shortBrief []widget.RichTextSegment
	brief                 bool
	menu                  *button // the actions, as a menu
	// The details, in detailsBox, which shows or hides them.
	details     *fyne.Container
	detailsBox  *fyne.Container
	expiry      *widget.RichText // "Valid · expires … (in 59m)"
	verdict     *widget.Label
	note        *widget.Label
	reconnect   *button
	copyToken   *button
	makeDefault *button
	disconnect  *button
	// onToggle is told when the person shows or hides the details.
	onToggle func(expanded bool)
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
	// namesake: another account listed has the same name or email
	// (account.ServerTellsApart), so the row names the sign-in server.
	namesake bool
}

func newCard(c *account.Connected, facts cardFacts, actions cardActions, expanded bool) *card {
	cd := &card{conn: c, facts: facts, stateIcon: widget.NewIcon(nil), short: widget.NewRichText(), expiry: widget.NewRichText(),
		verdict: wrapped(""), note: wrapped("")}
	id := c.ID()
	cd.reconnect = newButton(lang.L("Reconnect"), widget.MediumImportance, func() { actions.reconnect(id) })
	cd.copyToken = newButton(lang.L("Copy access token"), widget.MediumImportance, func() { actions.copyToken(id) })
	cd.makeDefault = newButton(lang.L("Make default"), widget.MediumImportance, func() { actions.makeDefault(id) })
	cd.disconnect = newButton(lang.L("Disconnect"), widget.MediumImportance, func() { actions.disconnect(id) })
	cd.reconnect.Icon = theme.ViewRefreshIcon()
	cd.copyToken.Icon = theme.ContentCopyIcon()
	cd.makeDefault.Icon = theme.ConfirmIcon()
	cd.disconnect.Icon = theme.DeleteIcon()
	cd.verdict.Hide()
	cd.note.Hide()

	cd.expand = newButton("", widget.LowImportance, func() { cd.setExpanded(!cd.expanded(), true) })
	cd.menu = newButton("", widget.LowImportance, cd.showMenu)
	cd.menu.Icon = theme.MoreVerticalIcon()
	cd.words = summaryWords(c, facts)
	cd.summary = widget.NewRichText(cd.words.fit(1e6, func(string, bool) float32 { return 0 })...)
	cd.summary.Truncation = fyne.TextTruncateEllipsis
	right := container.New(layout.NewCustomPaddedHBoxLayout(0), cd.stateIcon, cd.short, cd.menu)
	row := container.NewBorder(nil, nil, cd.expand, right, cd.summary)
	row.Layout = fitRow{row.Layout, cd}

	cd.details = container.New(layout.NewCustomPaddedVBoxLayout(0), cd.expiry)
	cd.expiry.Wrapping = fyne.TextWrapWord
	who := ""
	switch {
	case c.IdentityGap != "":
		who = lang.L("Account {{.ID}}", vars{"ID": id})
	case c.Name != "" && c.Email != "":
		who = lang.L("{{.Email}} (confirmed by Make)", vars{"Email": sanitize.Text(c.Email)})
	}
	if who != "" {
		cd.details.Add(wrapped(who))
	}
	cd.details.Add(wrapped(lang.L("Zone: {{.Zone}} · Sign-in server: {{.Issuer}}", vars{"Zone": zone(c), "Issuer": sanitize.Text(c.Issuer)})))
	if orgs := organizations(c); orgs != "" {
		cd.details.Add(wrapped(orgs))
	}
	if note := explain.Zone(c, facts.zone); note != "" {
		cd.details.Add(wrapped(note))
	}
	granted := vars{"Scopes": sanitize.Text(strings.Join(c.Scopes, ", "))}
	scopes := lang.L("Scopes: {{.Scopes}}", granted)
	if !c.ScopesConfirmed {
		scopes = lang.L("Scopes: {{.Scopes}} — as requested; Make did not confirm them", granted)
	}
	cd.details.Add(wrapped(scopes))
	if note := explain.Identity(c); note != "" {
		cd.details.Add(wrapped(note))
	}
	if facts.isDefault {
		def := wrapped(lang.L("The default account: tools use it when they name no account."))
		def.TextStyle.Bold = true
		cd.details.Add(def)
	}
	cd.details.Add(cd.verdict)
	cd.details.Add(cd.note)
	// Every card has its buttons in the same places: one that does not
	// apply is disabled, not taken away.
	buttons := newWrapRow(cd.reconnect)
	if !facts.noCopy {
		buttons.Add(cd.copyToken)
	}
	buttons.Add(cd.makeDefault)
	buttons.Add(cd.disconnect)
	cd.details.Add(buttons)

	cd.detailsBox = container.NewPadded(cd.details)
	cd.box = container.New(layout.NewCustomPaddedVBoxLayout(0), row, cd.detailsBox, widget.NewSeparator())
	cd.setExpanded(expanded, false)
	return cd
}

// expanded reports whether the details show.
func (cd *card) expanded() bool { return cd.detailsBox.Visible() }

// setExpanded shows or hides the details; byPerson tells onToggle.
func (cd *card) setExpanded(on, byPerson bool) {
	show(cd.detailsBox, on)
	cd.expand.Icon = theme.MenuExpandIcon()
	if on {
		cd.expand.Icon = theme.MenuDropDownIcon()
	}
	cd.expand.Refresh()
	if byPerson && cd.onToggle != nil {
		cd.onToggle(on)
	}
}

// showMenu opens the actions menu under the menu button, with the
// keyboard in it: arrows move, Enter chooses, Escape closes.
func (cd *card) showMenu() {
	c := fyne.CurrentApp().Driver().CanvasForObject(cd.menu)
	if c == nil {
		return
	}
	m := widget.NewPopUpMenu(cd.actionsMenu(), c)
	// Its right edge inside the button's by the inner padding, so that it
	// stands clear of the window's edge (with its shadow): placed at the
	// button's left, Fyne pushes it against the edge.
	m.ShowAtRelativePosition(fyne.NewPos(cd.menu.Size().Width-m.MinSize().Width-theme.InnerPadding(), cd.menu.Size().Height), cd.menu)
	c.Focus(m)
}

// actionsMenu is the row's menu: the details' buttons, in their order,
// enabled as they are.
func (cd *card) actionsMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	for _, b := range cd.buttons() {
		if b == cd.copyToken && cd.facts.noCopy {
			continue
		}
		item := fyne.NewMenuItem(b.Text, b.OnTapped)
		item.Icon = b.Icon
		item.Disabled = b.Disabled()
		items = append(items, item)
	}
	return fyne.NewMenu("", items...)
}

// zone is the Make zone of the API the account's identity came from.
func zone(c *account.Connected) string {
	if u, err := url.Parse(c.APIBase); err == nil && u.Host != "" {
		return sanitize.Text(u.Host)
	}
	return lang.L("unknown")
}

// organizations lists the account's organizations and their zones, as
// Make named them: "Organizations: Acme (eu1.make.com), …"; "" when Make
// listed none.
func organizations(c *account.Connected) string {
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
	return lang.L("Organizations: {{.List}}", vars{"List": strings.Join(orgs, ", ")})
}

// matches reports whether the account's row answers a filter: its name,
// email, zone, ID or organizations contain the words, in any case.
func (cd *card) matches(filter string) bool {
	filter = strings.ToLower(strings.TrimSpace(filter))
	if filter == "" {
		return true
	}
	c := cd.conn
	hay := []string{c.Name, c.Email, c.ID(), zone(c), explain.Label(c)}
	for _, o := range c.Organizations {
		hay = append(hay, o.Name)
	}
	return strings.Contains(strings.ToLower(strings.Join(hay, "\n")), filter)
}

// controls are the row's controls and the details' buttons, in the order
// Tab visits them.
func (cd *card) controls() []fyne.Focusable {
	return []fyne.Focusable{cd.expand, cd.menu, cd.reconnect, cd.copyToken, cd.makeDefault, cd.disconnect}
}

// buttons are the card's buttons that act on its account, in their order.
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
