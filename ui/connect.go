package ui

import (
	"context"
	"errors"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/sanitize"
)

// connecting is one connect attempt as the window sees it. A result that
// arrives for an attempt that is no longer w.attempt (it was cancelled) is
// dropped.
type connecting struct {
	cancel  context.CancelFunc // stops Begin and Wait
	attempt Attempt            // nil until Begin has returned
	pasting bool
	// reconnect is the ID of the account whose Reconnect began the
	// attempt; "" for a new account.
	reconnect string
}

// startConnect begins an attempt off the UI goroutine: discovery and the
// loopback listener can take a while. reconnect is the account whose card
// asked, or "".
func (w *Window) startConnect(reconnect string) {
	if w.attempt != nil || w.setup.problem != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	c := &connecting{cancel: cancel, reconnect: reconnect}
	w.attempt = c
	w.notice.set("", nil)
	w.panels.wait.starting()
	w.showPanel(w.panels.wait.box, w.panels.wait.cancel)
	svc := w.setup.svc
	w.bridge.background(func() func() {
		a, err := svc.Begin(ctx)
		return func() { w.begun(ctx, c, a, err) }
	})
}

// begun opens the browser and waits for the attempt's result. The
// attempt's own timer starts with Wait: the countdown starts with it.
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
	w.panels.wait.waiting(w.bridge.clock.Now().Add(w.setup.cfg.Auth.Timeout))
	w.openBrowser()
	svc := w.setup.svc
	w.bridge.background(func() func() {
		conn, err := a.Wait(ctx)
		var r replacement
		if err == nil {
			r.replaced, r.revokeErr = svc.Replaced(conn.ID())
		}
		return func() { w.finished(c, conn, err, r) }
	})
}

// paste completes the attempt from the address the browser ended on. The
// code exchange runs inside Paste, so off the UI goroutine. An address
// that is not the sign-in's answer is explained beside the field, and the
// attempt keeps waiting; any other result is the attempt's, which Wait
// reports.
func (w *Window) paste() {
	c := w.attempt
	address := w.panels.wait.address()
	if c == nil || c.attempt == nil || c.pasting || address == "" {
		return
	}
	c.pasting = true
	w.panels.wait.pasting(true)
	a := c.attempt
	w.bridge.background(func() func() {
		err := a.Paste(address)
		return func() {
			if w.attempt != c {
				return
			}
			c.pasting = false
			w.panels.wait.pasting(false)
			if errors.Is(err, auth.ErrNotTheCallback) {
				w.panels.wait.pasteFailed(sanitize.Text(sentence(err.Error())))
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
		read := readAccounts(svc)
		return func() { w.setAccounts(svc, read) }
	})
}

// endAttempt forgets the attempt and shows the idle panel.
func (w *Window) endAttempt() {
	if c := w.attempt; c != nil {
		c.cancel()
	}
	w.attempt = nil
	w.panels.wait.stop()
	w.updateIdle()
	w.showPanel(w.panels.idle.box, w.panels.idle.primary(w.setup.problem))
}
