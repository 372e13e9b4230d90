package ui

import (
	"fmt"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/accounts"
	"github.com/make-connect/make-connect/auth"
)

// accountList is the list of accounts under the panel: the connections
// and their cards, the one countdown timer, the refresh schedule, Make's
// verdicts and the notifier. The window hands it the accounts it read and
// the service to renew them with; from then on the list keeps itself up
// to date with the clock, and a refresh's result touches the card of its
// own account only.
type accountList struct {
	bridge    *bridge
	actions   cardActions
	box       *fyne.Container
	scroll    *container.Scroll
	svc       Service                  // what refreshes and checks run on
	zone      string                   // the configured zone, for ZoneNote
	cards     []*card                  // in the order the service listed them, as in box
	defaultID string                   // the account tools use when they name none
	refreshes map[string]*refreshState // by account ID
	checks    map[string]*checkState   // by account ID
	limited   map[string]time.Time     // by account ID: hit the rate limit, rest until
	asked     bool                     // Make was asked once, after the first frame
	// checkButton asks Make about every account again; it is in the
	// window's header, shown while there are accounts.
	checkButton *button
	timer       timer
	notifier    notifier
}

func newAccountList(b *bridge, prefs fyne.Preferences, actions cardActions) *accountList {
	l := &accountList{bridge: b, actions: actions, box: container.NewVBox(), refreshes: map[string]*refreshState{},
		checks: map[string]*checkState{}, limited: map[string]time.Time{}}
	l.scroll = container.NewVScroll(l.box)
	l.checkButton = newButton("Check with Make", widget.LowImportance, l.checkAll)
	l.checkButton.Icon = theme.SearchIcon()
	l.checkButton.Hide()
	l.timer = timer{bridge: b, fire: l.tick}
	l.notifier = notifier{prefs: prefs, send: b.notify}
	return l
}

// use makes svc the service refreshes and checks run on, for the
// configured zone, when the settings change. The schedule starts again: a
// refresh still running on the old service is dropped when it ends, and
// must not keep its account waiting for it. Make's verdicts and rate
// limits are the tokens' and accounts', and stay.
func (l *accountList) use(svc Service, zone string) {
	l.svc, l.zone = svc, zone
	l.refreshes = map[string]*refreshState{}
}

// show replaces the whole list with conns, as the keychain holds them,
// and brings it up to date. The first time, it asks Make about them.
func (l *accountList) show(conns []*auth.Connection, defaultID string) {
	l.cards = l.cards[:0]
	l.box.RemoveAll()
	l.defaultID = defaultID
	for _, c := range conns {
		cd := l.newCard(c)
		l.cards = append(l.cards, cd)
		l.box.Add(cd.box)
	}
	l.notifier.forgetAllBut(conns)
	show(l.checkButton, len(conns) > 0)
	if !l.asked {
		l.asked = true // the accounts read after the first frame; a new one needs no asking
		l.checkAll()
	} else {
		l.tick()
	}
	l.keepInView()
}

func (l *accountList) newCard(c *auth.Connection) *card {
	return newCard(c, cardFacts{isDefault: c.ID() == l.defaultID, zoneNote: accounts.ZoneNote(c, l.zone)}, l.actions)
}

// replace shows n, a newer connection of a listed account, in a new card
// in its old card's place; the other cards stay as they are.
func (l *accountList) replace(n *auth.Connection) {
	i := l.index(n.ID())
	if i < 0 {
		return
	}
	cd := l.newCard(n)
	l.cards[i] = cd
	l.box.Objects[i] = cd.box
	l.box.Refresh()
	l.notifier.forgetAllBut(l.conns())
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
	for _, b := range cd.buttons() {
		enable(b, !busy)
	}
	if !busy {
		l.update(cd, l.bridge.clock.Now()) // Copy access token stays disabled for an expired account
	}
}

// update brings one card up to date at now.
func (l *accountList) update(cd *card, now time.Time) {
	cd.update(now, l.refreshOf(cd.conn), l.checkOf(cd.conn))
}

// tokenKey names one token of one account without holding any of it: the
// account ID and the token's expiry.
func tokenKey(c *auth.Connection) string {
	return c.ID() + "/" + fmt.Sprint(c.ExpiresAt.UnixNano())
}
