package keychain

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// A keychain that keeps entries for a limited time (the kernel's) drops
// an account without a word: its keys time out (lifetime.go), or the
// persistent keyring goes at reboot or after three days unused, the
// account list with it. So that the person learns what happened, and to
// connect again, such a store keeps a trace of each account it holds: a
// small file beside the lock file, <service>.traces, holding no secret
// (the account's ID and email, and when its keys were written and were
// set to go). It lives on disk because what it explains is the keyring,
// in memory, being emptied; in the cache folder, because losing it loses
// only the explanation. A disconnect removes an account's trace, a
// connect rewrites it; a trace older than traceKept goes on the next
// write.

// traceKept is how long a trace outlives its account's entries.
const traceKept = 30 * 24 * time.Hour

// trace is what the trace file keeps of one account.
type trace struct {
	ID      string    `json:"id"`
	Email   string    `json:"email,omitempty"`
	Written time.Time `json:"written"`
	Until   time.Time `json:"until"`
}

// GoneWhy is why the kernel dropped an account's keys.
type GoneWhy string

const (
	// TimedOut: the keys' own timeout passed (lifetime.go): an account
	// that could not renew itself, an hour past its token's expiry; one
	// that could, three days past it.
	TimedOut GoneWhy = "timed-out"
	// Restarted: the computer restarted since they were written, and the
	// kernel keeps keys in memory only.
	Restarted GoneWhy = "restarted"
	// Cleared: the persistent keyring went before them (three days
	// unused, /proc/sys/kernel/keys/persistent_keyring_expiry), or was
	// cleared by hand.
	Cleared GoneWhy = "cleared"
)

// Gone is an account whose entries the kernel dropped while its trace
// remained: its ID and email, when its keys were last written and when
// they were set to go, and why they are gone.
type Gone struct {
	ID, Email      string
	Written, Until time.Time
	Why            GoneWhy
}

// Gone lists the accounts this store kept whose entries are gone without
// a disconnect, as their traces say; none where entries are kept for good.
func (s *Store) Gone() ([]Gone, error) {
	if !s.expiring() {
		return nil, nil
	}
	traces := readTraces(s.service)
	if len(traces) == 0 {
		return nil, nil
	}
	conns, _, err := s.List()
	if err != nil {
		return nil, err
	}
	now := time.Now()
	var gone []Gone
	for _, t := range traces {
		if slices.ContainsFunc(conns, func(c *Account) bool { return c.ID() == t.ID }) {
			continue
		}
		g := Gone{ID: t.ID, Email: t.Email, Written: t.Written, Until: t.Until, Why: Cleared}
		switch boot := bootTime(); {
		case !t.Until.IsZero() && !now.Before(t.Until):
			g.Why = TimedOut
		case boot.After(t.Written):
			g.Why = Restarted
		}
		gone = append(gone, g)
	}
	return gone, nil
}

// traceWritten notes, after a write of c, that c's entries were written
// and when they may go; nothing where entries are kept for good. A trace
// that cannot be written costs only the explanation.
func (s *Store) traceWritten(c *Account) {
	if !s.expiring() {
		return
	}
	now := time.Now()
	ts := slices.DeleteFunc(readTraces(s.service), func(t trace) bool {
		return t.ID == c.ID() || now.Sub(t.Until) > traceKept
	})
	ts = append(ts, trace{ID: c.ID(), Email: c.Email, Written: now, Until: s.accountUntil(c)})
	writeTraces(s.service, ts)
}

// traceRemoved forgets account id's trace: it was disconnected.
func (s *Store) traceRemoved(id string) {
	if !s.expiring() {
		return
	}
	ts := readTraces(s.service)
	if kept := slices.DeleteFunc(slices.Clone(ts), func(t trace) bool { return t.ID == id }); len(kept) != len(ts) {
		writeTraces(s.service, kept)
	}
}

func tracePath(service string) (string, error) {
	dir, err := lockDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, safeFileName(service)+".traces"), nil
}

func readTraces(service string) []trace {
	path, err := tracePath(service)
	if err != nil {
		return nil
	}
	if err := checkLockFile(path); err != nil {
		return nil // a link or another's file: not read
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var ts []trace
	if json.Unmarshal(b, &ts) != nil {
		return nil
	}
	return slices.DeleteFunc(ts, func(t trace) bool { return !validID(t.ID) })
}

// writeTraces replaces the trace file: written aside, then renamed over
// it, so a reader sees the old or the new one. With no trace left, the
// file goes.
func writeTraces(service string, ts []trace) {
	path, err := tracePath(service)
	if err != nil {
		return
	}
	if len(ts) == 0 {
		_ = os.Remove(path)
		return
	}
	b, err := json.Marshal(ts)
	if err != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".traces-*")
	if err != nil {
		return
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		_ = os.Remove(f.Name())
	}
}

// bootTime is when the computer started (/proc/stat's btime); the zero
// time when that cannot be read.
func bootTime() time.Time {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return time.Time{}
	}
	for line := range strings.Lines(string(b)) {
		if secs, ok := strings.CutPrefix(strings.TrimSpace(line), "btime "); ok {
			if n, err := strconv.ParseInt(secs, 10, 64); err == nil {
				return time.Unix(n, 0)
			}
		}
	}
	return time.Time{}
}
