package keychain

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

// TestRepair damages the account list in the ways a torn write, a foreign
// program or a crash could, and checks what Repair finds, that a dry run
// changes nothing, that --apply writes a list every write accepts again,
// and that no entry but the list's own is ever changed or deleted.
func TestRepair(t *testing.T) {
	a, b, c := testConn(1, 3000).ID(), testConn(2, 100).ID(), testConn(3, 100).ID()
	cases := []struct {
		name    string
		damage  func(t *testing.T, s *Store, m *MemoryBackend)
		named   []string
		damaged bool     // the list does not read
		want    []string // the repaired list
		states  map[string]State
		needed  bool
		cleaned string // entries with this prefix go with the next write
	}{
		{name: "list reads", want: []string{a, b, c},
			states: map[string]State{a: Stored, b: Stored, c: Stored}},
		{name: "list head is not json", damage: func(t *testing.T, s *Store, m *MemoryBackend) {
			set(t, m, indexName, "{")
		}, named: []string{c, a}, damaged: true, needed: true, want: []string{c, a},
			states: map[string]State{a: Stored, c: Stored}},
		{name: "list head cut short", damage: func(t *testing.T, s *Store, m *MemoryBackend) {
			raw := get(t, m, indexName)
			set(t, m, indexName, raw[:strings.Index(raw, `"len"`)])
		}, damaged: true, needed: true, want: []string{a, b, c},
			states: map[string]State{a: Stored, b: Stored, c: Stored}},
		{name: "list chunk cut short", damage: func(t *testing.T, s *Store, m *MemoryBackend) {
			key := chunkOf(t, m, indexName, 0)
			chunk := get(t, m, key)
			set(t, m, key, chunk[:strings.Index(chunk, c)-2]+secretMark)
		}, named: []string{c}, damaged: true, needed: true, want: []string{a, b, c},
			states: map[string]State{a: Stored, b: Stored, c: Stored}},
		{name: "list names an invalid id", damage: func(t *testing.T, s *Store, m *MemoryBackend) {
			must(t, s.writeRecord(indexName, []byte(`{"accounts":["../x","`+b+`","`+a+`"]}`)))
		}, damaged: true, needed: true, want: []string{b, a},
			states: map[string]State{a: Stored, b: Stored}},
		{name: "damaged account is kept", damage: func(t *testing.T, s *Store, m *MemoryBackend) {
			set(t, m, indexName, "garbage")
			set(t, m, chunkOf(t, m, accountName(b), 0), secretMark)
		}, named: []string{a, b, c}, damaged: true, needed: true, want: []string{a, b, c},
			states: map[string]State{a: Stored, b: Damaged, c: Stored}},
		{name: "foreign entry under a named id", damage: func(t *testing.T, s *Store, m *MemoryBackend) {
			set(t, m, indexName, "garbage")
			set(t, m, accountName(b), "someone else's "+secretMark)
		}, named: []string{a, b}, damaged: true, needed: true, want: []string{a},
			states: map[string]State{a: Stored, b: Foreign}},
		{name: "account stored but not listed", damage: func(t *testing.T, s *Store, m *MemoryBackend) {
			must(t, s.writeIndex(index{Accounts: []string{a, b}}))
		}, named: []string{c, "000000000000"}, needed: true, want: []string{a, b, c},
			states: map[string]State{a: Stored, b: Stored, c: Stored, "000000000000": Absent}},
		{name: "account never finished", damage: func(t *testing.T, s *Store, m *MemoryBackend) {
			must(t, s.writeIndex(index{Accounts: []string{a, b}}))
			h, err := parseHead(accountName(c), get(t, m, accountName(c)))
			must(t, err)
			must(t, s.writeHead(&head{V: formatVersion, Name: h.Name, Pending: h.current()}))
			set(t, m, indexName, "garbage")
		}, named: []string{a, b, c}, damaged: true, needed: true, want: []string{a, b},
			states: map[string]State{a: Stored, b: Stored, c: Unfinished}, cleaned: accountName(c)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := NewMemoryBackend(NoLimit)
			s := NewWithBackend(testService, m)
			mustSave(t, s, testConn(1, 3000), testConn(2, 100), testConn(3, 100))
			set(t, m, "another-apps-entry", "not ours")
			if tc.damage != nil {
				tc.damage(t, s, m)
			}
			before := values(m)

			dry, err := s.Repair(false, tc.named)
			if err != nil {
				t.Fatalf("Repair: %v", err)
			}
			checkReport(t, dry, tc.damaged, tc.needed, tc.want, tc.states)
			for _, f := range dry.Found {
				t.Logf("%s %s, %s", f.ID, f.State, f.Source)
			}
			if dry.Applied || !maps.Equal(before, values(m)) {
				t.Fatal("a dry run changed the keychain")
			}

			done, err := s.Repair(true, tc.named)
			if err != nil {
				t.Fatalf("Repair --apply: %v", err)
			}
			checkReport(t, done, tc.damaged, tc.needed, tc.want, tc.states)
			if done.Applied != tc.needed {
				t.Errorf("Applied = %v, want %v", done.Applied, tc.needed)
			}
			after := values(m)
			for k, v := range before {
				if !strings.HasPrefix(k, indexName) && after[k] != v {
					t.Errorf("Repair changed or deleted %s", k)
				}
			}
			if again, err := s.Repair(false, tc.named); err != nil || again.Needed || again.Damage != nil {
				t.Errorf("after --apply, Repair = %+v, %v; want nothing needed", again, err)
			}
			conns, _, err := s.List()
			if err != nil || len(conns) != len(tc.want)-count(tc.states, Damaged) {
				t.Errorf("after --apply, List = %d accounts, %v", len(conns), err)
			}
			mustSave(t, s, testConn(4, 100))
			for _, u := range m.Users(testService) {
				if tc.cleaned != "" && strings.HasPrefix(u, tc.cleaned) {
					t.Errorf("%s survived the write after --apply", u)
				}
			}
		})
	}
}

func checkReport(t *testing.T, r Report, damaged, needed bool, want []string, states map[string]State) {
	t.Helper()
	if (r.Damage != nil) != damaged || r.Needed != needed {
		t.Errorf("Damage = %v, Needed = %v; want damaged %v, needed %v", r.Damage, r.Needed, damaged, needed)
	}
	if !slices.Equal(r.Accounts, want) {
		t.Errorf("Accounts = %v, want %v", r.Accounts, want)
	}
	got := map[string]State{}
	for _, f := range r.Found {
		got[f.ID] = f.State
		noSecret(t, f.Problem)
	}
	if !maps.Equal(got, states) {
		t.Errorf("found %v, want %v", got, states)
	}
	noSecret(t, r.Damage)
}

func count(states map[string]State, s State) int {
	n := 0
	for _, v := range states {
		if v == s {
			n++
		}
	}
	return n
}
