//go:build linux

package keychain

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gofrs/flock"
)

// The lock file is refused where someone else could swap it, and through a
// link: a writer stops with words that say what to run, the keychain is
// not touched, and nothing is made where the link points. A reader reads
// anyway, as it does when the lock file cannot be opened.
func TestLockRefusesUnsafePlaces(t *testing.T) {
	elsewhere := filepath.Join(t.TempDir(), "not-the-lock")
	cases := []struct {
		name  string
		setUp func(t *testing.T, dir, file string)
		want  string
	}{
		{"lock file is a link", func(t *testing.T, dir, file string) {
			must(t, os.Symlink(elsewhere, file))
		}, "is a symbolic link"},
		{"lock file is a directory", func(t *testing.T, dir, file string) {
			must(t, os.Mkdir(file, 0o700))
		}, "is not a plain file"},
		{"directory writable by the group", func(t *testing.T, dir, file string) {
			must(t, os.Chmod(dir, 0o770))
		}, "chmod go-w"},
		{"directory writable by all", func(t *testing.T, dir, file string) {
			must(t, os.Chmod(dir, 0o777))
		}, "chmod go-w"},
		{"directory of another user", func(t *testing.T, dir, file string) {
			if os.Geteuid() != 0 {
				t.Skip("only root can give a directory away")
			}
			must(t, os.Chown(dir, 65534, 65534))
		}, "belongs to another user"},
		{"lock file of another user", func(t *testing.T, dir, file string) {
			if os.Geteuid() != 0 {
				t.Skip("only root can give a file away")
			}
			must(t, os.WriteFile(file, nil, 0o600))
			must(t, os.Chown(file, 65534, 65534))
		}, "belongs to another user"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cache := t.TempDir()
			t.Setenv("XDG_CACHE_HOME", cache)
			dir := filepath.Join(cache, "make-connect")
			must(t, os.Mkdir(dir, 0o700))
			tc.setUp(t, dir, filepath.Join(dir, safeFileName(testService)+".lock"))

			m := NewMemoryBackend(NoLimit)
			s := NewWithBackend(testService, m)
			err := s.Save(testConn(1, 100))
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), dir) {
				t.Fatalf("Save = %v, want a refusal saying %q", err, tc.want)
			}
			t.Logf("Save: %v", err)
			if users := m.Users(testService); len(users) > 0 {
				t.Errorf("the refused write stored %v", users)
			}
			if _, err := os.Lstat(elsewhere); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the link's target was made: %v", err)
			}
			if _, _, err := s.List(); err != nil {
				t.Errorf("List = %v, want a read without the lock", err)
			}
		})
	}
}

// gofrs/flock opens the lock file by name with the flags it is given: with
// noFollow a link put there after checkLockFile looked is not followed,
// and nothing is made where it points.
func TestLockFileOpenFollowsNoLink(t *testing.T) {
	dir := t.TempDir()
	target, link := filepath.Join(dir, "target"), filepath.Join(dir, "link")
	must(t, os.Symlink(target, link))
	ok, err := flock.New(link, flock.SetFlag(os.O_CREATE|os.O_RDONLY|noFollow)).TryLock()
	if ok || !errors.Is(err, syscall.ELOOP) {
		t.Errorf("TryLock through a link = %v, %v; want ELOOP", ok, err)
	}
	if _, err := os.Lstat(target); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the link's target was made: %v", err)
	}
}

// Another process that holds the lock is waited for a bounded time, then
// readers and writers give up with ErrBusy; once it lets go, they go on.
// The other process is a second store: its own lock file handle is all
// that keeps them apart.
func TestLockWaitIsBounded(t *testing.T) {
	m := NewMemoryBackend(NoLimit)
	other := NewWithBackend(testService, m)
	a := testConn(1, 100)
	mustSave(t, other, a)

	holding, release, done := make(chan struct{}), make(chan struct{}), make(chan error)
	go func() {
		done <- other.Update(a.ID(), func(*Account) (*Account, error) {
			close(holding)
			<-release
			return nil, nil
		})
	}()
	<-holding

	s := NewWithBackend(testService, m)
	s.lockWait = 200 * time.Millisecond
	const want = "another Make Connect is updating the keychain; "
	for name, call := range map[string]func() error{
		"save": func() error { return s.Save(testConn(2, 100)) },
		"list": func() error { _, _, err := s.List(); return err },
	} {
		start := time.Now()
		err := call()
		waited := time.Since(start)
		if !errors.Is(err, ErrBusy) || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s = %v, want ErrBusy saying %q", name, err, want)
		}
		// It gives up (the holder lets go only after this loop), and
		// not before the wait is over.
		if waited < s.lockWait {
			t.Errorf("%s gave up after %v, before the %v wait", name, waited, s.lockWait)
		}
	}

	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	mustSave(t, s, testConn(2, 100))
	if got := mustList(t, s); len(got) != 2 {
		t.Errorf("after the other let go, List = %d accounts, want 2", len(got))
	}
}
