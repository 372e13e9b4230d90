package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/words/explain"
)

// actionTimeout bounds a Disconnect or a token request.
const actionTimeout = time.Minute

// choice is one of a confirmation's answers besides Cancel.
type choice struct {
	label      string
	importance widget.Importance
	do         func()
}

// confirm asks before doing something that cannot be taken back. The safe
// answer, Cancel, has the keyboard, so an Enter pressed by habit does no
// harm.
func (w *Window) confirm(title, message string, choices ...choice) {
	d := dialog.NewCustomWithoutButtons(title, wrapped(message), w.win)
	cancel := newButton(lang.L("Cancel"), widget.MediumImportance, d.Hide)
	buttons := []fyne.CanvasObject{cancel}
	for _, c := range choices {
		buttons = append(buttons, newButton(c.label, c.importance, func() { d.Hide(); c.do() }))
	}
	d.SetButtons(buttons)
	w.showDialog(d, cancel)
}

// confirmDisconnect asks, then revokes the account's tokens at Make and
// removes it from this computer. A failed revocation is reported, but the
// account is removed all the same.
func (w *Window) confirmDisconnect(id string) {
	c := w.accounts.find(id)
	if c == nil {
		return
	}
	w.confirm(lang.L("Disconnect {{.Name}}?", vars{"Name": w.label(c)}),
		lang.L("Make Connect will ask Make to withdraw this computer's access to the account and then remove it from here. Tools that use it will stop working until you connect it again."),
		choice{lang.L("Disconnect"), widget.DangerImportance, func() { w.disconnect(c) }})
}

func (w *Window) disconnect(c *account.Connected) {
	w.notice.set(lang.L("Disconnecting {{.Name}}…", vars{"Name": w.label(c)}), nil)
	w.accounts.setBusy(c.ID(), true)
	sess := w.sess
	w.bridge.backgroundFor(actionTimeout, func(ctx context.Context) func() {
		d, err := sess.Disconnect(ctx, c.ID())
		return func() {
			w.accounts.setBusy(c.ID(), false)
			if w.attempt == nil { // the card and its buttons are going
				w.win.Canvas().Focus(w.panels.idle.primary(w.setup.problem, w.setup.fixable))
			}
			if err != nil {
				w.notice.set(lang.L("Could not remove {{.Name}}.", vars{"Name": w.label(c)}), err)
				w.showError(lang.L("Could not disconnect"), err)
				return
			}
			if d.WasDefault {
				w.applyConfig() // the saved default was cleared: the window's own change
			}
			words := explain.Disconnected(d, explain.Window.Among(w.sess.View().Conns()), w.bridge.clock.Now())
			w.notice.set(strings.Join(words, " "), d.RevokeErr)
			if d.RevokeErr != nil {
				w.showErrorMessage(lang.L("Removed, but not revoked"), strings.Join(words, " ")+" "+plainWords(d.RevokeErr), d.RevokeErr)
			}
		}
	})
}
