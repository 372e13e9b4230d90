package keychain

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestCheckWriteQuota: before a sign-in, a kernel store refuses when the
// user's quota has no room for a typical account, says how much it has
// and needs, and passes where it has room or cannot tell.
func TestCheckWriteQuota(t *testing.T) {
	need := TypicalNeed("test")
	if need.Keys < 2 || need.Bytes <= TypicalTokenBytes {
		t.Fatalf("a typical account needs %+v: less than its head, a part and its token", need)
	}
	cases := []struct {
		name  string
		kind  Kind
		quota *Quota
		full  bool
	}{
		{"room to spare", Kernel, &Quota{Keys: 1, MaxKeys: 200, Bytes: 100, MaxBytes: 20000}, false},
		{"exactly enough", Kernel, &Quota{Keys: 1, MaxKeys: 200, Bytes: 20000 - need.Bytes, MaxBytes: 20000}, false},
		{"a byte short", Kernel, &Quota{Keys: 1, MaxKeys: 200, Bytes: 20000 - need.Bytes + 1, MaxBytes: 20000}, true},
		{"no keys left", Kernel, &Quota{Keys: 199, MaxKeys: 200, Bytes: 100, MaxBytes: 20000}, true},
		{"no /proc to say", Kernel, nil, false},
		{"not the kernel's", System, &Quota{Keys: 200, MaxKeys: 200, Bytes: 20000, MaxBytes: 20000}, false},
	}
	defer func(was func() *Quota) { quotaNow = was }(quotaNow)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			quotaNow = func() *Quota { return tc.quota }
			s := NewWithBackend("test", NewMemoryBackend(NoLimit))
			s.kind = tc.kind
			err := s.CheckWrite()
			var nr *NoRoomError
			if tc.full != errors.As(err, &nr) || (!tc.full && err != nil) {
				t.Fatalf("CheckWrite = %v, want full %v", err, tc.full)
			}
			if tc.full && (!errors.Is(err, ErrQuota) || nr.Need != need || nr.Quota != *tc.quota) {
				t.Errorf("CheckWrite = %#v, want the quota and the need", err)
			}
		})
	}
}

// lifetimeMemory is a memory backend that keeps entries until a time, as
// the kernel's keyring does, and forgets them all when cleared.
type lifetimeMemory struct{ *MemoryBackend }

func (l lifetimeMemory) SetUntil(service, user, value string, _ time.Time) error {
	return l.Set(service, user, value)
}

// TestGoneLeavesATrace: an account whose entries the kernel dropped (the
// keyring cleared under it) is listed by Gone, with why; one that timed
// out says so; a disconnect leaves no trace.
func TestGoneLeavesATrace(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	b := lifetimeMemory{NewMemoryBackend(NoLimit)}
	s := NewWithBackend("test", b)
	fresh := testConn(1, 100)
	fresh.ExpiresAt = time.Now().Add(time.Hour)
	expired := testConn(2, 100)
	expired.ObtainedAt, expired.ExpiresAt, expired.RefreshToken = time.Now().Add(-3*time.Hour), time.Now().Add(-2*time.Hour), ""
	gone := testConn(3, 100)
	for _, c := range []*Account{fresh, expired, gone} {
		if err := s.Save(c); err != nil {
			t.Fatal(err)
		}
	}
	if g, err := s.Gone(); err != nil || len(g) != 0 {
		t.Fatalf("Gone with every account there = %+v, %v", g, err)
	}
	if err := s.Delete(gone.ID()); err != nil {
		t.Fatal(err)
	}
	// The kernel forgets everything: the persistent keyring is cleared.
	cleared := NewWithBackend("test", lifetimeMemory{NewMemoryBackend(NoLimit)})
	got, err := cleared.Gone()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]GoneWhy{fresh.ID(): Cleared, expired.ID(): TimedOut}
	if len(got) != len(want) {
		t.Fatalf("Gone = %+v, want %v", got, want)
	}
	for _, g := range got {
		if g.Why != want[g.ID] && !(g.Why == Restarted && want[g.ID] == Cleared) {
			t.Errorf("%s is gone as %q, want %q", g.ID, g.Why, want[g.ID])
		}
		if g.Email == "" || g.Until.IsZero() || g.Written.IsZero() {
			t.Errorf("the trace of %s says too little: %+v", g.ID, g)
		}
	}
	// Connected again, it is no longer gone.
	if err := cleared.Save(fresh); err != nil {
		t.Fatal(err)
	}
	if got, _ := cleared.Gone(); len(got) != 1 || got[0].ID != expired.ID() {
		t.Errorf("Gone after connecting one again = %+v", got)
	}
	// Kept for good, nothing is traced.
	if got, _ := NewWithBackend("test", NewMemoryBackend(NoLimit)).Gone(); got != nil {
		t.Errorf("a store that keeps entries for good has gone accounts: %+v", got)
	}
}

// TestHomeThatCannotBeWritten: where the user's cache folder cannot be
// made (a service account's HOME=/nonexistent; here a path under a plain
// file, which root cannot make either), the store locks in the runtime
// folder instead, and an account is kept.
func TestHomeThatCannotBeWritten(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	run := t.TempDir()
	t.Setenv("HOME", file)
	t.Setenv("XDG_CACHE_HOME", filepath.Join(file, "cache"))
	t.Setenv("XDG_RUNTIME_DIR", run)
	s := NewWithBackend("test", NewMemoryBackend(NoLimit))
	if err := s.CheckWrite(); err != nil {
		t.Fatalf("CheckWrite: %v", err)
	}
	if err := s.Save(testConn(1, 100)); err != nil {
		t.Fatalf("Save: %v", err)
	}
	if _, err := os.Stat(filepath.Join(run, "make-connect", "test.lock")); err != nil {
		t.Errorf("the lock is not in the runtime folder: %v", err)
	}
}
