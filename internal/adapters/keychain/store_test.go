package keychain

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/make-connect/make-connect/auth"
)

func TestSaveListGetDelete(t *testing.T) {
	m := NewMemoryBackend(NoLimit)
	s := NewWithBackend(testService, m)
	if got := mustList(t, s); len(got) != 0 {
		t.Fatalf("empty keychain lists %d accounts", len(got))
	}
	a, b, c := testConn(1, 100), testConn(2, 5000), testConn(3, 100)
	mustSave(t, s, a, b, c)

	// Saving the same account replaces it in place.
	b2 := testConn(2, 9000)
	b2.AccessToken = "access-" + secretMark + "-2-new"
	mustSave(t, s, b2)
	got := mustList(t, s)
	if want := snapshot(t, []*Account{a, b2, c}); !slices.Equal(got, want) {
		t.Fatalf("List after replace = %d accounts, want a, b2, c in order", len(got))
	}
	if g, err := s.Get(b.ID()); err != nil || g.AccessToken != b2.AccessToken {
		t.Fatalf("Get = %v, %v", g, err)
	}

	if err := s.Delete(b.ID()); err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{s.Delete(b.ID()), func() error { _, err := s.Get(b.ID()); return err }()} {
		if !errors.Is(err, ErrNotFound) {
			t.Errorf("after Delete: %v, want ErrNotFound", err)
		}
	}
	if got, want := mustList(t, NewWithBackend(testService, m)), snapshot(t, []*Account{a, c}); !slices.Equal(got, want) {
		t.Errorf("fresh store lists %d accounts, want a and c", len(got))
	}
	assertNoOrphans(t, m, testService)
	assertSmall(t, m, testService)
}

func TestDeleteRemovesExactlyThatAccount(t *testing.T) {
	m := NewMemoryBackend(NoLimit)
	s := NewWithBackend(testService, m)
	mustSave(t, s, testConn(1, 5000), testConn(2, 5000), testConn(3, 5000))
	if err := m.Set(testService, "someone-elses-entry", "left alone"); err != nil {
		t.Fatal(err)
	}
	before := values(m)
	gone := testConn(2, 0).ID()
	if err := s.Delete(gone); err != nil {
		t.Fatal(err)
	}
	after := values(m)
	for k, v := range before {
		mine := strings.HasPrefix(k, accountName(gone))
		index := k == indexName || strings.HasPrefix(k, indexName+"/")
		switch {
		case mine && after[k] != "":
			t.Errorf("%s survived Delete", k)
		case !mine && !index && after[k] != v:
			t.Errorf("%s changed by Delete", k)
		}
	}
	if _, err := s.Get(gone); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get deleted: %v", err)
	}
}

// Disconnecting the last account leaves nothing of the app's in the
// keychain, not even an empty account list; the next account starts one.
func TestDeleteLastAccountRemovesTheIndex(t *testing.T) {
	m := NewMemoryBackend(WindowsLimits)
	s := NewWithBackend(testService, m)
	a, b := testConn(1, 5000), testConn(2, 100)
	mustSave(t, s, a, b)
	for _, c := range []*Account{a, b} {
		if err := s.Delete(c.ID()); err != nil {
			t.Fatal(err)
		}
	}
	if left := m.Users(testService); len(left) != 0 {
		t.Fatalf("after deleting every account the keychain holds %q", left)
	}
	if got := mustList(t, NewWithBackend(testService, m)); len(got) != 0 {
		t.Fatalf("lists %d accounts", len(got))
	}
	mustSave(t, s, a)
	if got, want := mustList(t, NewWithBackend(testService, m)), snapshot(t, []*Account{a}); !slices.Equal(got, want) {
		t.Fatalf("after saving again: %d accounts, want a", len(got))
	}
	assertNoOrphans(t, m, testService)
}

// values returns every entry of testService.
func values(m *MemoryBackend) map[string]string {
	out := make(map[string]string)
	for _, u := range m.Users(testService) {
		out[u], _ = m.Get(testService, u)
	}
	return out
}

