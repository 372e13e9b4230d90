package ui

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/make-connect/make-connect/auth"
)

// accountList is the list of accounts under the panel: the connections
// and their cards, the one countdown timer, the refresh schedule and the
// notifier. The window hands it the accounts it read and the service to
// renew them with; from then on the list keeps itself up to date with the
// clock, and a refresh's result touches the card of its own account only.
type accountList struct {
	bridge    *bridge
	actions   cardActions
	box       *fyne.Container
	svc       Service                  // what refreshes run on
	cards     []*card                  // in the order the service listed them, as in box
	refreshes map[string]*refreshState // by account ID
	timer     timer
	notifier  notifier
}

func newAccountList(b *bridge, prefs fyne.Preferences, actions cardActions) *accountList {
	l := &accountList{bridge: b, actions: actions, box: container.NewVBox(), refreshes: map[string]*refreshState{}}
	l.timer = timer{bridge: b, fire: l.tick}
	l.notifier = notifier{prefs: prefs, send: b.notify}
	return l
}

// use makes svc the service refreshes run on, when the settings change.
// The schedule starts again: a refresh still running on the old service
// is dropped when it ends, and must not keep its account waiting for it.
func (l *accountList) use(svc Service) {
	l.svc = svc
	l.refreshes = map[string]*refreshState{}
}

// show replaces the whole list with conns, as the keychain holds them,
// and brings it up to date.
func (l *accountList) show(conns []*auth.Connection) {
	l.cards = l.cards[:0]
	l.box.RemoveAll()
	for _, c := range conns {
		cd := newCard(c, l.actions)
		l.cards = append(l.cards, cd)
		l.box.Add(cd.box)
	}
	l.notifier.forgetAllBut(conns)
	l.tick()
}

// replace shows n, a newer connection of a listed account, in a new card
// in its old card's place; the other cards stay as they are.
func (l *accountList) replace(n *auth.Connection) {
	i := l.index(n.ID())
	if i < 0 {
		return
	}
	cd := newCard(n, l.actions)
	l.cards[i] = cd
	l.box.Objects[i] = cd.box
	l.box.Refresh()
	l.notifier.forgetAllBut(l.conns())
}

// len is the number of accounts shown.
func (l *accountList) len() int { return len(l.cards) }

// conns are the accounts shown.
func (l *accountList) conns() []*auth.Connection {
	conns := make([]*auth.Connection, len(l.cards))
	for i, cd := range l.cards {
		conns[i] = cd.conn
	}
	return conns
}

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

// busy disables an account's buttons while something runs for it.
func (l *accountList) busy(id string, busy bool) {
	i := l.index(id)
	if i < 0 {
		return
	}
	cd := l.cards[i]
	for _, b := range []*button{cd.reconnect, cd.copyToken, cd.disconnect} {
		enable(b, !busy)
	}
	if !busy {
		cd.update(l.bridge.clock.Now(), l.refreshOf(cd.conn)) // Copy access token stays disabled for an expired account
	}
}

// tokenKey names one token of one account without holding any of it: the
// account ID and the token's expiry.
func tokenKey(c *auth.Connection) string {
	return c.ID() + "/" + fmt.Sprint(c.ExpiresAt.UnixNano())
}
