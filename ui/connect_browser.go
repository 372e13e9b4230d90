package ui

import (
	"net/url"
	"strings"

	"github.com/make-connect/make-connect/sanitize"
)

// openBrowser gives the browser a new single-use launch link
// (Attempt.LaunchURL): a browser's command line is readable by every user
// of this computer, and a link that works once is no use to them. The
// link is never written to a log or shown; a failure is, without it.
func (w *Window) openBrowser() {
	c := w.attempt
	if c == nil || c.attempt == nil {
		return
	}
	link := c.attempt.LaunchURL()
	u, err := url.Parse(link)
	if err != nil {
		return
	}
	open := w.opts.OpenURL
	w.bridge.background(func() func() {
		err := open(u)
		if err == nil {
			return nil
		}
		why := sanitize.Text(redact(strings.ReplaceAll(err.Error(), link, "the sign-in link")))
		return func() {
			if w.attempt == c {
				w.panels.wait.launchFailed(why)
				w.win.Canvas().Focus(w.panels.wait.copyLink)
			}
		}
	})
}

// copyLink puts the sign-in page's address on the clipboard, for another
// browser or another computer: unlike a launch link it works more than
// once.
func (w *Window) copyLink() {
	if c := w.attempt; c != nil && c.attempt != nil {
		w.app.Clipboard().SetContent(c.attempt.AuthURL())
		w.panels.wait.setHint("Link copied. Paste it into a browser's address bar, on this computer or another, and approve there.")
	}
}
