package instance

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// On Windows each end of the channel is a named pipe (Wine, which runs
// the Windows tests here, has no Unix-domain sockets). Pipes live in a
// namespace every user shares, so the file at path, in the user's private
// folder, holds the pipe's name: a random one, which nobody can take
// first (the first instance is made with FILE_FLAG_FIRST_PIPE_INSTANCE).
// The pipe admits this user alone (its access list) and no other
// computer; each end asks the system which process the other is and which
// user runs it (sameUser), and a client lets the server identify it but
// not act as it (SECURITY_IDENTIFICATION).
//
// The pipe's handles are overlapped and handed to os.NewFile, which puts
// them on the runtime's poller: reads and writes keep the deadlines the
// channel sets.

const pipePrefix = `\\.\pipe\make-connect-`

// errNoPipe means the file names no pipe of ours, or a pipe nobody
// listens on: what a window or sign-in killed outright leaves.
var errNoPipe = errors.New("nobody listens on this channel any more")

func listen(path string) (net.Listener, error) {
	user, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return nil, fmt.Errorf("who runs this process: %w", err)
	}
	// Protected (nothing inherited): everything for this user, no one else.
	sd, err := windows.SecurityDescriptorFromString("D:P(A;;GA;;;" + user.User.Sid.String() + ")")
	if err != nil {
		return nil, err
	}
	random := make([]byte, 16)
	rand.Read(random)
	l := &pipeListener{
		name: pipePrefix + hex.EncodeToString(random),
		path: path,
		sa:   &windows.SecurityAttributes{Length: uint32(unsafe.Sizeof(windows.SecurityAttributes{})), SecurityDescriptor: sd},
	}
	if l.next, err = l.instance(true); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err == nil {
		_, err = f.WriteString(l.name)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		windows.CloseHandle(l.next)
		os.Remove(path)
		return nil, err
	}
	return l, nil
}

// pipeListener is a named pipe's server: next is the instance the next
// client connects to. Closing it removes the file naming the pipe, as a
// Unix socket's listener removes its file.
type pipeListener struct {
	name, path string
	sa         *windows.SecurityAttributes

	mu        sync.Mutex
	next      windows.Handle
	accepting bool
	closed    bool
}

func (l *pipeListener) instance(first bool) (windows.Handle, error) {
	name, err := windows.UTF16PtrFromString(l.name)
	if err != nil {
		return 0, err
	}
	flags := uint32(windows.PIPE_ACCESS_DUPLEX | windows.FILE_FLAG_OVERLAPPED)
	if first {
		flags |= windows.FILE_FLAG_FIRST_PIPE_INSTANCE
	}
	mode := uint32(windows.PIPE_TYPE_BYTE | windows.PIPE_READMODE_BYTE | windows.PIPE_WAIT | windows.PIPE_REJECT_REMOTE_CLIENTS)
	return windows.CreateNamedPipe(name, flags, mode, windows.PIPE_UNLIMITED_INSTANCES, 4096, 4096, 0, l.sa)
}

func (l *pipeListener) Accept() (net.Conn, error) {
	for {
		conn, err := l.accept()
		// A client that came and went before it was seen: wait for the next.
		if !errors.Is(err, windows.ERROR_NO_DATA) && !errors.Is(err, windows.ERROR_BROKEN_PIPE) {
			return conn, err
		}
	}
}

func (l *pipeListener) accept() (net.Conn, error) {
	l.mu.Lock()
	if l.closed || l.accepting {
		l.mu.Unlock()
		return nil, net.ErrClosed
	}
	h := l.next
	l.accepting = true
	l.mu.Unlock()

	err := l.connect(h)

	l.mu.Lock()
	defer l.mu.Unlock()
	l.accepting = false
	if l.closed {
		windows.CloseHandle(h)
		return nil, net.ErrClosed
	}
	if err != nil {
		windows.DisconnectNamedPipe(h)
		return nil, err
	}
	next, err := l.instance(false)
	if err != nil {
		// The connected client is served; later ones find no instance.
		next = 0
	}
	l.next = next
	return &pipeConn{File: os.NewFile(uintptr(h), l.name)}, nil
}

// connect waits for a client on the instance h; Close cancels the wait.
func (l *pipeListener) connect(h windows.Handle) error {
	if h == 0 {
		return net.ErrClosed
	}
	ev, err := windows.CreateEvent(nil, 1, 0, nil)
	if err != nil {
		return err
	}
	defer windows.CloseHandle(ev)
	ov := windows.Overlapped{HEvent: ev}
	switch err := windows.ConnectNamedPipe(h, &ov); {
	case err == nil, errors.Is(err, windows.ERROR_PIPE_CONNECTED):
		return nil
	case !errors.Is(err, windows.ERROR_IO_PENDING):
		return err
	}
	l.mu.Lock()
	if l.closed { // closed before the wait began: Close's cancel missed it
		windows.CancelIoEx(h, &ov)
	}
	l.mu.Unlock()
	var n uint32
	return windows.GetOverlappedResult(h, &ov, &n, true)
}

func (l *pipeListener) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil
	}
	l.closed = true
	if l.accepting {
		windows.CancelIoEx(l.next, nil) // accept closes it
	} else if l.next != 0 {
		windows.CloseHandle(l.next)
	}
	os.Remove(l.path)
	return nil
}

func (l *pipeListener) Addr() net.Addr { return pipeAddr(l.name) }

// pipeConn is one end of a connected pipe.
type pipeConn struct{ *os.File }

func (c *pipeConn) LocalAddr() net.Addr  { return pipeAddr(c.Name()) }
func (c *pipeConn) RemoteAddr() net.Addr { return pipeAddr(c.Name()) }

type pipeAddr string

func (pipeAddr) Network() string  { return "pipe" }
func (a pipeAddr) String() string { return string(a) }

func dial(path string, deadline time.Time) (net.Conn, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(io.LimitReader(f, 128))
	f.Close()
	if err != nil {
		return nil, err
	}
	name := string(b)
	if _, err := hex.DecodeString(strings.TrimPrefix(name, pipePrefix)); err != nil || !strings.HasPrefix(name, pipePrefix) {
		return nil, errNoPipe
	}
	name16, err := windows.UTF16PtrFromString(name)
	if err != nil {
		return nil, errNoPipe
	}
	for {
		h, err := windows.CreateFile(name16, windows.GENERIC_READ|windows.GENERIC_WRITE, 0, nil, windows.OPEN_EXISTING,
			windows.FILE_FLAG_OVERLAPPED|windows.SECURITY_SQOS_PRESENT|windows.SECURITY_IDENTIFICATION, 0)
		switch {
		case err == nil:
			return &pipeConn{File: os.NewFile(uintptr(h), name)}, nil
		case errors.Is(err, windows.ERROR_FILE_NOT_FOUND):
			return nil, errNoPipe
		case !errors.Is(err, windows.ERROR_PIPE_BUSY) || time.Now().After(deadline):
			return nil, &os.PathError{Op: "open", Path: name, Err: err}
		}
		time.Sleep(10 * time.Millisecond) // every instance is serving a client
	}
}

func isGone(err error) bool { return errors.Is(err, errNoPipe) }
