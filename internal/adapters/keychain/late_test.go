package keychain

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// stalling is a keychain shared by several stores that holds up one Set, as
// a Secret Service can that answers long after the store stopped waiting,
// and writes down when each store's calls begin and end.
type stalling struct {
	*MemoryBackend
	stallOn string        // the first Set of a key with this prefix waits…
	stalled chan struct{} // …closed when it begins…
	release chan struct{} // …for this

	mu    sync.Mutex
	armed bool
	log   []string // "<store> begin|end <op> <key>"
}

func newStalling(prefix string) *stalling {
	return &stalling{MemoryBackend: NewMemoryBackend(NoLimit), stallOn: prefix, armed: true,
		stalled: make(chan struct{}), release: make(chan struct{})}
}

func (s *stalling) note(who, what string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = append(s.log, who+" "+what)
}

// first returns where the log first holds a line with the given prefix, or -1.
func (s *stalling) first(prefix string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.IndexFunc(s.log, func(l string) bool { return strings.HasPrefix(l, prefix) })
}

func (s *stalling) lines() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.log)
}

// as is the keychain as the store named who sees it.
func (s *stalling) as(who string) Backend { return stallingView{s, who} }

type stallingView struct {
	*stalling
	who string
}

func (v stallingView) Set(service, user, password string) error {
	v.note(v.who, "begin set "+user)
	defer v.note(v.who, "end set "+user)
	v.mu.Lock()
	stall := v.armed && strings.HasPrefix(user, v.stallOn)
	if stall {
		v.armed = false
	}
	v.mu.Unlock()
	if stall {
		close(v.stalled)
		<-v.release
	}
	return v.MemoryBackend.Set(service, user, password)
}

func (v stallingView) Get(service, user string) (string, error) {
	v.note(v.who, "begin get "+user)
	defer v.note(v.who, "end get "+user)
	return v.MemoryBackend.Get(service, user)
}

func (v stallingView) Delete(service, user string) error {
	v.note(v.who, "begin delete "+user)
	defer v.note(v.who, "end delete "+user)
	return v.MemoryBackend.Delete(service, user)
}

// A write cut off by the time-out lands later. Whatever is written after
// it, by this process or by another, must begin after it has landed, never
// before or in between: the late write would otherwise overwrite the newer
// one, or land in the middle of it.
func TestLateWriteIsNeverOvertaken(t *testing.T) {
	a, b, c, d := testConn(1, 100), testConn(2, 3000), testConn(3, 100), testConn(4, 100)
	cases := []struct {
		name string
		// next is the write after the timed-out one: by the same store, or
		// by another store standing for another process.
		sameStore bool
	}{
		{"same process", true},
		{"another process", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			k := newStalling(accountName(b.ID()) + "/")
			first := NewWithBackend(testService, k.as("first"))
			mustSave(t, first, a)
			first.SetTimeout(100 * time.Millisecond)

			// The write of b's chunks hangs past the time-out.
			if err := first.Save(b); !errors.Is(err, ErrTimeout) {
				t.Fatalf("Save with a hanging keychain = %v, want ErrTimeout", err)
			}
			<-k.stalled

			next, who := first, "first"
			if !tc.sameStore {
				next, who = NewWithBackend(testService, k.as("second")), "second"
				// While the late write is out, another process gives up
				// after its lock wait instead of writing.
				next.lockWait = 200 * time.Millisecond
				if err := next.Save(c); !errors.Is(err, ErrBusy) {
					t.Fatalf("Save by another process during the late write = %v, want ErrBusy", err)
				}
				next.lockWait = 10 * time.Second
			} else if err := next.Save(c); !errors.Is(err, ErrTimeout) {
				// The same process gives up after the call time-out.
				t.Fatalf("Save during the late write = %v, want ErrTimeout", err)
			}
			next.SetTimeout(10 * time.Second)
			before := k.first("second")

			// A write that waits for it: the late one lands meanwhile.
			go func() {
				time.Sleep(150 * time.Millisecond)
				close(k.release)
			}()
			mustSave(t, next, c)

			log := k.lines()
			chunk := accountName(b.ID()) + "/"
			stalled, landed := k.first("first begin set "+chunk), k.first("first end set "+chunk)
			if landed != stalled+1 {
				t.Errorf("calls ran while the late write was out:\n%s", strings.Join(log[stalled+1:landed], "\n"))
			}
			if before != -1 {
				t.Errorf("the other process touched the keychain during its refused write: %s", log[before])
			}
			if !slices.ContainsFunc(log[landed:], func(l string) bool { return strings.HasPrefix(l, who+" begin") }) {
				t.Fatalf("no call of the next write after the late one landed:\n%s", strings.Join(log, "\n"))
			}

			// The late chunk is named pending in b's head, so the next write
			// cleaned it up: the keychain holds a and c and nothing else.
			fresh := NewWithBackend(testService, k.MemoryBackend)
			if got, want := mustList(t, fresh), snapshot(t, []*Account{a, c}); !slices.Equal(got, want) {
				t.Errorf("List = %d accounts, want a and c", len(got))
			}
			mustSave(t, fresh, d)
			assertNoOrphans(t, k.MemoryBackend, testService)
		})
	}
}