func TestRecordFitsEveryLimit(t *testing.T) {
	for _, l := range []struct {
		name   string
		limits Limits
	}{{"secret service", NoLimit}, {"windows", WindowsLimits}, {"macos", MacOSLimits}} {
		t.Run(l.name, func(t *testing.T) {
			m := NewMemoryBackend(l.limits)
			s := NewWithBackend(testService, m)
			big := testConn(1, 20_000)
			mustSave(t, s, big, testConn(2, 300))
			got := mustList(t, NewWithBackend(testService, m))
			if want := snapshot(t, []*Account{big, testConn(2, 300)}); !slices.Equal(got, want) {
				t.Fatal("20 KB record did not come back intact")
			}
			assertSmall(t, m, testService)
			assertNoOrphans(t, m, testService)
		})
	}
}

func TestManyAccountsIndexStaysSmall(t *testing.T) {
	m := NewMemoryBackend(WindowsLimits)
	s := NewWithBackend(testService, m)
	var want []*Account
	for i := range 160 {
		c := testConn(i, 50)
		want = append(want, c)
		mustSave(t, s, c)
	}
	if got := mustList(t, s); !slices.Equal(got, snapshot(t, want)) {
		t.Fatalf("List = %d accounts, want 160 in the order added", len(got))
	}
	h, err := s.readHead(indexName)
	if err != nil || h.N < 2 {
		t.Errorf("index head %+v, %v: want the list in several chunks", h, err)
	}
	assertSmall(t, m, testService)
	assertNoOrphans(t, m, testService)
}

func TestSaveRejectsIncompleteConnection(t *testing.T) {
	s := NewWithBackend(testService, NewMemoryBackend(NoLimit))
	for _, c := range []*Account{nil, {Connection: auth.Connection{Issuer: "https://www.make.com"}}} {
		if err := s.Save(c); err == nil {
			t.Errorf("Save(%+v) = nil, want an error", c)
		}
	}
}

func TestUpdate(t *testing.T) {
	m := NewMemoryBackend(NoLimit)
	s := NewWithBackend(testService, m)
	c := testConn(1, 3000)
	mustSave(t, s, c)
	err := s.Update(c.ID(), func(cur *Account) (*Account, error) {
		next := *cur
		next.AccessToken = "access-" + secretMark + "-refreshed"
		return &next, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Get(c.ID()); got.AccessToken != "access-"+secretMark+"-refreshed" {
		t.Errorf("Update did not store the new token")
	}
	errFn := errors.New("refresh failed")
	cases := []struct {
		name string
		id   string
		fn   func(*Account) (*Account, error)
		want error
	}{
		{"absent", testConn(9, 0).ID(), nil, ErrNotFound},
		{"fn error", c.ID(), func(*Account) (*Account, error) { return nil, errFn }, errFn},
		{"no change", c.ID(), func(*Account) (*Account, error) { return nil, nil }, nil},
		{"other account", c.ID(), func(*Account) (*Account, error) { return testConn(2, 0), nil }, errAny},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := s.Update(tc.id, tc.fn)
			if tc.want == errAny && err == nil || tc.want != errAny && !errors.Is(err, tc.want) {
				t.Errorf("Update = %v, want %v", err, tc.want)
			}
		})
	}
	assertNoOrphans(t, m, testService)
}

var errAny = errors.New("any error")

