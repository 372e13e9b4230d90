package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/words/explain"
)

// whatItDoes is what the app does, in a sentence: the idle panel and About.
func whatItDoes() string {
	return lang.L("Make Connect signs this computer in to your Make account, so the tools you use here can work with Make for you.")
}

// needsClientID is what the idle panel says while no client ID is set.
func needsClientID() string {
	return lang.L("Before it can connect, Make Connect needs the client ID that Make gave your organization for this app. Open Settings and enter it.")
}

// The idle panel says what the app does and offers to connect; when the
// configuration stops connecting (no client ID, a bad setting) it says so
// and leads to Settings instead.
//
// idlePanel is given what its buttons do, and the state it shows as
// arguments: it reads nothing of the window's.
type idlePanel struct {
	box          *fyne.Container
	text         *widget.Label
	connect      *button
	openSettings *button
}

func newIdlePanel(connect, openSettings func()) idlePanel {
	p := idlePanel{text: wrapped(whatItDoes())}
	p.connect = newButton(lang.L("Connect to Make"), widget.HighImportance, connect)
	p.openSettings = newButton(lang.L("Open Settings"), widget.HighImportance, openSettings)
	p.box = container.NewVBox(p.text, newWrapRow(p.connect, p.openSettings))
	return p
}

// update fits the panel to what stops connecting (nil: nothing; fixable:
// the Settings dialog can change it, app.InSettings) and the number of
// accounts shown. What Settings cannot change — a settings file that
// cannot be read, the environment, the organization's policy — is said
// with what to do instead, and no button leads to Settings.
func (p idlePanel) update(problem error, fixable bool, accounts int) {
	switch {
	case errors.Is(problem, auth.ErrNoClientID) && fixable:
		p.text.SetText(needsClientID())
	case problem != nil && fixable:
		p.text.SetText(lang.L("A setting stops Make Connect from connecting. {{.Problem}} Open Settings to change it.", vars{"Problem": explain.Plain(problem, explain.Window)}))
	case problem != nil:
		p.text.SetText(explain.Plain(problem, explain.Window))
	case accounts > 0:
		p.text.SetText(lang.L("Connect another Make account, or reconnect one below when its access runs out."))
	default:
		p.text.SetText(whatItDoes())
	}
	show(p.connect, problem == nil)
	show(p.openSettings, problem != nil && fixable)
	if accounts > 0 {
		p.connect.SetText(lang.L("Connect another account"))
		p.connect.Importance = widget.MediumImportance
	} else {
		p.connect.SetText(lang.L("Connect to Make"))
		p.connect.Importance = widget.HighImportance
	}
	// The text and the button's label change size: lay the panel out
	// again, or the button keeps its old width and its label spills.
	p.box.Refresh()
}

// primary is the control Enter should press when the panel shows, given
// what stops connecting.
func (p idlePanel) primary(problem error, fixable bool) fyne.Focusable {
	switch {
	case problem == nil:
		return p.connect
	case fixable:
		return p.openSettings
	}
	return nil
}
