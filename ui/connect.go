package ui

import (
	"context"
	"errors"
	"net/url"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/explain"
)

// connecting is one connect attempt as the window sees it. A result that
// arrives for an attempt that is no longer w.attempt (it was cancelled) is
// dropped.
type connecting struct {
	cancel  context.CancelFunc // stops Begin and Wait
	attempt Attempt            // nil until Begin has returned
	pasting bool
}

// startConnect begins an attempt off the UI goroutine: discovery and the
// loopback listener can take a while.
func (w *Window) startConnect() {
	if w.attempt != nil || w.setup.problem != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	c := &connecting{cancel: cancel}
	w.attempt = c
	w.notice.set("", nil)
	w.wait.starting()
	w.showPanel(w.wait.box, w.wait.cancel)
	svc := w.setup.svc
	w.bridge.background(func() func() {
		a, err := svc.Begin(ctx)
		return func() { w.begun(ctx, c, a, err) }
	})
}

// begun opens the browser and waits for the attempt's result.
func (w *Window) begun(ctx context.Context, c *connecting, a Attempt, err error) {
	if w.attempt != c {
		if a != nil {
			w.bridge.background(func() func() { a.Close(); return nil })
		}
		return
	}
	if err != nil {
		w.endAttempt()
		w.showError("Could not start connecting", err)
		return
	}
	c.attempt = a
	w.wait.waiting()
	w.openBrowser()
	w.bridge.background(func() func() {
		conn, err := a.Wait(ctx)
		return func() { w.finished(c, conn, err) }
	})
}

// openBrowser sends the person to the authorize URL. The URL is never
// written to a log: the app has none, and errors here do not carry it.
func (w *Window) openBrowser() {
	c := w.attempt
	if c == nil || c.attempt == nil {
		return
	}
	u, err := url.Parse(c.attempt.AuthURL())
	if err != nil {
		return
	}
	open := w.opts.OpenURL
	w.bridge.background(func() func() {
		if err := open(u); err != nil {
			return func() {
				if w.attempt == c {
					w.wait.setHint("Your browser could not be opened. Press Copy link and paste the link into your browser's address bar.")
				}
			}
		}
		return nil
	})
}

// copyLink puts the authorize URL on the clipboard.
func (w *Window) copyLink() {
	if c := w.attempt; c != nil && c.attempt != nil {
		w.app.Clipboard().SetContent(c.attempt.AuthURL())
		w.wait.setHint("Link copied. Paste it into your browser's address bar and approve there.")
	}
}

// paste completes the attempt from the address the browser ended on. The
// code exchange runs inside Paste, so off the UI goroutine.
func (w *Window) paste() {
	c := w.attempt
	address := w.wait.address()
	if c == nil || c.attempt == nil || c.pasting || address == "" {
		return
	}
	c.pasting = true
	w.wait.pasting(true)
	a := c.attempt
	w.bridge.background(func() func() {
		err := a.Paste(address)
		return func() {
			if w.attempt != c {
				return
			}
			c.pasting = false
			w.wait.pasting(false)
			if err != nil {
				w.wait.pasteFailed(err)
			}
		}
	})
}

// cancelConnect ends the attempt at once: the window is idle again right
// away, and closing the attempt (which stops a running exchange and frees
// the port) happens in the background.
func (w *Window) cancelConnect() {
	c := w.attempt
	if c == nil {
		return
	}
	w.endAttempt()
	w.notice.set(plainWords(auth.ErrCancelled), nil)
	svc := w.setup.svc
	w.bridge.background(func() func() {
		if c.attempt != nil {
			c.attempt.Close()
		}
		// An exchange that finished just before Cancel may have stored
		// the account: show what the keychain holds.
		conns, skipped, err := svc.List()
		return func() {
			if svc == w.setup.svc {
				w.setAccounts(conns, skipped, err)
			}
		}
	})
}

// endAttempt forgets the attempt and shows the idle panel.
func (w *Window) endAttempt() {
	if c := w.attempt; c != nil {
		c.cancel()
	}
	w.attempt = nil
	w.wait.stop()
	w.updateIdle()
	w.showPanel(w.idle.box, w.idle.primary(w.setup.problem))
}

// finished shows the attempt's result.
func (w *Window) finished(c *connecting, conn *auth.Connection, err error) {
	if w.attempt != c {
		return
	}
	w.endAttempt()
	switch {
	case err == nil:
		w.notice.set("Connected "+conn.Label()+".", nil)
		w.reload()
	case errors.Is(err, auth.ErrDeclined), errors.Is(err, auth.ErrCancelled), errors.Is(err, auth.ErrTimedOut):
		// What the person did, or did not do: a notice says so, no dialog,
		// naming the connect button as it is labelled now.
		face := explain.Window
		face.Connect = "press " + w.idle.connect.Text
		w.notice.set(explain.Plain(err, face), nil)
	default:
		w.notice.set("Connecting did not work.", err)
		w.showError("Could not connect", err)
	}
}
