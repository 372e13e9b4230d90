package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/accounts"
	"github.com/make-connect/make-connect/auth"
)

// actionTimeout bounds a Disconnect or a token request.
const actionTimeout = time.Minute

// confirm asks before doing something that cannot be taken back. The safe
// answer has the keyboard, so an Enter pressed by habit does no harm.
func (w *Window) confirm(title, message, action string, importance widget.Importance, do func()) {
	d := dialog.NewCustomWithoutButtons(title, wrapped(message), w.win)
	cancel := newButton("Cancel", widget.MediumImportance, d.Hide)
	ok := newButton(action, importance, func() { d.Hide(); do() })
	d.SetButtons([]fyne.CanvasObject{cancel, ok})
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
	w.confirm("Disconnect "+c.Label()+"?",
		"Make Connect will ask Make to withdraw this computer's access to the account and then remove it from here. Tools that use it will stop working until you connect it again.",
		"Disconnect", widget.DangerImportance, func() { w.disconnect(c) })
}

func (w *Window) disconnect(c *auth.Connection) {
	w.notice.set("Disconnecting "+c.Label()+"…", nil)
	w.accounts.busy(c.ID(), true)
	svc := w.setup.svc
	w.bridge.background(func() func() {
		ctx, cancel := context.WithTimeout(context.Background(), actionTimeout)
		defer cancel()
		_, revokeErr, err := svc.Disconnect(ctx, c.ID())
		return func() {
			if w.attempt == nil { // the card and its buttons are going
				w.win.Canvas().Focus(w.idle.primary(w.setup.problem))
			}
			switch {
			case err != nil:
				w.notice.set("Could not remove "+c.Label()+".", err)
				w.showError("Could not disconnect", err)
			case revokeErr != nil:
				w.notice.set("Removed "+c.Label()+" from this computer, but Make could not be told to withdraw its access.", revokeErr)
				until := accounts.DescribeExpiry(c, w.bridge.clock.Now()) // not a time when Make did not say
				w.showErrorMessage("Removed, but not revoked",
					c.Label()+" was removed from this computer. Make could not be told to withdraw its access, so its last token keeps working until it runs out: "+until+". "+plainWords(revokeErr),
					revokeErr)
			default:
				w.notice.set("Disconnected "+c.Label()+".", nil)
			}
			w.reload()
		}
	})
}

// confirmCopyToken asks, then puts the account's access token on the
// clipboard. The service refuses an expired token.
func (w *Window) confirmCopyToken(id string) {
	c := w.accounts.find(id)
	if c == nil {
		return
	}
	w.confirm("Copy the access token of "+c.Label()+"?",
		"Anyone who has this token can use Make as "+c.Label()+" until it expires. Paste it only into a tool you trust; it stays on the clipboard until you copy something else.",
		"Copy token", widget.HighImportance, func() { w.copyToken(c) })
}

func (w *Window) copyToken(c *auth.Connection) {
	w.accounts.busy(c.ID(), true)
	svc := w.setup.svc
	w.bridge.background(func() func() {
		ctx, cancel := context.WithTimeout(context.Background(), actionTimeout)
		defer cancel()
		current, err := svc.Token(ctx, c.ID(), 0)
		return func() {
			w.accounts.busy(c.ID(), false)
			if err != nil {
				w.showError("Could not copy the access token", err)
				w.reload()
				return
			}
			w.app.Clipboard().SetContent(current.AccessToken)
			w.notice.set("The access token of "+c.Label()+" is on the clipboard.", nil)
			w.reload() // Token may have renewed it
		}
	})
}
