package keychain

import (
	"errors"
	"testing"
	"time"
)

// hanging is a keychain that never answers until released, like a Secret
// Service waiting for an unlock prompt on a headless machine.
type hanging struct {
	*MemoryBackend
	release chan struct{}
}

func (h hanging) Set(service, user, password string) error {
	<-h.release
	return h.MemoryBackend.Set(service, user, password)
}

func (h hanging) Get(service, user string) (string, error) {
	<-h.release
	return h.MemoryBackend.Get(service, user)
}

func TestHangingKeychainTimesOut(t *testing.T) {
	h := hanging{MemoryBackend: NewMemoryBackend(NoLimit), release: make(chan struct{})}
	s := NewWithBackend(testService, h)
	s.SetTimeout(50 * time.Millisecond)
	const want = "the system keychain did not answer within 0.05 s"

	cases := []struct {
		name string
		run  func() error
	}{
		{"list", func() error { _, _, err := s.List(); return err }},
		{"get", func() error { _, err := s.Get(testConn(1, 0).ID()); return err }},
		{"save", func() error { return s.Save(testConn(1, 100)) }},
		{"delete", func() error { return s.Delete(testConn(1, 0).ID()) }},
	}
	// The backend never answers: each call returns only because the
	// store gave up, and the text names the 0.05 s it waited.
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.run(); !errors.Is(err, ErrTimeout) || err.Error() != want {
				t.Errorf("err = %v, want ErrTimeout with text %q", err, want)
			}
		})
	}

	// Once the keychain answers again, so does the store.
	close(h.release)
	time.Sleep(10 * time.Millisecond)
	s.SetTimeout(0)
	mustSave(t, s, testConn(1, 100))
	if got := mustList(t, s); len(got) != 1 {
		t.Errorf("after the hang, List = %d accounts", len(got))
	}
}

func TestTimeoutText(t *testing.T) {
	cases := map[time.Duration]string{
		DefaultTimeout:          "the system keychain did not answer within 10 s",
		1500 * time.Millisecond: "the system keychain did not answer within 1.5 s",
	}
	for d, want := range cases {
		if got := (&timeoutError{after: d}).Error(); got != want {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
}
