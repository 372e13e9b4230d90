package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/session"
	"github.com/make-connect/make-connect/internal/platform/sanitize"
)

// accountList is the list of accounts under the panel: a card for each
// account the session reports, in its order. It decides nothing: the
// session says which accounts there are, which is the default, and how
// each one's refreshes and checks are going; the list shows it. A card is
// built again only when its account's connection (a refresh), default
// mark or zone changes; otherwise only its changing texts are set.
type accountList struct {
	sess    *session.Session
	actions cardActions
	box     *fyne.Container
	scroll  *container.Scroll
	zone    string          // the configured zone, for the zone note
	noCopy  bool            // the policy disables copying tokens
	cards   []*card         // as the session listed them, as in box
	busy    map[string]bool // by account ID: an action runs for it
	view    session.View    // the view shown last
	// checkButton asks Make about every account again; it is in the
	// window's header, shown while there are accounts.
	checkButton *button
	// expanded: the accounts whose details the person opened (true) or
	// closed (false); the others follow expandAlone.
	expanded map[string]bool
	// filter narrows the rows to the accounts it matches; it shows once
	// there are more than filterFrom accounts. noMatch says none does.
	filter  *entry
	noMatch *widget.Label
	// pane is the list's part of the window: the filter above the rows.
	pane *fyne.Container
	// relayout lays the window out again: rows changed their height.
	relayout func()
	// keyboardDue is a row control that had the keyboard when it was
	// disabled: it gets it back when it is enabled (refocus).
	keyboardDue *control
	// openByDefault: with this many accounts, a row the person has not
	// opened or closed shows its details. Default expandAlone.
	openByDefault func(accounts int) bool
}

// filterFrom is how many accounts there must be before the list offers a
// filter: more than fit on one screen's worth of rows at a glance.
const filterFrom = 5

func newAccountList(s *session.Session, actions cardActions) *accountList {
	l := &accountList{sess: s, actions: actions, box: container.New(layout.NewCustomPaddedVBoxLayout(0)), busy: map[string]bool{},
		expanded: map[string]bool{}, filter: newEntry(false), noMatch: wrapped(""), relayout: func() {}, openByDefault: expandAlone}
	l.filter.SetPlaceHolder(lang.L("Filter accounts by name, email, zone or organization"))
	l.filter.OnChanged = func(string) { l.applyFilter() }
	l.filter.Hide()
	l.noMatch.Hide()
	l.scroll = container.NewVScroll(container.NewVBox(l.box, l.noMatch))
	scrolls[l.scroll] = true
	// The filter first in the tree, so Tab reaches it before the rows
	// below it (container.NewBorder would put it after them).
	l.pane = container.New(layout.NewBorderLayout(l.filter, nil, nil, nil), l.filter, l.scroll)
	l.checkButton = newButton(lang.L("Check with Make"), widget.LowImportance, s.CheckAll)
	l.checkButton.Icon = theme.SearchIcon()
	l.checkButton.Hide()
	return l
}

// show brings the list up to date with the session's view. It reports
// whether the accounts listed changed.
func (l *accountList) show(v session.View) (changed bool) {
	l.view = v
	kept := l.focusedControl()
	ids := func(n int, id func(int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = id(i)
		}
		return out
	}
	was := ids(len(l.cards), func(i int) string { return l.cards[i].conn.ID() })
	now := ids(len(v.Accounts), func(i int) string { return v.Accounts[i].Conn.ID() })
	changed = !slices.Equal(was, now)
	if changed {
		l.cards = l.cards[:0]
		l.box.RemoveAll()
		for _, a := range v.Accounts {
			cd := l.newCard(a)
			l.cards = append(l.cards, cd)
			l.box.Add(cd.box)
		}
	}
	relayout := changed
	for i, a := range v.Accounts {
		if cd := l.cards[i]; cd.conn != a.Conn || cd.facts != l.facts(a) {
			l.cards[i] = l.newCard(a)
			l.box.Objects[i] = l.cards[i].box
			relayout = true
		}
		if l.cards[i].update(v.Now, a, l.busy[a.Conn.ID()]) {
			relayout = true
		}
	}
	show(l.checkButton, len(v.Accounts) > 0)
	show(l.filter, len(v.Accounts) > filterFrom)
	if !l.filter.Visible() && l.filter.Text != "" {
		l.filter.SetText("") // a filter no one sees would hide accounts
	}
	if changed {
		l.applyFilter()
	}
	if relayout {
		l.box.Refresh()
		l.relayout()
	}
	if changed {
		l.keepInView()
	}
	l.refocus(kept)
	return changed
}

