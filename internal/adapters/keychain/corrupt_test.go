package keychain

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
)

// TestDamagedAccountIsSkipped damages one account in each way a foreign
// program, a torn write or a newer app version could, and checks that it is
// reported, not fatal, that the others load, and that Save and Delete deal
// with it without touching the others.
func TestDamagedAccountIsSkipped(t *testing.T) {
	a, b, c := testConn(1, 5000), testConn(2, 5000), testConn(3, 100)
	bHead, aHead := accountName(b.ID()), accountName(a.ID())
	cases := []struct {
		name   string
		damage func(t *testing.T, m *MemoryBackend)
	}{
		{"head is not json", func(t *testing.T, m *MemoryBackend) { set(t, m, bHead, "hunter2 "+secretMark) }},
		{"head is empty", func(t *testing.T, m *MemoryBackend) { set(t, m, bHead, "") }},
		{"head is missing", func(t *testing.T, m *MemoryBackend) { del(t, m, bHead) }},
		{"head copied from another account", func(t *testing.T, m *MemoryBackend) { set(t, m, bHead, get(t, m, aHead)) }},
		{"head from a newer version", func(t *testing.T, m *MemoryBackend) {
			set(t, m, bHead, strings.Replace(get(t, m, bHead), `"v":1`, `"v":2`, 1))
		}},
		{"chunk is garbage", func(t *testing.T, m *MemoryBackend) { set(t, m, chunkOf(t, m, bHead, 1), `{"x":"`+secretMark+`"}`) }},
		{"chunk is missing", func(t *testing.T, m *MemoryBackend) { del(t, m, chunkOf(t, m, bHead, 0)) }},
		{"chunk from another account", func(t *testing.T, m *MemoryBackend) {
			set(t, m, chunkOf(t, m, bHead, 0), get(t, m, chunkOf(t, m, aHead, 0)))
		}},
		{"record of another account", func(t *testing.T, m *MemoryBackend) {
			// A consistent head and chunk set, checksum and all, that
			// holds account a.
			h, err := parseHead(aHead, get(t, m, aHead))
			if err != nil {
				t.Fatal(err)
			}
			h.Name = bHead
			s := NewWithBackend(testService, m)
			if err := s.writeHead(h); err != nil {
				t.Fatal(err)
			}
			for i := range h.N {
				set(t, m, chunkKey(bHead, h.Gen, i), get(t, m, chunkKey(aHead, h.Gen, i)))
			}
		}},
		{"record is not a connection", func(t *testing.T, m *MemoryBackend) {
			s := NewWithBackend(testService, m)
			if err := s.writeRecord(bHead, []byte(`["`+secretMark+`"]`)); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := NewMemoryBackend(NoLimit)
			s := NewWithBackend(testService, m)
			mustSave(t, s, a, b, c)
			set(t, m, "another-apps-entry", "not ours")
			tc.damage(t, m)

			conns, skipped, err := s.List()
			if err != nil {
				t.Fatalf("List: %v", err)
			}
			if got, want := snapshot(t, conns), snapshot(t, []*Account{a, c}); !slices.Equal(got, want) {
				t.Errorf("List loaded %d accounts, want a and c", len(conns))
			}
			if len(skipped) != 1 || !errors.Is(skipped[0], ErrCorrupt) || !strings.Contains(skipped[0].Error(), b.ID()) {
				t.Errorf("skipped = %v, want one ErrCorrupt naming %s", skipped, b.ID())
			}
			for _, e := range skipped {
				noSecret(t, e)
			}
			if _, err := s.Get(b.ID()); !errors.Is(err, ErrCorrupt) {
				t.Errorf("Get damaged = %v, want ErrCorrupt", err)
			}
			noSecret(t, s.Update(b.ID(), func(*Account) (*Account, error) { return b, nil }))

			// Deleting the damaged account touches nothing else.
			others := m.Users(testService)
			if err := s.Delete(b.ID()); err != nil {
				t.Fatalf("Delete damaged: %v", err)
			}
			for _, u := range others {
				kept := !strings.HasPrefix(u, bHead) && !strings.HasPrefix(u, indexName)
				if _, err := m.Get(testService, u); kept && err != nil {
					t.Errorf("Delete of the damaged account removed %s", u)
				}
			}
			// Connecting it again works.
			mustSave(t, s, b)
			if got, want := mustList(t, s), snapshot(t, []*Account{a, c, b}); !slices.Equal(got, want) {
				t.Errorf("after reconnecting, List = %d accounts, want a, c, b", len(got))
			}
		})
	}
}

func TestSaveRepairsDamagedHead(t *testing.T) {
	m := NewMemoryBackend(NoLimit)
	s := NewWithBackend(testService, m)
	a, b := testConn(1, 300), testConn(2, 300)
	mustSave(t, s, a, b)
	set(t, m, accountName(b.ID()), "garbage")
	mustSave(t, s, b)
	if got, want := mustList(t, s), snapshot(t, []*Account{a, b}); !slices.Equal(got, want) {
		t.Errorf("Save over a damaged head did not repair it")
	}
}

// A damaged index stops writes: a fresh index would orphan every account.
func TestDamagedIndexStopsWrites(t *testing.T) {
	cases := []struct {
		name   string
		damage func(t *testing.T, m *MemoryBackend)
	}{
		{"head", func(t *testing.T, m *MemoryBackend) { set(t, m, indexName, "{") }},
		{"chunk", func(t *testing.T, m *MemoryBackend) { set(t, m, chunkOf(t, m, indexName, 0), `{"accounts":[]}`) }},
		{"bad id", func(t *testing.T, m *MemoryBackend) {
			s := NewWithBackend(testService, m)
			if err := s.writeRecord(indexName, []byte(`{"accounts":["../x"]}`)); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := NewMemoryBackend(NoLimit)
			s := NewWithBackend(testService, m)
			mustSave(t, s, testConn(1, 3000), testConn(2, 3000))
			tc.damage(t, m)
			before := values(m)
			if _, _, err := s.List(); !errors.Is(err, ErrCorrupt) {
				t.Errorf("List = %v, want ErrCorrupt", err)
			}
			for _, err := range []error{s.Save(testConn(3, 100)), s.Delete(testConn(1, 0).ID())} {
				if !errors.Is(err, ErrCorrupt) {
					t.Errorf("write = %v, want ErrCorrupt", err)
				}
			}
			if !maps.Equal(before, values(m)) {
				t.Error("a write changed the keychain despite the damaged index")
			}
		})
	}
}

func set(t *testing.T, m *MemoryBackend, user, value string) {
	t.Helper()
	if err := m.Set(testService, user, value); err != nil {
		t.Fatal(err)
	}
}

func get(t *testing.T, m *MemoryBackend, user string) string {
	t.Helper()
	v, err := m.Get(testService, user)
	if err != nil {
		t.Fatalf("get %s: %v", user, err)
	}
	return v
}

func del(t *testing.T, m *MemoryBackend, user string) {
	t.Helper()
	if err := m.Delete(testService, user); err != nil {
		t.Fatal(err)
	}
}

// chunkOf returns the key of chunk i of the committed version of name.
func chunkOf(t *testing.T, m *MemoryBackend, name string, i int) string {
	t.Helper()
	h, err := parseHead(name, get(t, m, name))
	if err != nil || h.N <= i {
		t.Fatalf("head %s: %+v, %v", name, h, err)
	}
	return chunkKey(name, h.Gen, i)
}
