package auth

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/platform/sanitize"
)

// ServeHTTP is the loopback listener's only handler. It answers no other
// user of this computer (peer.go); then it considers nothing but a GET of the callback path addressed to the redirect URI's host and
// port (RFC 8252 §8.3; a different Host header means DNS rebinding), and
// among those only the one whose state matches this attempt. Everything
// else gets an error page and the attempt keeps waiting: a favicon
// request, a port scanner or a forged callback must not end it. After the
// person cancelled, it answers with the Cancelled page a while (Close).
func (a *Attempt) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if a.serveLaunch(w, r) {
		return
	}
	switch {
	case a.kind != config.Loopback || r.URL.Path != a.redirect.Path:
		// Another kind's answer comes pasted or handed over, never here.
		http.NotFound(w, r)
		return
	case r.Method != http.MethodGet || !a.isRedirectHost(r.Host):
		http.Error(w, "Bad request", http.StatusBadRequest)
		return
	}
	status, p, _ := a.handle(r.URL.Query(), func() bool { return a.refuseOtherUser(w, r) })
	if status != 0 {
		a.writePage(w, status, p)
	}
}

// ErrNotTheCallback means a pasted address is not the one this attempt
// waits for. The attempt keeps waiting: the person may paste again.
var ErrNotTheCallback = errors.New("that is not the address this sign-in ended on")

// NotTheCallbackError says why an address is not this attempt's answer:
// it is not the redirect URI (Redirect), its state is another sign-in's
// (WrongState), or the sign-in has already finished (Finished). It is
// ErrNotTheCallback.
type NotTheCallbackError struct {
	Redirect   string
	WrongState bool
	Finished   bool
}

func (e *NotTheCallbackError) Error() string {
	switch {
	case e.WrongState:
		return ErrNotTheCallback.Error() + ": it belongs to another sign-in, or was changed"
	case e.Finished:
		return ErrNotTheCallback.Error() + ": this sign-in has already finished"
	}
	return ErrNotTheCallback.Error() + ": it should start with " + e.Redirect
}

func (e *NotTheCallbackError) Is(target error) bool { return target == ErrNotTheCallback }

// Paste completes the attempt from the address the browser ended on, for
// when the browser cannot reach this computer's loopback interface (it
// shows an error page, whose address still holds the answer), or ended on
// the organization's https page. The address is checked exactly as a
// callback to the listener is, by the same code; whichever comes first
// wins. Paste returns the attempt's result, or an error wrapping
// ErrNotTheCallback when the address is not the answer.
func (a *Attempt) Paste(address string) error {
	q, err := a.answer(address)
	if err != nil {
		return err
	}
	_, _, err = a.handle(q, nil)
	return err
}

// Receive takes the address another process of this user was started
// with, the browser having ended on the app's private-use scheme (or the
// relay page having sent it there), and hands it to the attempt as Paste
// does. It returns as soon as the address is known to be this attempt's,
// before the exchange, so that process can end at once: nil then, and the
// attempt's result comes from Wait; otherwise an error wrapping
// ErrNotTheCallback.
func (a *Attempt) Receive(address string) error {
	q, err := a.answer(address)
	if err != nil {
		return err
	}
	if !a.isState(q) {
		return &NotTheCallbackError{WrongState: true}
	}
	a.mu.Lock()
	finished := a.settled || a.lingers
	a.mu.Unlock()
	if finished {
		return &NotTheCallbackError{Finished: true}
	}
	go a.handle(q, nil)
	return nil
}

// answer is the query of address when it is this attempt's redirect
// URI: for a loopback one, its host and port; for the app's scheme, that
// scheme without a host; for an https page, its origin; and the path.
// An https page's attempt also takes the app's own scheme address
// (config.SchemeRedirectURI), which the relay page sends the browser on
// to. Anything else is a *NotTheCallbackError.
func (a *Attempt) answer(address string) (url.Values, error) {
	u, err := url.Parse(strings.TrimSpace(address))
	ok := err == nil
	if ok {
		switch a.kind {
		case config.Loopback:
			ok = u.Scheme == "http" && a.isRedirectHost(u.Host) && u.Path == a.redirect.Path
		case config.PrivateScheme:
			ok = isSchemeAddress(u, a.redirect.Scheme, a.redirect.Path)
		case config.HTTPSPage:
			ok = u.Scheme == "https" && u.User == nil && origin(u) == origin(a.redirect) && u.Path == a.redirect.Path ||
				isSchemeAddress(u, config.Scheme(), config.SchemeCallbackPath)
		}
	}
	if !ok {
		return nil, &NotTheCallbackError{Redirect: a.redirect.String()}
	}
	return u.Query(), nil
}

