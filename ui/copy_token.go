package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/accounts"
)

// clipboardLife is how long a copied access token stays on the clipboard:
// long enough to paste it, short enough that it is not pasted by mistake
// hours later.
const clipboardLife = 60 * time.Second

// confirmCopyToken asks, then puts the account's access token on the
// clipboard, alone or in a ready curl command. The service refuses an
// expired token.
func (w *Window) confirmCopyToken(id string) {
	c := w.accounts.find(id)
	if c == nil {
		return
	}
	who := vars{"Name": w.label(c)}
	w.confirm(lang.L("Copy the access token of {{.Name}}?", who),
		lang.L("Anyone who has this token can use Make as {{.Name}} until it expires. Paste it only into a tool you trust. "+
			"It is cleared from the clipboard after 60 s or when you close Make Connect, unless you copy something else first.", who),
		choice{lang.L("Copy as curl command"), widget.MediumImportance, func() { w.copyToken(c, true) }},
		choice{lang.L("Copy token"), widget.HighImportance, func() { w.copyToken(c, false) }})
}

func (w *Window) copyToken(c *account.Connected, asCurl bool) {
	if w.setup.cfg.Policy.DisableTokenCopy { // set while the question was open
		w.notice.set(lang.L("Your organization's policy does not let the window copy access tokens."), nil)
		return
	}
	w.accounts.setBusy(c.ID(), true)
	sess := w.sess
	w.bridge.backgroundFor(actionTimeout, func(ctx context.Context) func() {
		current, err := sess.Token(ctx, c.ID(), 0) // reads the accounts again after
		return func() {
			w.accounts.setBusy(c.ID(), false)
			if err != nil {
				w.showError(lang.L("Could not copy the access token"), err)
				return
			}
			who := vars{"Name": w.label(c)}
			content := current.AccessToken
			copied := lang.L("The access token of {{.Name}} is on the clipboard; it will be cleared in 60 s.", who)
			cleared := lang.L("The access token of {{.Name}} was cleared from the clipboard.", who)
			if asCurl {
				if content, err = accounts.CurlCommand(current); err != nil {
					w.showError(lang.L("Could not make a curl command"), err)
					return
				}
				copied = lang.L("A curl command with the access token of {{.Name}} is on the clipboard; it will be cleared in 60 s.", who)
				cleared = lang.L("A curl command with the access token of {{.Name}} was cleared from the clipboard.", who)
			}
			w.copySecret(content, copied, cleared)
		}
	})
}

// copySecret puts secret on the clipboard, says so (copied), and clears it
// after clipboardLife, or when the window closes, if the clipboard still
// holds it; the notice then says cleared, if it still says copied.
func (w *Window) copySecret(secret, copied, cleared string) {
	sum := w.putSecret(secret)
	w.notice.set(copied, nil)
	w.bridge.after(clipboardLife, func() {
		if !w.takeBack(sum) {
			return
		}
		if w.notice.text.Text == copied {
			w.notice.set(cleared, nil)
		}
	})
}
