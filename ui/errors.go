package ui

import (
	"errors"
	"regexp"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/platform/sanitize"
	"github.com/make-connect/make-connect/internal/words/explain"
)

// plainWords says what went wrong in words a person who is not a
// developer can act on, naming the window's buttons: explain.Plain, which
// the command line uses too. The error's own text is the technical detail.
// Server text it quotes is made safe to show.
func plainWords(err error) string { return sanitize.Text(explain.Plain(err, explain.Window)) }

// label is how an account is named on screen: by its name and email
// (Make's text, made safe to show), and its sign-in server when another
// account listed has the same name or email (explain.LabelAmong).
func (w *Window) label(c *account.Connected) string {
	return explain.Window.Among(w.sess.View().Conns()).Name(c)
}

// secrets matches what must never be shown or copied: JWTs (access and id
// tokens) and the values of OAuth parameters that carry secrets.
var secrets = regexp.MustCompile(`eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_.-]*|(?i)\b(code|state|nonce|access_token|refresh_token|id_token|code_verifier|token)=[^&\s"']+`)

// redact removes anything token-like from a text: an error's, or the
// diagnostics. The app's errors and log never carry tokens; this is the
// second lock on the door.
func redact(s string) string {
	return secrets.ReplaceAllStringFunc(s, func(m string) string {
		if name, _, found := strings.Cut(m, "="); found && !strings.HasPrefix(m, "eyJ") {
			return name + "=[hidden]"
		}
		return "[hidden]"
	})
}

// showError shows what failed in plain words, with the technical detail
// one click away and a button that copies it.
func (w *Window) showError(title string, err error) {
	w.showErrorMessage(title, plainWords(err), err)
}

// showErrorMessage is showError with the plain words given.
func (w *Window) showErrorMessage(title, message string, err error) {
	detail := sanitize.Text(redact(err.Error()))
	text := wrapped(message)
	detailLabel := widget.NewLabelWithStyle(detail, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	detailLabel.Wrapping = fyne.TextWrapWord
	copyDetail := newButton(lang.L("Copy details"), widget.MediumImportance, func() {
		w.app.Clipboard().SetContent(detail)
	})
	details := widget.NewAccordion(widget.NewAccordionItem(lang.L("Technical details"), detailLabel))
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(text, details), w.win)
	closeButton := newButton(lang.L("Close"), widget.HighImportance, d.Hide)
	// Copy details sits with the dialog's other buttons, not alone on the
	// left under the details: it copies them whether they are open or not.
	buttons := []fyne.CanvasObject{copyDetail, closeButton}
	if inSettings(err) {
		closeButton.Importance = widget.MediumImportance
		buttons = append(buttons, newButton(lang.L("Open Settings"), widget.HighImportance, func() { d.Hide(); w.openSettings() }))
	}
	d.SetButtons(buttons)
	w.showDialog(d, closeButton)
}

// inSettings reports whether err is about a setting the person changes in
// Settings: one saved there, or left at its default (the redirect port
// that cannot be opened, say). A setting the environment decides is
// changed there; the message says so.
func inSettings(err error) bool {
	var se *config.SettingError
	return errors.As(err, &se) && slices.Contains(config.Saveable, se.Env) &&
		(se.Source == config.FromSaved || se.Source == config.FromDefault || se.Source == config.FromBuiltIn)
}

// showDialog shows d and gives the keyboard to focus, so Enter or Space
// answers it at once.
func (w *Window) showDialog(d dialog.Dialog, focus fyne.Focusable) {
	d.Resize(fyne.NewSize(min(480, w.win.Canvas().Size().Width-16), 0))
	d.SetOnClosed(closeOnEscape(w.win.Canvas(), d.Hide))
	d.Show()
	w.win.Canvas().Focus(focus)
}
