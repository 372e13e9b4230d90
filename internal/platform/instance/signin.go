package instance

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/make-connect/make-connect/internal/platform/userdir"
)

// A sign-in whose browser ends on the app's private-use scheme (RFC 8252
// §7.1) is answered in a new process: the operating system starts
// "make-connect com.makeconnect.app:/callback?code=…&state=…". That
// process hands the address to the sign-in waiting for it, the window's
// or a command line's, over this user's channel: each waiting sign-in
// listens on a socket of its own in the user's private folder
// (SignInDir), and the address goes to each until one takes it.
//
// The channel is this user's alone, checked on both ends: the folder must
// be private (userdir: the user's own, mode 0700 where modes say so, in
// %LocalAppData% on Windows), and each end asks the system which user the
// other is (SO_PEERCRED on Linux, LOCAL_PEERCRED on macOS, the pipe's
// process and its token on Windows, where the channel is a named pipe:
// channel_windows.go) and talks to no one else. The address carries the
// authorization code and the state: it is written to no file and no log.

// ErrNoSignIn means no sign-in waiting in the folder took the address:
// none waits, or the address is none of theirs.
var ErrNoSignIn = errors.New("no sign-in is waiting for this address")

// ErrOtherUser means the other end of the channel is another user of this
// computer: nothing was handed over.
var ErrOtherUser = errors.New("the other end of the sign-in channel is another user")

// maxAddress bounds what a waiting sign-in reads: browsers keep addresses
// well under it.
const maxAddress = 256 << 10

const (
	signInPrefix = "signin-"
	signInSuffix = ".sock"
	taken        = "taken"
	notMine      = "not mine"
)

// SignInDir is the folder every waiting sign-in of this user listens in,
// whatever keychain it stores into: the process the system starts cannot
// know which one is waiting.
func SignInDir() (string, error) { return Dir("") }

// Waiting is a sign-in listening for its address (AwaitSignIn).
type Waiting struct {
	ln      net.Listener
	path    string
	receive func(address string) error
	once    sync.Once
}

// AwaitSignIn listens in dir for the address a later process of this user
// is started with. receive is called with each address handed over, on
// the channel's goroutine; it returns nil when the address is this
// sign-in's (the hand-over then succeeds) and an error when it is not.
// Close stops listening.
func AwaitSignIn(dir string, receive func(address string) error) (*Waiting, error) {
	if err := userdir.Ensure(dir); err != nil {
		return nil, fmt.Errorf("the sign-in channel's folder: %w", err)
	}
	path := filepath.Join(dir, signInPrefix+hex.EncodeToString(randomName())+signInSuffix)
	ln, err := listen(path)
	if err != nil {
		return nil, fmt.Errorf("listen for the sign-in's answer: %w", err)
	}
	w := &Waiting{ln: ln, path: path, receive: receive}
	go w.serve()
	return w, nil
}

func randomName() []byte {
	b := make([]byte, 8)
	rand.Read(b)
	return b
}

// Close stops listening: the socket file goes.
func (w *Waiting) Close() {
	w.once.Do(func() {
		w.ln.Close()
		os.Remove(w.path)
	})
}

func (w *Waiting) serve() {
	for {
		conn, err := w.ln.Accept()
		if err != nil {
			return // closed
		}
		go w.answer(conn)
	}
}

func (w *Waiting) answer(conn net.Conn) {
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(answerWait))
	if err := sameUser(conn); err != nil {
		return // not a word to another user
	}
	line, err := bufio.NewReader(io.LimitReader(conn, maxAddress)).ReadString('\n')
	if err != nil {
		return
	}
	reply := taken
	if w.receive(strings.TrimSuffix(line, "\n")) != nil {
		reply = notMine
	}
	fmt.Fprintln(conn, reply)
}

// HandOver gives address to the sign-in waiting for it in dir, within a
// second. It returns ErrNoSignIn when none took it, and an error wrapping
// userdir.ErrNotPrivate when dir is not the user's alone: then nothing was
// sent.
func HandOver(dir, address string) error {
	switch err := userdir.Check(dir); {
	case errors.Is(err, os.ErrNotExist):
		return ErrNoSignIn // nothing ever waited
	case err != nil:
		return err
	}
	socks, _ := filepath.Glob(filepath.Join(dir, signInPrefix+"*"+signInSuffix))
	deadline := time.Now().Add(answerWait)
	for _, s := range socks {
		switch err := offer(s, address, deadline); {
		case err == nil:
			return nil
		case errors.Is(err, ErrOtherUser):
			return err
		}
	}
	return ErrNoSignIn
}

// offer gives address to the sign-in listening on socket; nil if it took
// it. A socket nobody listens on any more (its process was killed) is
// removed.
func offer(socket, address string, deadline time.Time) error {
	conn, err := dial(socket, deadline)
	if err != nil {
		if isGone(err) {
			os.Remove(socket)
		}
		return err
	}
	defer conn.Close()
	conn.SetDeadline(deadline)
	if err := sameUser(conn); err != nil {
		return err
	}
	if _, err := fmt.Fprintln(conn, address); err != nil {
		return err
	}
	reply, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return err
	}
	if reply != taken+"\n" {
		return ErrNoSignIn
	}
	return nil
}
