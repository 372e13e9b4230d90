package session

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/accounts"
)

// Notice is a desktop notification an account's state calls for
// (accounts.NoticeDue); explain words it.
type Notice struct {
	Kind accounts.Notice
	Conn *account.Connected
	// Among are the accounts shown when it was due, Conn one of them: a
	// face names the sign-in server when another has Conn's name.
	Among []*account.Connected
}

// Notices records which notices were sent: one empty file per account,
// token and kind in a folder, created exclusively, so that each is sent
// once per token across restarts and across processes. It holds no
// secret: a record is named by the account ID and the token's expiry.
type Notices struct {
	dir  string
	mu   sync.Mutex
	sent map[string]bool // without a folder: this process only
}

// NewNotices keeps the records in dir; "" keeps them in memory, for this
// process only.
func NewNotices(dir string) *Notices {
	return &Notices{dir: dir, sent: map[string]bool{}}
}

// noticeName is the record of kind for c's current token.
func noticeName(c *account.Connected, kind accounts.Notice) string {
	return strings.ReplaceAll(tokenKey(c), "/", "-") + "-" + [...]string{"none", "soon", "expired"}[kind]
}

// claim records that kind is sent for c's token, and reports whether it
// had not been. A folder that cannot be written makes it report true: a
// notice sent twice is better than one never sent.
func (n *Notices) claim(c *account.Connected, kind accounts.Notice) bool {
	name := noticeName(c, kind)
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.sent[name] {
		return false
	}
	n.sent[name] = true
	if n.dir == "" {
		return true
	}
	if err := os.MkdirAll(n.dir, 0o700); err != nil {
		return true
	}
	f, err := os.OpenFile(filepath.Join(n.dir, name), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return false
	}
	if err == nil {
		f.Close()
	}
	return true
}

// forgetAllBut removes the records of tokens that are not conns' current
// ones, so the folder stays as short as the list of accounts.
func (n *Notices) forgetAllBut(conns []*account.Connected) {
	keep := map[string]bool{}
	for _, c := range conns {
		keep[strings.ReplaceAll(tokenKey(c), "/", "-")] = true
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	kept := func(name string) bool {
		i := strings.LastIndexByte(name, '-')
		return i > 0 && keep[name[:i]]
	}
	for name := range n.sent {
		if !kept(name) {
			delete(n.sent, name)
		}
	}
	if n.dir == "" {
		return
	}
	entries, _ := os.ReadDir(n.dir)
	for _, e := range entries {
		if !kept(e.Name()) {
			os.Remove(filepath.Join(n.dir, e.Name()))
		}
	}
}
