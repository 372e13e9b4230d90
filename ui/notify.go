package ui

import (
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"github.com/make-connect/make-connect/accounts"
	"github.com/make-connect/make-connect/auth"
)

// notifier sends a desktop notification when an account's token is about
// to expire and when it has expired: once each per account and token,
// remembered in the preferences so that opening the window again does not
// repeat them. The account's name and email are Make's text, made safe. When each is due is accounts.NoticeDue's rule.
type notifier struct {
	prefs fyne.Preferences
	send  func(*fyne.Notification)
}

// notification kinds, as kept in the preferences.
const (
	kindSoon    = "soon"
	kindExpired = "expired"
)

// check sends the notification c's state calls for (accounts.NoticeDue),
// if not sent before.
func (n notifier) check(c *auth.Connection, now time.Time) {
	switch accounts.NoticeDue(c, now) {
	case accounts.NoticeExpired:
		if n.once(c, kindExpired) {
			n.once(c, kindSoon) // too late for that one
			n.send(&fyne.Notification{
				Title:   "Make account expired",
				Content: label(c) + " can no longer be used by your tools. Open Make Connect and press Reconnect.",
			})
		}
	case accounts.NoticeExpiresSoon:
		if n.once(c, kindSoon) {
			n.send(&fyne.Notification{
				Title: "Make account expires soon",
				Content: label(c) + " stops working at " + accounts.FormatTime(c.ExpiresAt) +
					". Open Make Connect and press Reconnect to keep it working.",
			})
		}
	}
}

// once records that kind was sent for c's token; false if it was already.
func (n notifier) once(c *auth.Connection, kind string) bool {
	entry := tokenKey(c) + "/" + kind
	sent := n.prefs.StringList(prefNotified)
	if slices.Contains(sent, entry) {
		return false
	}
	n.prefs.SetStringList(prefNotified, append(sent, entry))
	return true
}

// forgetAllBut drops the records of tokens no longer shown, so the list
// stays as short as the list of accounts.
func (n notifier) forgetAllBut(conns []*auth.Connection) {
	sent := n.prefs.StringList(prefNotified)
	kept := slices.DeleteFunc(slices.Clone(sent), func(entry string) bool {
		return !slices.ContainsFunc(conns, func(c *auth.Connection) bool {
			return strings.HasPrefix(entry, tokenKey(c)+"/")
		})
	})
	if len(kept) != len(sent) {
		n.prefs.SetStringList(prefNotified, kept)
	}
}
