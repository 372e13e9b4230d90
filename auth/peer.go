package auth

import (
	"context"
	"net"
	"net/http"

	"github.com/make-connect/make-connect/peeruser"
)

// Another user of this computer can connect to the loopback listener: its
// port is no secret, and a browser's command line (which holds a launch
// link) is readable by all. So the listener learns who is at the other end
// of each connection as it accepts it, and answers the launch links and
// the callback for this user alone. Another user's request is refused
// with a page, reported (OtherUsers), and spends nothing: the launch link
// still works once, and the attempt goes on waiting for its own user.
// Where the owner cannot be learned (macOS, Wine, no /proc) the listener
// answers as before: then only the single-use links and the state guard.

// lookupPeer learns who owns a connection's other end; a variable so that
// a test can be another user without root.
var lookupPeer = peeruser.Lookup

type peerKey struct{}

// peerAtAccept puts who is at the other end of c into the context of each
// of its requests. http.Server calls it as it accepts c, while the client
// that connected is surely still there.
func peerAtAccept(ctx context.Context, c net.Conn) context.Context {
	p, err := lookupPeer(c.LocalAddr(), c.RemoteAddr())
	if err != nil {
		return ctx // cannot tell: as without the check
	}
	return context.WithValue(ctx, peerKey{}, p)
}

// otherUser reports the user of this computer, not this process's, at the
// other end of r's connection ("" when the owner is gone or hidden), and
// whether r is theirs.
func otherUser(r *http.Request) (string, bool) {
	p, ok := r.Context().Value(peerKey{}).(peeruser.Peer)
	if !ok || p.Mine {
		return "", false
	}
	return p.User, true
}

// refuseOtherUser answers another user's request, and reports it when it
// was for a launch link or the callback; true when r was refused.
func (a *Attempt) refuseOtherUser(w http.ResponseWriter, r *http.Request) bool {
	user, other := otherUser(r)
	if !other {
		return false
	}
	a.mu.Lock()
	_, launch := a.launches[r.URL.Path]
	a.mu.Unlock()
	if launch || r.URL.Path == a.redirect.Path {
		select {
		case a.otherUsers <- user:
		default: // reported often enough already
		}
	}
	writePage(w, http.StatusForbidden, pageOtherUser)
	return true
}

// OtherUsers receives, for each request another user of this computer made
// for this attempt's launch link or callback, that user as the system
// names them (a uid on Unix, a SID on Windows; "" when unknown). Each was
// refused and spent nothing. A face tells the person: someone else tried
// to use their sign-in.
func (a *Attempt) OtherUsers() <-chan string { return a.otherUsers }
