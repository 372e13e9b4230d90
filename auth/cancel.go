package auth

import (
	"net/http"
	"sync"
	"time"
)

// cancelledLinger is how long, at most, the listener of an attempt the
// person cancelled in the app goes on answering. Their browser may still
// be on Make's consent page: Allow or Deny pressed there then ends on a
// page that says the sign-in was cancelled, not on the browser's own
// "This site can't be reached". It never outlives the attempt's deadline.
const cancelledLinger = 2 * time.Minute

// lingering holds the listeners of cancelled attempts that still answer,
// by address, so that a new attempt on the same fixed port (a
// pre-registered redirect URI) can take the port over at once.
var lingering = struct {
	sync.Mutex
	m map[string]*Attempt
}{m: map[string]*Attempt{}}

// linger keeps a cancelled attempt's listener for d, then frees the port.
func (a *Attempt) linger(d time.Duration) {
	lingering.Lock()
	lingering.m[a.listenHost] = a
	lingering.Unlock()
	a.afterFunc(d, func() {
		lingering.Lock()
		if lingering.m[a.listenHost] == a {
			delete(lingering.m, a.listenHost)
		}
		lingering.Unlock()
		a.shutdown()
	})
}

// takeOver stops the cancelled attempt lingering on addr, if there is one,
// so that a new attempt can listen there.
func takeOver(addr string) {
	lingering.Lock()
	a := lingering.m[addr]
	delete(lingering.m, addr)
	lingering.Unlock()
	if a != nil {
		a.shutdown()
	}
}

// isLingering reports whether a cancelled attempt of this app holds addr.
func isLingering(addr string) bool {
	lingering.Lock()
	defer lingering.Unlock()
	return lingering.m[addr] != nil
}

// lingering reports whether the attempt was cancelled and its listener
// answers every request it would act on with the Cancelled page.
func (a *Attempt) lingering() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.lingers
}

// wasCancelled reports whether the person cancelled the attempt (Close
// before its result), lingering or not.
func (a *Attempt) wasCancelled() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.cancelled
}

// refuseCancelled answers r with the Cancelled page if the attempt was
// cancelled; true when it was.
func (a *Attempt) refuseCancelled(w http.ResponseWriter) bool {
	if !a.lingering() {
		return false
	}
	a.writePage(w, http.StatusGone, a.cfg.Pages.Cancelled)
	return true
}
