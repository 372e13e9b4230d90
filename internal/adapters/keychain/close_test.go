package keychain

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// gatedDeletes holds each Delete of a key under prefix until the gate
// opens: a keychain slow to delete the parts of a replaced version, as the
// Secret Service is for a record of many parts.
type gatedDeletes struct {
	*MemoryBackend
	prefix string
	gate   chan struct{}
}

func (g *gatedDeletes) Delete(service, user string) error {
	if strings.HasPrefix(user, g.prefix) {
		<-g.gate
	}
	return g.MemoryBackend.Delete(service, user)
}

// TestCloseWaitsForTheCleanUp: Replace returns before it deletes the
// version it replaced; Close waits for that deletion, says when it
// stopped waiting, and once the deletion ends the store holds exactly the
// entries one clean write leaves.
func TestCloseWaitsForTheCleanUp(t *testing.T) {
	m := NewMemoryBackend(NoLimit)
	c := testConn(1, 12000) // many parts
	mustSave(t, NewWithBackend(testService, m), c)
	h, err := NewWithBackend(testService, m).readHead(accountName(c.ID()))
	if err != nil || h == nil {
		t.Fatalf("head: %v", err)
	}
	// The parts of the version Replace replaces.
	g := &gatedDeletes{m, accountName(c.ID()) + "/" + strconv.FormatUint(h.Gen, 10) + "/", make(chan struct{})}
	s := NewWithBackend(testService, g)

	renewed := *c
	renewed.AccessToken += "-renewed"
	if _, err := s.Replace(&renewed, c); err != nil {
		t.Fatal(err)
	}
	var unfinished *CleanupUnfinishedError
	if err := s.closeWithin(50 * time.Millisecond); !errors.As(err, &unfinished) {
		t.Fatalf("Close with the deletion held = %v, want a CleanupUnfinishedError", err)
	}
	close(g.gate)
	if err := s.Close(); err != nil {
		t.Fatalf("Close once the deletion can run = %v", err)
	}

	clean := NewMemoryBackend(NoLimit)
	cs := NewWithBackend(testService, clean)
	mustSave(t, cs, c)
	if _, err := cs.Replace(&renewed, c); err != nil {
		t.Fatal(err)
	}
	must(t, cs.Close())
	if got, want := m.Users(testService), clean.Users(testService); !slices.Equal(got, want) {
		t.Errorf("after Close the keychain holds\n%q\nwant what the same replace leaves when it runs to the end\n%q", got, want)
	}
	if err := NewWithBackend(testService, NewMemoryBackend(NoLimit)).Close(); err != nil {
		t.Errorf("Close of a store that wrote nothing = %v", err)
	}
}
