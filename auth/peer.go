package auth

import (
	"context"
	"errors"
	"net"
	"net/http"

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
// flood of them costs no table reads. Where the owner cannot be learned
// (macOS, Wine, no /proc) the listener answers as before. A client that
// closed its end after sending is taken as not this user's
// (peeruser.Peer), so closing early does not get a request through.

// errOtherUser is a callback another user of this computer sent: refused,
// and the attempt goes on.
var errOtherUser = errors.New("another user of this computer sent this sign-in's answer")

type connKey struct{}

// keepConn puts each connection into its requests' context, for otherUser.
func keepConn(ctx context.Context, c net.Conn) context.Context {
	return context.WithValue(ctx, connKey{}, c)
}

// otherUser reports the user of this computer, not this process's, at the
// other end of r's connection ("" when the owner is gone or hidden), and
// whether r is theirs.
func (a *Attempt) otherUser(r *http.Request) (string, bool) {
	c, ok := r.Context().Value(connKey{}).(net.Conn)
	if !ok {
		return "", false
	}
	a.mu.Lock()
	lookup := a.lookupPeer
	a.mu.Unlock()
	p, err := lookup(c.LocalAddr(), c.RemoteAddr())
	if err != nil || p.Mine {
		return "", false // cannot tell, or this user: as without the check
	}
	return p.User, true
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
// names them (a uid on Unix, a SID on Windows; "" when unknown). Each was
// refused and spent nothing. A face tells the person: someone else tried
// to use their sign-in.
func (a *Attempt) OtherUsers() <-chan string { return a.otherUsers }

// defaultLookupPeer is how an attempt learns who owns a connection's other
// end; tests give an attempt another (Attempt.lookupPeer).
var defaultLookupPeer = peeruser.Lookup
