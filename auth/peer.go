package auth

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"

	"github.com/make-connect/make-connect/internal/platform/peeruser"
)

// Another user of this computer can connect to the loopback listener: its
// port is no secret, and a browser's command line (which holds a launch
// link) is readable by all. So before the listener acts on a request (it
// would spend a launch link, or take the callback whose state matches), it
// learns who is at the other end of the request's connection, and answers
// this user alone. Another user's request is refused with a page,
// reported (OtherUsers), and spends nothing: the link still works once,
// and the attempt goes on waiting for its own user. Requests it would
// refuse anyway (a wrong state, a stray path) are not looked into, so a
// flood of them costs no table reads (on Windows every connection is
// looked into as it is accepted: see peeruser.AskAtAccept).
//
// The check fails closed: a request whose owner cannot be established is
// refused as another user's, for another user can make a lookup fail (by
// resetting the connection before it is looked into, or by using up the
// process's descriptors). Only where the system gives no way to learn the
// owner at all (macOS, Wine: peeruser.ErrNoLookup) does the listener
// answer as it would without the check.

// errOtherUser is a callback another user of this computer sent: refused,
// and the attempt goes on.
var errOtherUser = errors.New("another user of this computer sent this sign-in's answer")

// refuses decides, from what a lookup of a request's connection said,
// whether the request is refused as not this user's, and names the user
// refused as the system does ("" when unknown).
func refuses(p peeruser.Peer, err error) (user string, refuse bool) {
	switch {
	case err == nil && p.Mine:
		return "", false
	case err == nil:
		return p.User, true
	case errors.Is(err, peeruser.ErrNoLookup):
		return "", false // nothing to go on here, ever
	}
	return "", true // cannot tell: as another user's
}

// peerListener hands out connections that know how to learn their
// owner, and learns it as it accepts them where that is needed
// (peeruser.AskAtAccept), before any of their bytes are read.
type peerListener struct {
	net.Listener
	lookup func(local, remote net.Addr) (peeruser.Peer, error)
}

func (l peerListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	pc := &peerConn{Conn: c, lookup: l.lookup}
	if peeruser.AskAtAccept {
		pc.owner()
	}
	return pc, nil
}

// peerConn is an accepted connection and, once asked, its owner.
type peerConn struct {
	net.Conn
	lookup func(local, remote net.Addr) (peeruser.Peer, error)
	once   sync.Once
	peer   peeruser.Peer
	err    error
}

// owner looks up the connection's owner, once.
func (c *peerConn) owner() (peeruser.Peer, error) {
	c.once.Do(func() { c.peer, c.err = c.lookup(c.LocalAddr(), c.RemoteAddr()) })
	return c.peer, c.err
}

type connKey struct{}

// keepConn puts each connection into its requests' context, for otherUser.
func keepConn(ctx context.Context, c net.Conn) context.Context {
	return context.WithValue(ctx, connKey{}, c)
}

// lookup asks the attempt's lookupPeer, which tests may replace.
func (a *Attempt) lookup(local, remote net.Addr) (peeruser.Peer, error) {
	a.mu.Lock()
	lookup := a.lookupPeer
	a.mu.Unlock()
	return lookup(local, remote)
}

// otherUser reports the user of this computer, not this process's, at the
// other end of r's connection ("" when the owner is gone or cannot be
// learned), and whether r is to be refused as theirs.
func (a *Attempt) otherUser(r *http.Request) (string, bool) {
	c, ok := r.Context().Value(connKey{}).(*peerConn)
	if !ok {
		return "", true // not a connection this listener accepted
	}
	return refuses(c.owner())
}

// refuseOtherUser answers r with the refusal page and reports it when it
// is another user's; true when it was.
func (a *Attempt) refuseOtherUser(w http.ResponseWriter, r *http.Request) bool {
	user, other := a.otherUser(r)
	if !other {
		return false
	}
	select {
	case a.otherUsers <- user:
	default: // reported often enough already
	}
	a.writePage(w, http.StatusForbidden, a.cfg.Pages.OtherUser)
	return true
}

// OtherUsers receives, for each request another user of this computer made
// for this attempt's launch link or callback, that user as the system
// names them (a uid on Unix, a SID on Windows; "" when unknown, and for a
// request whose owner could not be learned). Each was refused and spent
// nothing. A face tells the person: someone else tried to use their
// sign-in.
func (a *Attempt) OtherUsers() <-chan string { return a.otherUsers }
