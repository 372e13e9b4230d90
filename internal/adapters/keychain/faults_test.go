package keychain

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/zalando/go-keyring"
)

// A fault is what goes wrong at the at-th call of a kind.
type fault int

const (
	noFault       fault = iota
	setFails            // that Set returns an error
	setTooBig           // that Set returns keyring.ErrSetDataTooBig
	setSilent           // that Set returns nil and stores nothing (go-keyring #153)
	deleteFails         // that Delete returns an error
	getGarbage          // that Get of a chunk returns a torn or foreign chunk
	dies                // that call and every later one fails: the process is gone
	diesPanicking       // that call and every later one panics
)

var faultNames = map[fault]string{
	setFails: "set fails", setTooBig: "set too big", setSilent: "set silently lost",
	deleteFails: "delete fails", getGarbage: "get garbage", dies: "process dies",
	diesPanicking: "backend panics",
}

// faulty is a MemoryBackend with one fault at the at-th call of its kind.
type faulty struct {
	*MemoryBackend
	fault fault
	at    int

	mu     sync.Mutex
	counts map[fault]int
}

var errInjected = errors.New("injected keychain failure")

// hit counts a call of kind k and reports whether the fault fires on it.
func (f *faulty) hit(k fault) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.counts == nil {
		f.counts = make(map[fault]int)
	}
	f.counts[k]++
	f.counts[dies]++
	switch f.fault {
	case dies, diesPanicking:
		if f.counts[dies] >= f.at {
			if f.fault == diesPanicking {
				panic("backend crashed holding " + secretMark)
			}
			return true
		}
		return false
	}
	return k == f.fault && f.counts[k] == f.at
}

func (f *faulty) Set(service, user, password string) error {
	kind := setFails
	if f.fault == setTooBig || f.fault == setSilent {
		kind = f.fault
	}
	if f.hit(kind) {
		switch f.fault {
		case setTooBig:
			return keyring.ErrSetDataTooBig
		case setSilent:
			return nil
		}
		return errInjected
	}
	return f.MemoryBackend.Set(service, user, password)
}

func (f *faulty) Get(service, user string) (string, error) {
	kind := noFault
	if strings.Count(user, "/") >= 2 { // a chunk key
		kind = getGarbage
	}
	if f.hit(kind) {
		if f.fault == getGarbage {
			return `{"not":"our chunk"}`, nil
		}
		return "", errInjected
	}
	return f.MemoryBackend.Get(service, user)
}

func (f *faulty) Delete(service, user string) error {
	if f.hit(deleteFails) {
		return errInjected
	}
	return f.MemoryBackend.Delete(service, user)
}

// An op is a write tried under every fault: before and after are the
// stored accounts without and with it.
type op struct {
	name   string
	run    func(s *Store) error
	before []*Account
	after  []*Account
}

func faultOps() []op {
	a, b, c := testConn(1, 5000), testConn(2, 4000), testConn(3, 300)
	b2 := testConn(2, 7000)
	b2.AccessToken = "access-" + secretMark + "-2-refreshed"
	d := testConn(4, 4500)
	seed := []*Account{a, b, c}
	return []op{
		{"add", func(s *Store) error { return s.Save(d) }, seed, []*Account{a, b, c, d}},
		{"replace", func(s *Store) error { return s.Save(b2) }, seed, []*Account{a, b2, c}},
		{"update", func(s *Store) error {
			return s.Update(b.ID(), func(*Account) (*Account, error) { return b2, nil })
		}, seed, []*Account{a, b2, c}},
		{"delete", func(s *Store) error { return s.Delete(b.ID()) }, seed, []*Account{a, c}},
	}
}

// TestWriteSurvivesEveryFault breaks each write at every step it takes, in
// every way, under every platform's size limit. After each, a fresh store
// must load either the old accounts or the new ones, intact, never a mix;
// a write that returned nil must have happened; and the next successful
// write must leave no stray entry behind.
func TestWriteSurvivesEveryFault(t *testing.T) {
	limits := map[string]Limits{"secret service": NoLimit, "windows": WindowsLimits, "macos": MacOSLimits}
	faults := []fault{setFails, setTooBig, setSilent, deleteFails, getGarbage, dies, diesPanicking}
	cases := 0
	for lname, l := range limits {
		for _, o := range faultOps() {
			for _, f := range faults {
				// A clean run counts the calls of the fault's kind.
				probe := runWithFault(t, l, o, f, 1<<30)
				steps := probe.counts[f]
				if f == diesPanicking {
					steps = probe.counts[dies]
				}
				if steps == 0 {
					t.Fatalf("%s %s: no call to break", o.name, faultNames[f])
				}
				for at := 1; at <= steps; at++ {
					t.Run(fmt.Sprintf("%s/%s/%s/%d", lname, o.name, faultNames[f], at), func(t *testing.T) {
						checkFault(t, l, o, f, at)
					})
					cases++
				}
			}
		}
	}
	t.Logf("%d fault cases", cases)
}

func runWithFault(t *testing.T, l Limits, o op, f fault, at int) *faulty {
	t.Helper()
	m := NewMemoryBackend(l)
	mustSave(t, NewWithBackend(testService, m), o.before...)
	fb := &faulty{MemoryBackend: m, fault: f, at: at}
	if f == dies || f == diesPanicking {
		fb.fault = noFault // count every call
	}
	if err := o.run(NewWithBackend(testService, fb)); err != nil {
		t.Fatalf("%s without fault: %v", o.name, err)
	}
	return fb
}

func checkFault(t *testing.T, l Limits, o op, f fault, at int) {
	m := NewMemoryBackend(l)
	mustSave(t, NewWithBackend(testService, m), o.before...)
	before, after := snapshot(t, o.before), snapshot(t, o.after)

	err := o.run(NewWithBackend(testService, &faulty{MemoryBackend: m, fault: f, at: at}))
	noSecret(t, err)

	fresh := NewWithBackend(testService, m)
	got := mustList(t, fresh)
	switch {
	case slices.Equal(got, after):
	case slices.Equal(got, before):
		if err == nil {
			t.Fatalf("%s returned nil but did not happen", o.name)
		}
	default:
		t.Fatalf("after the fault the store holds neither the old nor the new accounts")
	}

	// The next write: the same one again, or, when it already happened and
	// cannot be repeated, any write.
	err = o.run(fresh)
	if errors.Is(err, ErrNotFound) {
		err = fresh.Update(o.before[0].ID(), func(*Account) (*Account, error) { return nil, nil })
	}
	if err != nil {
		t.Fatalf("write after the fault: %v", err)
	}
	if got := mustList(t, fresh); !slices.Equal(got, after) {
		t.Fatalf("write after the fault did not give the new accounts")
	}
	assertNoOrphans(t, m, testService)
	assertSmall(t, m, testService)
}
