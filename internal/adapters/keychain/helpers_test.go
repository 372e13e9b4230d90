package keychain

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/makeapi"
)

const testService = "com.makeconnect.test"

// secretMark is in every token the tests store; no error may contain it.
const secretMark = "SECRET"

func TestMain(m *testing.M) {
	// Lock files go to a throwaway cache directory, not the developer's;
	// child processes share their parent's, as two app processes would.
	if os.Getenv("KEYCHAIN_TEST_HELPER") != "" {
		os.Exit(m.Run())
	}
	dir, err := os.MkdirTemp("", "keychain-test-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// testConn returns account n with an access token of about pad bytes.
func testConn(n, pad int) *Account {
	return &Account{
		Connection: auth.Connection{
			Issuer:       "https://www.make.com",
			ClientID:     "make-connect-test",
			Subject:      fmt.Sprintf("user-%d", n),
			AccessToken:  "eyJ." + strings.Repeat(secretMark+"é", pad/8) + fmt.Sprintf(".%d", n),
			TokenType:    "Bearer",
			RefreshToken: fmt.Sprintf("refresh-%s-%d", secretMark, n),
			Scopes:       []string{"openid", "email", "scenarios:read"},
			ObtainedAt:   time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC),
			ExpiresAt:    time.Date(2026, 3, 1, 13, 0, 0, 0, time.UTC),
		},
		Profile: makeapi.Profile{
			Name:    fmt.Sprintf("Zoë Tester %d", n),
			Email:   fmt.Sprintf("user%d@example.com", n),
			APIBase: "https://eu1.make.com/api/v2",
		},
	}
}

// snapshot is the stored accounts as JSON, in List order.
func snapshot(t *testing.T, conns []*Account) []string {
	t.Helper()
	var out []string
	for _, c := range conns {
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

// mustList lists s and fails on any error or skipped entry.
func mustList(t *testing.T, s *Store) []string {
	t.Helper()
	conns, skipped, err := s.List()
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	if len(skipped) > 0 {
		t.Fatalf("List skipped %v", skipped)
	}
	return snapshot(t, conns)
}

func mustSave(t *testing.T, s *Store, cs ...*Account) {
	t.Helper()
	for _, c := range cs {
		if err := s.Save(c); err != nil {
			t.Fatalf("Save %s: %v", c.Subject, err)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// noSecret fails when err's text holds a stored token.
func noSecret(t *testing.T, err error) {
	t.Helper()
	if err != nil && strings.Contains(err.Error(), secretMark) {
		t.Errorf("error holds a secret: %v", err)
	}
}

// liveUsers returns the entries reachable from the index: its head and
// chunks, and every listed account's head and committed chunks.
func liveUsers(t *testing.T, b Backend, service string) []string {
	t.Helper()
	var live []string
	record := func(name string) []byte {
		raw, err := b.Get(service, name)
		if err != nil {
			return nil
		}
		live = append(live, name)
		h, err := parseHead(name, raw)
		if err != nil || h.current() == nil {
			return nil
		}
		var payload []byte
		for i := range h.N {
			key := chunkKey(name, h.Gen, i)
			c, _ := b.Get(service, key)
			live = append(live, key)
			payload = append(payload, c...)
		}
		return payload
	}
	var ix index
	if payload := record(indexName); payload != nil {
		if err := json.Unmarshal(payload, &ix); err != nil {
			t.Fatalf("index: %v", err)
		}
	}
	if len(ix.Pending) > 0 {
		t.Errorf("index still has pending accounts %v", ix.Pending)
	}
	for _, id := range slices.Concat(ix.Accounts, ix.Pending) {
		record(accountName(id))
	}
	slices.Sort(live)
	return live
}

// assertNoOrphans fails when m holds an entry under service that is not
// reachable from the index, or when an ID is still pending.
func assertNoOrphans(t *testing.T, m *MemoryBackend, service string) {
	t.Helper()
	all, live := m.Users(service), liveUsers(t, m, service)
	if !slices.Equal(all, live) {
		var orphans []string
		for _, u := range all {
			if !slices.Contains(live, u) {
				orphans = append(orphans, u)
			}
		}
		t.Errorf("orphan entries: %v", orphans)
	}
}

// assertSmall fails when m holds a value over chunkSize bytes.
func assertSmall(t *testing.T, m *MemoryBackend, service string) {
	t.Helper()
	for _, u := range m.Users(service) {
		v, _ := m.Get(service, u)
		if len(v) > chunkSize {
			t.Errorf("%s holds %d bytes, over %d", u, len(v), chunkSize)
		}
	}
}
