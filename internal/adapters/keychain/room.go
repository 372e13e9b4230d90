package keychain

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/makeapi"
)

// CheckWrite makes sure, before a person signs in, that an account could
// be kept now, so that a sign-in is not spent on an account that then
// cannot be stored: the keychain can be reached, the lock folder and file
// can be made and locked, and a keychain with a quota (the kernel's) has
// room for a typical account's keys. It writes no entry, and leaves no
// change mark.
func (s *Store) CheckWrite() error {
	if err := s.ready(); err != nil {
		return err
	}
	fl, err := s.lockFile(false)
	if err != nil {
		return err
	}
	if fl != nil {
		_ = fl.Unlock()
	}
	if s.Kind() != Kernel {
		return nil
	}
	q := quotaNow()
	if q == nil {
		return nil // /proc is not there to say (a chroot): the write will
	}
	need := TypicalNeed(s.service)
	if q.MaxBytes-q.Bytes < need.Bytes || q.MaxKeys-q.Keys < need.Keys {
		return &NoRoomError{Quota: *q, Need: need}
	}
	return nil
}

// quotaNow reads this user's kernel key quota; tests replace it.
var quotaNow = readQuota

// Usage is what entries take in the kernel's keyring, as the kernel counts
// it against the user's quota (/proc/key-users): keys, and bytes (each
// key's description, a NUL and its value).
type Usage struct{ Keys, Bytes int }

// NoRoomError is a kernel keyring that has no room for another account:
// the user's allowance and use (Quota), and what a typical account needs
// (Need, TypicalNeed). It is ErrQuota, found before the sign-in.
type NoRoomError struct {
	Quota Quota
	Need  Usage
}

func (e *NoRoomError) Error() string {
	return fmt.Sprintf("%v: %s in use, and an account needs about %d bytes in %d keys", ErrQuota, &e.Quota, e.Need.Bytes, e.Need.Keys)
}

func (e *NoRoomError) Is(target error) bool { return target == ErrQuota }

// TypicalTokenBytes is the length of the access token in the account
// TypicalNeed measures: Make's access tokens are JWTs of about a kilobyte.
const TypicalTokenBytes = 1200

var (
	typicalMu   sync.Mutex
	typicalSeen = map[string]Usage{}
)

// TypicalNeed is what adding an account of Make's (TypicalTokenBytes of
// access token, no refresh token, as Make gives public clients, a name,
// an email and two organizations) takes at its peak in a store on service
// that already holds one such account: the account's head and parts, and
// the account list's new version beside its old one until the switch. It
// is measured, by writing the accounts into a store in memory that counts
// as the kernel counts.
func TypicalNeed(service string) Usage {
	typicalMu.Lock()
	defer typicalMu.Unlock()
	if u, ok := typicalSeen[service]; ok {
		return u
	}
	b := &quotaCounter{MemoryBackend: NewMemoryBackend(NoLimit)}
	s := NewWithBackend(service, b)
	first := typicalAccount("1")
	p, _ := encode(first)
	_ = s.add(index{}, first.ID(), p)
	before := b.now
	b.peak = before
	second := typicalAccount("2")
	p, _ = encode(second)
	_ = s.add(index{Accounts: []string{first.ID()}}, second.ID(), p)
	u := Usage{Keys: b.peak.Keys - before.Keys, Bytes: b.peak.Bytes - before.Bytes}
	typicalSeen[service] = u
	return u
}

func typicalAccount(n string) *Account {
	at := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	return &Account{
		Connection: auth.Connection{
			Issuer: "https://www.make.com", ClientID: "make-connect", Subject: strings.Repeat("7", 7) + n,
			AccessToken: strings.Repeat("x", TypicalTokenBytes), TokenType: "Bearer",
			Scopes: []string{"openid", "user:read", "organizations:read"}, ScopesConfirmed: true,
			ObtainedAt: at, ExpiresAt: at.Add(time.Hour),
		},
		Profile: makeapi.Profile{
			Name: "Grace Hopper", Email: "grace.hopper@example.com", APIBase: "https://eu1.make.com/api/v2",
			Organizations: []makeapi.Organization{{ID: 1234567, Name: "Hopper & Co", Zone: "eu1.make.com"},
				{ID: 7654321, Name: "Navy Labs", Zone: "us1.make.com"}},
			ZonesChecked: true,
		},
	}
}

// quotaCounter is a MemoryBackend that counts, as the kernel does, what
// its entries take now and at the most.
type quotaCounter struct {
	*MemoryBackend
	sizes     map[string]int
	now, peak Usage
}

func (c *quotaCounter) Set(service, user, value string) error {
	if err := c.MemoryBackend.Set(service, user, value); err != nil {
		return err
	}
	c.count(service, user, len(description(service, user))+1+len(value))
	return nil
}

func (c *quotaCounter) Delete(service, user string) error {
	err := c.MemoryBackend.Delete(service, user)
	if err == nil {
		c.count(service, user, 0)
	}
	return err
}

func (c *quotaCounter) count(service, user string, size int) {
	if c.sizes == nil {
		c.sizes = map[string]int{}
	}
	key := description(service, user)
	old, had := c.sizes[key]
	switch {
	case size == 0:
		delete(c.sizes, key)
		c.now.Keys--
	case !had:
		c.now.Keys++
	}
	if size > 0 {
		c.sizes[key] = size
	}
	c.now.Bytes += size - old
	c.peak = Usage{max(c.peak.Keys, c.now.Keys), max(c.peak.Bytes, c.now.Bytes)}
}
