package keychain

import (
	"errors"
	"slices"
	"testing"
)

// storeSuite is what every store must do, whichever keychain it is on:
// chunked accounts listed in the order they were added, read alone,
// replaced (telling what they replaced), renewed under the lock, and
// removed without touching the others. TestStoreSuite runs it on the
// in-memory backend, the Secret Service (a private one, under make test)
// and the kernel keyring (a keyring of the test's own).
func storeSuite(t *testing.T, open func() *Store) {
	s := open()
	a, b, c := testConn(1, 5000), testConn(2, 300), testConn(3, 9000)
	mustSave(t, s, a, b, c)
	if got, want := mustList(t, open()), snapshot(t, []*Account{a, b, c}); !slices.Equal(got, want) {
		t.Fatalf("List = %d accounts, want the 3 saved, in order", len(got))
	}
	if got, err := open().Get(c.ID()); err != nil || got.AccessToken != c.AccessToken {
		t.Fatalf("Get = %v, %v", got != nil, err)
	}

	renewed := testConn(1, 5200)
	renewed.AccessToken += "-renewed"
	old, err := s.Replace(renewed, a)
	if err != nil || old == nil || old.AccessToken != a.AccessToken {
		t.Fatalf("Replace = %v, %v; want what it replaced", old != nil, err)
	}
	err = s.Update(b.ID(), func(cur *Account) (*Account, error) {
		next := *cur
		next.AccessToken += "-updated"
		return &next, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(c.ID()); err != nil {
		t.Fatal(err)
	}
	fresh := open()
	conns, skipped, err := fresh.List()
	if err != nil || len(skipped) != 0 || len(conns) != 2 {
		t.Fatalf("after Replace, Update and Delete: %d accounts, skipped %v, %v", len(conns), skipped, err)
	}
	if conns[0].AccessToken != renewed.AccessToken || conns[1].AccessToken != b.AccessToken+"-updated" {
		t.Error("the accounts do not hold their last versions")
	}
	if _, err := fresh.Get(c.ID()); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get of the deleted account: %v, want ErrNotFound", err)
	}
	for _, conn := range conns {
		if err := fresh.Delete(conn.ID()); err != nil {
			t.Fatal(err)
		}
	}
	if got := mustList(t, open()); len(got) != 0 {
		t.Errorf("%d accounts left after deleting all", len(got))
	}
}

func TestStoreSuite(t *testing.T) {
	t.Run("memory", func(t *testing.T) {
		m := NewMemoryBackend(NoLimit)
		storeSuite(t, func() *Store { return NewWithBackend(testService, m) })
	})
	for _, s := range systemSuites {
		t.Run(s.name, func(t *testing.T) { storeSuite(t, s.open(t)) })
	}
}

// systemSuites are the system's own backends the suite runs on, each
// skipped where it cannot be reached: suite_linux_test.go adds the Secret
// Service and the kernel's keyring.
var systemSuites []systemSuite

// systemSuite is a backend for the suite: open skips the test where the
// backend cannot be reached, else gives what storeSuite opens stores with.
type systemSuite struct {
	name string
	open func(t *testing.T) func() *Store
}
