package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/auth"
)

// The idle panel says what the app does and offers to connect; when the
// configuration stops connecting (no client ID, a bad setting) it says so
// and leads to Settings instead.
const (
	whatItDoes    = "Make Connect signs this computer in to your Make account, so the tools you use here can work with Make for you."
	needsClientID = "Before it can connect, Make Connect needs the client ID that Make gave your organisation for this app. Open Settings and enter it."
)

type idlePanel struct {
	w            *Window
	box          *fyne.Container
	text         *widget.Label
	connect      *button
	openSettings *button
}

func newIdlePanel(w *Window) idlePanel {
	p := idlePanel{w: w, text: wrapped(whatItDoes)}
	p.connect = newButton("Connect to Make", widget.HighImportance, w.startConnect)
	p.openSettings = newButton("Open Settings", widget.HighImportance, w.openSettings)
	p.box = container.NewVBox(p.text, container.NewHBox(p.connect, p.openSettings))
	return p
}

// update fits the panel to the configuration and the number of accounts.
func (p idlePanel) update() {
	w := p.w
	switch {
	case errors.Is(w.problem, auth.ErrNoClientID):
		p.text.SetText(needsClientID)
	case w.problem != nil:
		p.text.SetText("A setting stops Make Connect from connecting: " + w.problem.Error() + ". Open Settings to change it.")
	case w.accounts.len() > 0:
		p.text.SetText("Connect another Make account, or reconnect one below when its access runs out.")
	default:
		p.text.SetText(whatItDoes)
	}
	show(p.connect, w.problem == nil)
	show(p.openSettings, w.problem != nil)
	if w.accounts.len() > 0 {
		p.connect.SetText("Connect another account")
		p.connect.Importance = widget.MediumImportance
	} else {
		p.connect.SetText("Connect to Make")
		p.connect.Importance = widget.HighImportance
	}
	p.connect.Refresh()
}

// primary is the control Enter should press when the panel shows.
func (p idlePanel) primary() fyne.Focusable {
	if p.w.problem != nil {
		return p.openSettings
	}
	return p.connect
}
