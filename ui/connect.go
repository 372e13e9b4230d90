package ui

import (
	"fyne.io/fyne/v2/lang"

	"context"
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/core/session"
	"github.com/make-connect/make-connect/internal/platform/sanitize"
	"github.com/make-connect/make-connect/internal/words/explain"
)

// settleTimeout bounds the wait for an attempt's launch links to be
// watched out (auth.DefaultLaunchWatch) and the disconnect that follows
// when one was opened again.
const settleTimeout = time.Minute

// connecting is one connect attempt as the window sees it: the session's
// flow (session.Connecting) and what the wait panel shows of it. A result
// that arrives for an attempt that is no longer w.attempt (it was
// cancelled) is dropped.
type connecting struct {
	cancel context.CancelFunc  // stops Connect and Wait
	flow   *session.Connecting // nil until Connect has returned
	// pasting: a pasted address is being checked.
	pasting bool
	// link is the hash of the sign-in link Copy link put on the clipboard.
	link *[32]byte
}

// startConnect begins an attempt off the UI goroutine: reading the
// keychain, discovery and the loopback listener can take a while.
// reconnect is the account whose card asked, or "".
func (w *Window) startConnect(reconnect string) {
	if w.setup.backend.Accounts == nil && w.setup.problem == nil {
		// The settings are still being read, a matter of moments: the
		// attempt starts as soon as they are (use).
		w.pendingConnect = &reconnect
		return
	}
	if w.attempt != nil || w.setup.problem != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	c := &connecting{cancel: cancel}
	w.attempt = c
	w.notice.set("", nil)
	wait := w.waitPanel()
	who := ""
	if c := w.accounts.find(reconnect); c != nil {
		who = w.label(c)
	}
	wait.starting(who)
	w.showPanel(wait.box, wait.cancel)
	sess := w.sess
	w.bridge.background(func() func() {
		flow, err := sess.Connect(ctx, reconnect)
		return func() { w.begun(ctx, c, flow, err) }
	})
}

// begun opens the browser and waits for the attempt's result, counting
// down to its deadline.
func (w *Window) begun(ctx context.Context, c *connecting, flow *session.Connecting, err error) {
	if w.attempt != c {
		if flow != nil {
			w.bridge.background(func() func() { flow.Close(); return nil })
		}
		return
	}
	if err != nil {
		w.endAttempt()
		w.showError(lang.L("Could not start connecting"), err)
		return
	}
	c.flow = flow
	deadline, ok := flow.Deadline()
	if !ok {
		deadline = w.bridge.clock.Now().Add(w.setup.cfg.Auth.Timeout)
	}
	w.panels.wait.waiting(deadline, flow.RedirectKind(), flow.RedirectURI())
	if flow.RedirectKind() == config.HTTPSPage {
		// The browser will end on that page, not here: pasting is the way.
		w.win.Canvas().Focus(w.panels.wait.paste)
	}
	w.bridge.each(ctx, flow.OtherUsers(), func(user string) {
		if w.attempt == c {
			w.notice.set(explain.OtherUser(user), nil)
		}
	})
	w.openBrowser()
	w.bridge.background(func() func() {
		r, err := flow.Wait(ctx)
		return func() { w.finished(c, r, err) }
	})
}