// Two stores stand for two processes: each has its own mutex and its own
// handle on the lock file, so only the file lock keeps them apart.
func TestConcurrentStores(t *testing.T) {
	m := NewMemoryBackend(NoLimit)
	stores := []*Store{NewWithBackend(testService, m), NewWithBackend(testService, m)}
	first := testConn(0, 100)
	first.AccessToken = "0"
	mustSave(t, stores[0], first)

	var wg sync.WaitGroup
	const perStore = 15
	for n, s := range stores {
		for i := range perStore {
			wg.Go(func() {
				if err := s.Save(testConn(1+n*perStore+i, 2500)); err != nil {
					t.Error(err)
				}
			})
			wg.Go(func() {
				err := s.Update(first.ID(), func(cur *Account) (*Account, error) {
					next := *cur
					next.AccessToken += "+"
					return &next, nil
				})
				if err != nil {
					t.Error(err)
				}
			})
		}
	}
	wg.Wait()
	conns, skipped, err := stores[1].List()
	if err != nil || len(skipped) > 0 || len(conns) != 1+2*perStore {
		t.Fatalf("List = %d accounts, %v, %v; want %d", len(conns), skipped, err, 1+2*perStore)
	}
	if got := conns[0].AccessToken; got != "0"+strings.Repeat("+", 2*perStore) {
		t.Errorf("token after concurrent updates = %q: an update was lost", got)
	}
	assertNoOrphans(t, m, testService)
}

// TestRecordsWithTheIDTokenStillLoad reads a record as earlier versions
// wrote it, with the raw id_token and its claims, which are no longer kept.
func TestRecordsWithTheIDTokenStillLoad(t *testing.T) {
	s := NewWithBackend(testService, NewMemoryBackend(NoLimit))
	c := testConn(1, 100)
	mustSave(t, s, c)
	old := `{"issuer":"https://www.make.com","client_id":"make-connect-test","subject":"user-1",` +
		`"name":"Ada","access_token":"at-old","id_token":"eyJhbGciOiJSUzI1NiJ9.e30.c2ln",` +
		`"claims":{"sub":"user-1","email":"ada@example.com"},"scopes":["openid"],"scopes_confirmed":false,` +
		`"obtained_at":"2026-03-01T12:00:00Z","expires_at":"2026-03-01T13:00:00Z"}`
	if err := s.writeRecord(accountName(c.ID()), []byte(old)); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(c.ID())
	if err != nil {
		t.Fatalf("an old record does not load: %v", err)
	}
	if got.Name != "Ada" || got.AccessToken != "at-old" || got.Subject != "user-1" || !got.ExpiryKnown() {
		t.Errorf("old record loaded as %+v", got)
	}
	if list := mustList(t, s); len(list) != 1 {
		t.Errorf("List gives %d accounts, want the old one", len(list))
	}
}

// countingBackend counts the entries read.
type countingBackend struct {
	*MemoryBackend
	gets int
}

func (c *countingBackend) Get(service, user string) (string, error) {
	c.gets++
	return c.MemoryBackend.Get(service, user)
}

// TestReplaceReturnsWhatItReplaced: Replace tells the connection it
// replaced; a guess that is what is stored is taken without reading the
// record's parts, a stale one is not trusted.
func TestReplaceReturnsWhatItReplaced(t *testing.T) {
	b := &countingBackend{MemoryBackend: NewMemoryBackend(NoLimit)}
	s := NewWithBackend(testService, b)
	first := testConn(1, 3000) // two parts
	if old, err := s.Replace(first, nil); err != nil || old != nil {
		t.Fatalf("adding: replaced %v, %v", old, err)
	}
	second := testConn(1, 3000)
	second.AccessToken += "-2"

	b.gets = 0
	old, err := s.Replace(second, first)
	if err != nil || old != first {
		t.Fatalf("with the right guess: replaced %v, %v; want the guess", old, err)
	}
	withGuess := b.gets

	third := testConn(1, 3000)
	third.AccessToken += "-3"
	b.gets = 0
	old, err = s.Replace(third, first) // stale: second is stored
	if err != nil || old == nil || old.AccessToken != second.AccessToken {
		t.Fatalf("with a stale guess: replaced %+v, %v; want what was stored", old, err)
	}
	if b.gets <= withGuess {
		t.Errorf("a right guess read %d entries, a stale one %d: the guess saved nothing", withGuess, b.gets)
	}
	if got, _ := s.Get(first.ID()); got.AccessToken != third.AccessToken {
		t.Error("the last write is not what is stored")
	}
}
