package auth

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/make-connect/make-connect/internal/adapters/config"
)

// ErrCompromised means a sign-in link of this attempt was requested more
// than once. The person's own browser requests each link once, so someone
// else has it — another user of this computer can read a browser's command
// line — and could approve with their own Make account and race their
// answer in. The attempt ends, and what it stored must go.
var ErrCompromised = errors.New("the sign-in link was opened twice, so someone else on this computer may have it")

// DefaultLaunchWatch is how long the listener keeps watching the launch
// links after an attempt completed, when Config says nothing.
const DefaultLaunchWatch = 10 * time.Second

// LaunchURL returns a new single-use address on the loopback listener that
// sends the browser on to AuthURL. Give the browser this, not AuthURL: a
// browser's command line is readable by every user of this computer
// (/proc/PID/cmdline on Linux), and this address works only once. A second
// request of it ends the attempt with ErrCompromised, or, after the attempt
// completed, makes Settled report it.
func (a *Attempt) LaunchURL() string {
	path := "/launch/" + randomString()
	a.mu.Lock()
	defer a.mu.Unlock()
	a.launches[path] = false
	return "http://" + a.listenHost + path
}

// serveLaunch answers a request for a launch link; false when the path is
// not one.
func (a *Attempt) serveLaunch(w http.ResponseWriter, r *http.Request) bool {
	a.mu.Lock()
	_, ok := a.launches[r.URL.Path]
	a.mu.Unlock()
	if !ok {
		return false
	}
	if a.refuseOtherUser(w, r) {
		return true // and the link is not spent
	}
	if a.refuseCancelled(w) {
		return true // nothing to sign in to any more
	}
	a.mu.Lock()
	used := a.launches[r.URL.Path]
	a.launches[r.URL.Path] = true
	settled, connected := a.settled, a.connected
	a.mu.Unlock()
	switch {
	case !used && r.Method == http.MethodGet && a.isListenHost(r.Host):
		h := w.Header()
		h.Set("Cache-Control", "no-store")
		h.Set("Referrer-Policy", "no-referrer")
		http.Redirect(w, r, a.authURL, http.StatusFound)
		return true
	}
	a.compromise(settled)
	page := a.cfg.Pages.Compromised
	if connected {
		page = a.cfg.Pages.Undone // Settled tells the face to take it back
	}
	a.writePage(w, http.StatusForbidden, page)
	return true
}

// compromise ends a running attempt with ErrCompromised, or marks a
// completed one so Settled reports it.
func (a *Attempt) compromise(settled bool) {
	if !settled && a.take() {
		a.finish(nil, "", ErrCompromised)
		return
	}
	a.mu.Lock()
	a.lateCompromise = true
	a.mu.Unlock()
}

// Settled waits until the listener has stopped watching the launch links
// after a completed attempt, and reports ErrCompromised if one was
// requested again meanwhile: the connection the attempt stored must then
// be revoked and removed. Without launch links it returns at once.
func (a *Attempt) Settled(ctx context.Context) error {
	select {
	case <-a.closed:
	case <-ctx.Done():
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.lateCompromise {
		return ErrCompromised
	}
	return nil
}

// isListenHost reports whether a Host header names the listener: the
// loopback redirect URI's host (isRedirectHost), or the launch links' own.
func (a *Attempt) isListenHost(host string) bool {
	if a.kind == config.Loopback {
		return a.isRedirectHost(host)
	}
	return host == a.listenHost
}

// launched reports whether a launch link was handed out.
func (a *Attempt) launched() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.launches) > 0
}
