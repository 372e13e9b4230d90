package ui

import (
	"fyne.io/fyne/v2/lang"

	"github.com/make-connect/make-connect/internal/adapters/config"
)

// makeDefault makes the account the one tools use when they name none: it
// is saved with the settings (config.EnvAccount), in the file that
// "make-connect use" writes, so every command follows it.
func (w *Window) makeDefault(id string) {
	c := w.accounts.find(id)
	if c == nil {
		return
	}
	sess := w.sess
	w.bridge.background(func() func() {
		err := sess.MakeDefault(id)
		return func() {
			if err != nil {
				w.showError(lang.L("Could not make it the default"), err)
				return
			}
			w.applyConfig()
			msg := lang.L("{{.Name}} is now the default account: tools use it when they name no account.", vars{"Name": w.label(c)})
			if w.settings.overridden(config.EnvAccount) {
				msg += " " + lang.L("While {{.Variable}} is set in the environment, it picks the account instead.", vars{"Variable": config.EnvAccount})
			}
			w.notice.set(msg, nil)
		}
	})
}
