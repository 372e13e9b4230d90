// Package instance keeps one window per user. The first launch holds a
// lock file and listens on a Unix socket beside it (on Windows a named
// pipe, which a file beside it names), in a folder of the user's own; a
// later launch finds the lock held, asks the running window through the
// socket to come to the front, and exits. The operating
// system drops the lock of a process that ended, however it ended, so a
// crashed window never stops the next start; the socket it leaves is
// replaced. Commands never take the lock: they are never blocked by a
// window.
package instance

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/gofrs/flock"

	"github.com/make-connect/make-connect/internal/platform/userdir"
)

// ErrHandedOver means another window runs and was asked to come to the
// front: this launch has nothing more to do.
var ErrHandedOver = errors.New("the window already open was brought to the front")

// ErrNotAnswering means another window holds the lock but did not answer
// within answerWait: it may be stuck.
var ErrNotAnswering = errors.New("another Make Connect window holds the lock but does not answer")

// answerWait bounds the hand-over, so a second launch ends within a
// second either way.
const answerWait = 800 * time.Millisecond

// SignInEnded is the reason a later launch gives when it was started
// with the answer of a sign-in that no longer waits (HandOver found
// none): the window then says so.
const SignInEnded = "signin-ended"

const (
	lockName   = "window.lock"
	socketName = "window.sock"
	raise      = "raise"
	raised     = "ok"
)

// Dir is the folder of the lock and socket of the window over the
// keychain service keychain: make-connect in the user's runtime directory
// (XDG_RUNTIME_DIR, a per-user tmpfs on Linux), else in the user's cache
// directory; on Windows always %LocalAppData% (Wine hands Linux's
// XDG_RUNTIME_DIR on to Windows programs). For a keychain service other
// than the app's own ("" stands for it), such as make demo's or a test
// run's, it is a folder of that service's: a window over other accounts
// neither hands over to the person's window nor stands in for it.
func Dir(keychain string) (string, error) {
	base := os.Getenv("XDG_RUNTIME_DIR")
	if base == "" || runtime.GOOS == "windows" {
		d, err := os.UserCacheDir()
		if err != nil {
			return "", err
		}
		base = d
	}
	name := "make-connect"
	if keychain != "" {
		name += "-" + fileName(keychain)
	}
	return filepath.Join(base, name), nil
}

// fileName is a service name as one short, safe path element: as it is
// when it is made of letters, digits, dots, dashes and underscores, else
// a hash of it. The socket's path must stay short (108 bytes on Linux).
func fileName(s string) string {
	if len(s) <= 48 && strings.Trim(s, ".") != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_')
	}) < 0 {
		return s
	}
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}

// Primary is the window's claim: the lock, and the socket later launches
// reach it on.
type Primary struct {
	lock *flock.Flock
	ln   net.Listener // nil when the socket could not be made

	mu      sync.Mutex
	onRaise func(why string)
}

// Claim makes this process the one window of this user, or hands over to
// the window that runs: then it returns ErrHandedOver, and the window's
// OnRaise is given why ("" or SignInEnded). Any other error
// means there is no guard to be had (ErrNotAnswering, a folder that is
// not the user's own, no file locks): the caller opens its window anyway.
// A Primary without a socket (ListenErr says why) still holds the lock.
func Claim(dir, why string) (*Primary, error) {
	if err := userdir.Ensure(dir); err != nil {
		return nil, fmt.Errorf("the window's folder: %w", err)
	}
	lock := flock.New(filepath.Join(dir, lockName), flock.SetPermissions(0o600))
	ok, err := lock.TryLock()
	if err != nil {
		return nil, fmt.Errorf("lock the window: %w", err)
	}
	socket := filepath.Join(dir, socketName)
	if !ok {
		return nil, handOver(socket, why)
	}
	p := &Primary{lock: lock}
	os.Remove(socket) // a crashed window's; the lock says none runs
	if ln, err := listen(socket); err == nil {
		p.ln = ln
		go p.serve()
	}
	return p, nil
}

// handOver asks the window listening on socket to come to the front.
func handOver(socket, why string) error {
	deadline := time.Now().Add(answerWait)
	for {
		err := ask(socket, why, deadline)
		if err == nil {
			return ErrHandedOver
		}
		// The window may be between taking the lock and listening.
		if time.Now().Add(50 * time.Millisecond).After(deadline) {
			return fmt.Errorf("%w (%v)", ErrNotAnswering, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func ask(socket, why string, deadline time.Time) error {
	conn, err := dial(socket, deadline)
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.SetDeadline(deadline)
	if _, err := fmt.Fprintln(conn, strings.TrimSpace(raise+" "+why)); err != nil {
		return err
	}
	answer, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return err
	}
	if answer != raised+"\n" {
		return fmt.Errorf("the window answered %q", answer)
	}
	return nil
}

// OnRaise sets what a later launch's request does: bring the window to
// the front, and say why when it was for a reason (SignInEnded). It is
// called on the socket's goroutine.
func (p *Primary) OnRaise(f func(why string)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.onRaise = f
}

// Listening reports whether later launches can reach this window.
func (p *Primary) Listening() bool { return p.ln != nil }

func (p *Primary) serve() {
	for {
		conn, err := p.ln.Accept()
		if err != nil {
			return // closed
		}
		go p.answer(conn)
	}
}

func (p *Primary) answer(conn net.Conn) {
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(answerWait))
	line, err := bufio.NewReader(io.LimitReader(conn, 64)).ReadString('\n')
	why, ok := strings.CutPrefix(strings.TrimSuffix(line, "\n"), raise)
	if err != nil || !ok || why != "" && why != " "+SignInEnded {
		return
	}
	p.mu.Lock()
	f := p.onRaise
	p.mu.Unlock()
	if f != nil {
		f(strings.TrimSpace(why))
	}
	fmt.Fprintln(conn, raised)
}

// Close gives the claim up: the socket goes, then the lock.
func (p *Primary) Close() {
	if p.ln != nil {
		p.ln.Close() // removes the socket file
	}
	p.lock.Unlock()
}
