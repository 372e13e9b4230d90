package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/accounts"
	"github.com/make-connect/make-connect/auth"
)

// showAccounts replaces the account list with a card for each account.
func (w *Window) showAccounts(conns []*auth.Connection) {
	w.accounts.RemoveAll()
	if len(conns) == 0 {
		w.accounts.Add(widget.NewLabel("No account is connected yet."))
		return
	}
	now := w.now()
	for _, c := range conns {
		w.accounts.Add(accountCard(c, now))
	}
}

// accountCard shows who is connected, when the token expires and what it
// allows.
func accountCard(c *auth.Connection, now time.Time) fyne.CanvasObject {
	details := widget.NewLabel(accountDetails(c, accounts.StateAt(c, now), accounts.DescribeExpiry(c, now)))
	details.Wrapping = fyne.TextWrapWord
	return widget.NewCard(c.Label(), "Account "+c.ID(), details)
}

// accountDetails is the text of an account's card.
func accountDetails(c *auth.Connection, state accounts.State, expiry string) string {
	var b strings.Builder
	b.WriteString("Expires: " + expiry + " — " + state.String() + "\n")
	b.WriteString("Scopes: " + strings.Join(c.Scopes, ", "))
	if !c.ScopesConfirmed {
		b.WriteString(" (as requested; not confirmed by the server)")
	}
	if c.IdentityNote != "" {
		b.WriteString("\n" + c.IdentityNote)
	}
	b.WriteString("\nServer: " + c.Issuer)
	return b.String()
}
