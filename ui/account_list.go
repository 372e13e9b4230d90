package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/session"
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
}

func newAccountList(s *session.Session, actions cardActions) *accountList {
	l := &accountList{sess: s, actions: actions, box: container.NewVBox(), busy: map[string]bool{}}
	l.scroll = container.NewVScroll(l.box)
	l.checkButton = newButton("Check with Make", widget.LowImportance, s.CheckAll)
	l.checkButton.Icon = theme.SearchIcon()
	l.checkButton.Hide()
	return l
}

// show brings the list up to date with the session's view. It reports
// whether the accounts listed changed.
func (l *accountList) show(v session.View) (changed bool) {
	l.view = v
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
	if relayout {
		l.box.Refresh()
	}
	if changed {
		l.keepInView()
	}
	return changed
}

// facts are what a card shows of a that only a new card changes.
func (l *accountList) facts(a session.Account) cardFacts {
	return cardFacts{isDefault: a.Default, zone: l.zone, noCopy: l.noCopy}
}

func (l *accountList) newCard(a session.Account) *card {
	return newCard(a.Conn, l.facts(a), l.actions)
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

// conns are the accounts shown.
func (l *accountList) conns() []*auth.Connection {
	conns := make([]*auth.Connection, len(l.cards))
	for i, cd := range l.cards {
		conns[i] = cd.conn
	}
	return conns
}

// len is the number of accounts shown.
func (l *accountList) len() int { return len(l.cards) }

func (l *accountList) index(id string) int {
	return slices.IndexFunc(l.cards, func(cd *card) bool { return cd.conn.ID() == id })
}

// find returns the shown account with the ID, or nil.
func (l *accountList) find(id string) *auth.Connection {
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
