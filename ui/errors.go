package ui

import (
	"context"
	"errors"
	"net"
	"net/url"
	"regexp"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/accounts"
	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/keychain"
)

// plainWords says what went wrong in words a person who is not a
// developer can act on. The error's own text is the technical detail.
func plainWords(err error) string {
	var tokenErr *auth.TokenError
	var authorizeErr *auth.AuthorizeError
	var urlErr *url.Error
	var netErr net.Error
	switch {
	case errors.Is(err, auth.ErrNoClientID):
		return "No client ID is set. Open Settings and enter the client ID Make gave you for this app."
	case errors.Is(err, auth.ErrDeclined):
		return "You pressed Deny in the browser, so nothing was connected."
	case errors.Is(err, auth.ErrCancelled):
		return "Connecting was cancelled."
	case errors.Is(err, auth.ErrTimedOut):
		return "The sign-in in your browser did not finish in time. Press Connect to try again."
	case errors.Is(err, auth.ErrPortInUse):
		return "Another program is using the address your browser comes back to. Close that program, or change the redirect URI in Settings."
	case errors.Is(err, auth.ErrIssuerMismatch):
		return "The answer came from a different server than the one asked, so it was refused to keep your account safe."
	case errors.Is(err, auth.ErrRefreshRefused):
		return "Make no longer renews this account's access. Press Reconnect to sign in again."
	case errors.Is(err, accounts.ErrExpired):
		return "This account's access has expired. Press Reconnect to sign in again."
	case errors.Is(err, keychain.ErrTimeout):
		return "The system keychain did not answer. It may be waiting for you to unlock it; unlock it and try again."
	case errors.Is(err, keychain.ErrUnavailable):
		return "This computer has no system keychain to keep your accounts in. The details say what to install."
	case errors.As(err, &authorizeErr), errors.As(err, &tokenErr):
		return "Make refused the sign-in. Try again; if it keeps happening, check the client ID and scopes in Settings."
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &urlErr), errors.As(err, &netErr):
		return "Make could not be reached. Check your internet connection and try again."
	}
	return "Something went wrong. The details below say what."
}

// secrets matches what must never be shown or copied: JWTs (access and id
// tokens) and the values of OAuth parameters that carry secrets.
var secrets = regexp.MustCompile(`eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_.-]*|(?i)\b(code|state|nonce|access_token|refresh_token|id_token|code_verifier|token)=[^&\s"']+`)

// redact removes anything token-like from an error's text. The app's
// errors never carry tokens; this is the second lock on the door.
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
	detail := redact(err.Error())
	text := wrapped(message)
	detailLabel := widget.NewLabelWithStyle(detail, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	detailLabel.Wrapping = fyne.TextWrapWord
	copyDetail := newButton("Copy details", widget.MediumImportance, func() {
		w.app.Clipboard().SetContent(detail)
	})
	details := widget.NewAccordion(widget.NewAccordionItem("Technical details",
		container.NewVBox(detailLabel, container.NewHBox(copyDetail))))
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(text, details), w.win)
	closeButton := newButton("Close", widget.HighImportance, d.Hide)
	d.SetButtons([]fyne.CanvasObject{closeButton})
	w.showDialog(d, closeButton)
}

// showDialog shows d and gives the keyboard to focus, so Enter or Space
// answers it at once.
func (w *Window) showDialog(d dialog.Dialog, focus fyne.Focusable) {
	d.Resize(fyne.NewSize(min(480, w.win.Canvas().Size().Width-16), 0))
	d.Show()
	w.win.Canvas().Focus(focus)
}