// control is a control of a row, by account and its place in the row.
type control struct {
	id    string
	index int            // in card.controls
	had   fyne.Focusable // the control that had the keyboard
}

// focusedControl is the row control that has the keyboard, if one does.
func (l *accountList) focusedControl() *control {
	c := fyne.CurrentApp().Driver().CanvasForObject(l.pane)
	if c == nil || c.Focused() == nil {
		return nil
	}
	for _, cd := range l.cards {
		if i := slices.Index(cd.controls(), c.Focused()); i >= 0 {
			return &control{id: cd.conn.ID(), index: i, had: c.Focused()}
		}
	}
	return nil
}

// refocus gives the keyboard back to a row's control after its row was
// built again (a refresh, a new read of the keychain) or its buttons were
// disabled while an action ran: the control that had it is gone, or is
// one Tab cannot start from (Fyne's Tab goes from a disabled control to
// the window's first). A control still disabled gets it once it is
// enabled, at a later show.
func (l *accountList) refocus(was *control) {
	c := fyne.CurrentApp().Driver().CanvasForObject(l.pane)
	if was == nil && c != nil && l.keyboardDue != nil && c.Focused() == l.keyboardDue.had {
		was = l.keyboardDue // nobody moved the keyboard since
	}
	i := -1
	if was != nil {
		i = l.index(was.id)
	}
	if c == nil || i < 0 {
		l.keyboardDue = nil
		return
	}
	to := l.cards[i].controls()[was.index]
	if d, ok := to.(fyne.Disableable); ok && d.Disabled() {
		l.keyboardDue = &control{id: was.id, index: was.index, had: c.Focused()}
		return
	}
	l.keyboardDue = nil
	if c.Focused() != to {
		c.Focus(to)
	}
}

// facts are what a card shows of a that only a new card changes.
func (l *accountList) facts(a session.Account) cardFacts {
	return cardFacts{isDefault: a.Default, zone: l.zone, noCopy: l.noCopy, namesake: account.ServerTellsApart(a.Conn, l.view.Conns())}
}

func (l *accountList) newCard(a session.Account) *card {
	id := a.Conn.ID()
	open, chosen := l.expanded[id]
	if !chosen {
		open = l.openByDefault(len(l.view.Accounts))
	}
	cd := newCard(a.Conn, l.facts(a), l.actions, open)
	cd.onToggle = func(on bool) {
		l.expanded[id] = on
		l.box.Refresh()
		l.relayout()
	}
	return cd
}

// expandAlone: with this many accounts, a row the person has not opened
// or closed shows its details — a lone account has the room.
func expandAlone(accounts int) bool { return accounts == 1 }

// applyFilter shows the rows that match the filter, and says so when none
// does.
func (l *accountList) applyFilter() {
	shown := 0
	for _, cd := range l.cards {
		match := cd.matches(l.filter.Text)
		show(cd.box, match)
		if match {
			shown++
		}
	}
	if shown == 0 && len(l.cards) > 0 {
		l.noMatch.SetText(lang.L("No account matches “{{.Filter}}”.", vars{"Filter": sanitize.Text(l.filter.Text)}))
	}
	show(l.noMatch, shown == 0 && len(l.cards) > 0)
	l.box.Refresh()
	l.relayout()
}

// keepInView scrolls the list so that no card is cut at the top: to the
// top when every card fits, else to the top of the card the view starts
// in. A list that got shorter would otherwise keep its old offset.
func (l *accountList) keepInView() {
	l.scroll.Refresh()
	top := l.scroll.Offset.Y
	if l.box.MinSize().Height <= l.scroll.Size().Height {
		top = 0
	}
	for _, o := range l.box.Objects {
		if o.Position().Y+o.Size().Height > top {
			top = min(top, o.Position().Y)
			break
		}
	}
	if top != l.scroll.Offset.Y {
		l.scroll.ScrollToOffset(fyne.NewPos(0, top))
	}
}

// len is the number of accounts shown.
func (l *accountList) len() int { return len(l.cards) }

func (l *accountList) index(id string) int {
	return slices.IndexFunc(l.cards, func(cd *card) bool { return cd.conn.ID() == id })
}

// find returns the shown account with the ID, or nil.
func (l *accountList) find(id string) *account.Connected {
	if i := l.index(id); i >= 0 {
		return l.cards[i].conn
	}
	return nil
}

// setBusy disables an account's buttons while something runs for it.
func (l *accountList) setBusy(id string, busy bool) {
	if busy {
		l.busy[id] = true
	} else {
		delete(l.busy, id)
	}
	l.show(l.view)
}
