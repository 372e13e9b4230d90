package ui

import (
	"context"
	"errors"
	"time"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/explain"
	"github.com/make-connect/make-connect/sanitize"
)

// settleTimeout bounds the wait for an attempt's launch links to be
// watched out (auth.DefaultLaunchWatch) and the disconnect that follows
// when one was opened again.
const settleTimeout = time.Minute

// replacement is what the service said of a connection a connect
// replaced (Service.Replaced).
type replacement struct {
	replaced  bool
	revokeErr error
}

// face is the window's way of naming actions, with the connect button as
// it is labelled now.
func (w *Window) face() explain.Face {
	face := explain.Window
	face.Connect = "press " + w.panels.idle.connect.Text
	return face
}

// finished shows the attempt's result.
func (w *Window) finished(c *connecting, conn *auth.Connection, err error, r replacement) {
	if w.attempt != c {
		return
	}
	w.endAttempt()
	switch {
	case err == nil:
		w.connected(c, conn, r)
	case errors.Is(err, auth.ErrDeclined), errors.Is(err, auth.ErrCancelled), errors.Is(err, auth.ErrTimedOut):
		// What the person did, or did not do: a notice says so, no dialog.
		w.notice.set(explain.Plain(err, w.face()), nil)
	default:
		w.notice.set("Connecting did not work.", err)
		w.showErrorMessage("Could not connect", sanitize.Text(explain.Plain(err, w.face())), err)
	}
}

// connected says who was connected, whether that replaced an earlier
// connection and what became of its tokens, and, when a card's Reconnect
// came back as someone else, that both accounts are kept: a card always
// stands for the account it was made for.
func (w *Window) connected(c *connecting, conn *auth.Connection, r replacement) {
	msg := "Connected " + label(conn) + "."
	if c.reconnect != "" && c.reconnect != conn.ID() {
		was := c.reconnect
		if old := w.accounts.find(was); old != nil {
			was = label(old)
		}
		msg = "You signed in to Make as " + label(conn) + ", not as " + was + ", whose Reconnect you pressed. " +
			"Both accounts are kept: " + was + " is unchanged, and " + label(conn) + " is listed as well. " +
			"To renew " + was + ", press its Reconnect and sign in as that person."
	}
	switch {
	case r.replaced && r.revokeErr != nil:
		msg += " This replaced the account's earlier connection, but Make could not be told to revoke its old tokens: they keep working until they expire."
	case r.replaced:
		msg += " This replaced the account's earlier connection; its old tokens were revoked."
	}
	w.notice.set(msg, r.revokeErr)
	w.reload()
	w.watchLaunchLinks(c.attempt, conn)
}

// watchLaunchLinks waits, in the background, until the attempt stops
// watching its launch links. If one was requested again, someone else may
// have approved with their own account: the connection is disconnected,
// as the command line does, and the person is told.
func (w *Window) watchLaunchLinks(a Attempt, conn *auth.Connection) {
	svc := w.setup.svc
	w.bridge.backgroundFor(settleTimeout, func(ctx context.Context) func() {
		if err := a.Settled(ctx); !errors.Is(err, auth.ErrCompromised) {
			return nil
		}
		_, revokeErr, err := svc.Disconnect(ctx, conn.ID())
		return func() { w.compromised(conn, revokeErr, err) }
	})
}

// compromised says that a connection was disconnected again because its
// sign-in link was opened twice.
func (w *Window) compromised(conn *auth.Connection, revokeErr, err error) {
	words := explain.Plain(auth.ErrCompromised, w.face())
	switch {
	case err != nil:
		w.notice.set(label(conn)+" could not be removed after its sign-in link was opened twice.", err)
		w.showErrorMessage("Disconnect this account", words+" "+label(conn)+" could not be removed, though: press its Disconnect.", err)
	case revokeErr != nil:
		w.notice.set("Removed "+label(conn)+" again, but Make could not be told to withdraw its access.", revokeErr)
		w.showErrorMessage("Sign-in not kept", words, auth.ErrCompromised)
	default:
		w.notice.set("Disconnected "+label(conn)+" again: its sign-in link was opened twice.", auth.ErrCompromised)
		w.showErrorMessage("Sign-in not kept", words, auth.ErrCompromised)
	}
	w.reload()
}