// openBrowser gives the browser a new single-use launch link
// (session.Connecting.Open); a failure is shown, without the link.
func (w *Window) openBrowser() {
	c := w.attempt
	if c == nil || c.flow == nil {
		return
	}
	open := w.opts.OpenURL
	w.bridge.background(func() func() {
		err := c.flow.Open(func(link string) error {
			u, err := url.Parse(link)
			if err != nil {
				return err
			}
			return open(u)
		})
		if err == nil {
			return nil
		}
		why := sanitize.Text(redact(err.Error()))
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
// once, and it carries the attempt's state, so it is taken back from the
// clipboard when the attempt ends.
func (w *Window) copyLink() {
	if c := w.attempt; c != nil && c.flow != nil {
		sum := w.putSecret(c.flow.AuthURL())
		c.link = &sum
		w.panels.wait.setHint(lang.L("Link copied. Paste it into a browser's address bar, on this computer or another, and approve there."))
	}
}

// paste completes the attempt from the address the browser ended on. The
// code exchange runs inside Paste, so off the UI goroutine. An address
// that is not the sign-in's answer is explained beside the field, and the
// attempt keeps waiting; any other result is the attempt's, which Wait
// reports.
func (w *Window) paste() {
	c := w.attempt
	address := w.panels.wait.address()
	if c == nil || c.flow == nil || c.pasting || address == "" {
		return
	}
	c.pasting = true
	w.panels.wait.pasting(true)
	w.bridge.background(func() func() {
		err := c.flow.Paste(address)
		return func() {
			if w.attempt != c {
				return
			}
			c.pasting = false
			w.panels.wait.pasting(false)
			if errors.Is(err, auth.ErrNotTheCallback) {
				w.panels.wait.pasteFailed(explain.Plain(err, explain.Window))
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
	w.bridge.spawn(func() { w.log.note("connecting cancelled: the person pressed Cancel") })
	w.notice.set(plainWords(auth.ErrCancelled), nil)
	if c.flow != nil {
		w.bridge.background(func() func() { c.flow.Close(); return nil })
	}
}

// endAttempt forgets the attempt and shows the idle panel.
func (w *Window) endAttempt() {
	if c := w.attempt; c != nil {
		c.cancel()
		if c.link != nil {
			w.takeBack(*c.link)
		}
	}
	w.attempt = nil
	if w.panels.wait != nil {
		w.panels.wait.stop()
	}
	w.updateIdle()
	w.showPanel(w.panels.idle.box, w.panels.idle.primary(w.setup.problem, w.setup.fixable))
}

// face is the window's way of naming actions, with the connect button as
// it is labelled now.
func (w *Window) face() explain.Face {
	return explain.Window.ConnectButton(w.panels.idle.connect.Text).Among(w.sess.View().Conns())
}

// finished shows the attempt's result.
func (w *Window) finished(c *connecting, r *session.Result, err error) {
	if w.attempt != c {
		return
	}
	w.endAttempt()
	var note string
	if err == nil {
		note = "connected account " + r.Conn.ID()
	} else {
		note = "connecting did not finish: " + sanitize.Hide(err.Error())
	}
	w.bridge.spawn(func() { w.log.note(note) })
	switch {
	case err == nil:
		connected := lang.L("Connected {{.Name}}.", vars{"Name": w.label(r.Conn)})
		w.notice.set(strings.Join(append([]string{connected}, explain.Connected(r, w.face())...), " "), r.RevokeErr)
		if r.DefaultKept != nil {
			w.applyConfig() // the default was saved: the window's own change, which its watch does not report
		}
		w.watchLaunchLinks(c.flow, r)
	case errors.Is(err, auth.ErrDeclined), errors.Is(err, auth.ErrCancelled), errors.Is(err, auth.ErrTimedOut):
		// What the person did, or did not do: a notice says so, no dialog.
		w.notice.set(explain.Plain(err, w.face()), nil)
	default:
		w.notice.set(lang.L("Connecting did not work."), err)
		w.showErrorMessage(lang.L("Could not connect"), explain.Plain(err, w.face()), err)
	}
}

// watchLaunchLinks waits, in the background, until the attempt stops
// watching its launch links. If one was opened again, the session has
// disconnected the account, and the person is told.
func (w *Window) watchLaunchLinks(flow *session.Connecting, r *session.Result) {
	w.bridge.backgroundFor(settleTimeout, func(ctx context.Context) func() {
		cmp := flow.Settled(ctx, r)
		if cmp == nil {
			return nil
		}
		id := r.Conn.ID()
		note := "removed account " + id + ": its sign-in link was opened twice, so the sign-in may not be the person's (compromise)"
		switch {
		case cmp.Err != nil:
			note = "could not remove account " + id + " after its sign-in link was opened twice (compromise): " + sanitize.Hide(cmp.Err.Error())
		case cmp.Disconnected != nil && cmp.Disconnected.RevokeErr != nil:
			note += "; revoking its tokens failed: " + sanitize.Hide(cmp.Disconnected.RevokeErr.Error())
		}
		w.log.note(note)
		return func() {
			if cmp.Disconnected != nil && cmp.Disconnected.WasDefault {
				w.applyConfig()
			}
			words := explain.Compromised(cmp, w.face())
			cause := cmp.Err
			if cause == nil {
				cause = auth.ErrCompromised
			}
			w.notice.set(words, cause)
			w.showErrorMessage(lang.L("Sign-in not kept"), words, cause)
		}
	})
}