// isSchemeAddress reports whether u is scheme:path, without a host
// (RFC 8252 §7.1).
func isSchemeAddress(u *url.URL, scheme, path string) bool {
	return scheme != "" && u.Scheme == scheme && u.Host == "" && u.User == nil && u.Opaque == "" && u.Path == path
}

// origin is an https URL's host and port as a browser's address bar has
// them: the host in lower case, the default port 443 left out.
func origin(u *url.URL) string {
	host := strings.ToLower(u.Hostname())
	if p := u.Port(); p != "" && p != "443" {
		return net.JoinHostPort(host, p)
	}
	return host
}

// isRedirectHost reports whether a Host header (or a pasted address's
// host) names the redirect URI's host and port. A browser leaves out the
// default port, so on port 80 "127.0.0.1" is the same as "127.0.0.1:80".
func (a *Attempt) isRedirectHost(host string) bool {
	if host == a.redirect.Host {
		return true
	}
	if a.redirect.Port() != "80" {
		return false
	}
	bare := a.redirect.Hostname()
	if strings.Contains(bare, ":") {
		bare = "[" + bare + "]"
	}
	return host == bare
}

// handle checks an authorization response in RFC 9700's order: state
// first (error responses included), then iss (RFC 9207), then error or
// code. It returns the page for the browser and the attempt's result; a
// response that is not this attempt's gives an error wrapping
// ErrNotTheCallback and leaves the attempt waiting.
func (a *Attempt) handle(q url.Values, refused func() bool) (int, Page, error) {
	pages := a.cfg.Pages
	if !a.isState(q) {
		return http.StatusBadRequest, pages.WrongState, &NotTheCallbackError{WrongState: true}
	}
	if refused != nil && refused() {
		return 0, Page{}, errOtherUser // answered; the attempt goes on
	}
	if !a.take() {
		if a.lingering() { // nothing is exchanged
			return http.StatusGone, pages.Cancelled, ErrCancelled
		}
		return http.StatusConflict, pages.AlreadyHandled, &NotTheCallbackError{Finished: true}
	}

	iss, hasIss := q["iss"]
	switch {
	case hasIss && (len(iss) != 1 || iss[0] != a.cfg.Issuer):
		return a.finish(nil, "", ErrIssuerMismatch)
	case !hasIss && a.provider.issRequired:
		return a.finish(nil, "", fmt.Errorf("%w: the response did not say which server sent it, though %s promises to", ErrIssuerMismatch, a.cfg.Issuer))
	}

	if code := q.Get("error"); code != "" {
		if code == "access_denied" {
			return a.finish(nil, "", ErrDeclined)
		}
		return a.finish(nil, "", &AuthorizeError{Code: a.scrub(code), Description: a.scrub(q.Get("error_description"))})
	}
	code := q["code"]
	if len(code) != 1 || code[0] == "" {
		return a.finish(nil, "", errors.New("the sign-in response carried no authorization code"))
	}
	conn, err := a.exchange(a.ctx, code[0])
	var who string
	if err == nil && a.cfg.Accept != nil {
		who, err = a.cfg.Accept(a.ctx, conn)
	}
	return a.finish(conn, who, err)
}

// isState reports whether q carries this attempt's state, once.
func (a *Attempt) isState(q url.Values) bool {
	state := q["state"]
	return len(state) == 1 && subtle.ConstantTimeCompare([]byte(state[0]), []byte(a.state)) == 1
}

// scrub removes this attempt's own secrets from text a server sent: an
// error that echoes the state (or worse) must not carry it into a message.
func (a *Attempt) scrub(s string) string { return sanitize.Hide(s, a.state, a.verifier, a.nonce) }

// take claims the attempt's one result; false if it is already claimed,
// or the attempt was cancelled.
func (a *Attempt) take() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.settled || a.lingers {
		return false
	}
	a.settled = true
	return true
}

// finish sends the attempt's result and picks the page that tells the
// browser the truth about it.
func (a *Attempt) finish(conn *Connection, who string, err error) (int, Page, error) {
	if err != nil {
		conn = nil
	}
	// Asked before the result is sent: whoever receives it may close the
	// attempt at once, which is not the person cancelling.
	cancelled := a.wasCancelled()
	if err == nil {
		a.mu.Lock()
		a.connected = true
		a.mu.Unlock()
	}
	a.result <- result{conn, err}
	pages := a.cfg.Pages
	switch {
	case err == nil:
		return http.StatusOK, pages.connected(who), nil
	case errors.Is(err, ErrDeclined):
		return http.StatusOK, pages.Declined, err
	case cancelled:
		// Cancelled while the exchange ran, which then failed.
		return http.StatusGone, pages.Cancelled, err
	}
	return http.StatusBadRequest, pages.failure(err), err
}

// quietLog keeps net/http from printing connection errors (port scanners,
// half-open connections) to the app's stderr.
func quietLog() *log.Logger { return log.New(io.Discard, "", 0) }
