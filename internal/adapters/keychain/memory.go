package keychain

import (
	"encoding/base64"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/zalando/go-keyring"
)

// Limits says which platform's size rules a MemoryBackend follows.
type Limits int

const (
	// NoLimit stores anything, like a Secret Service.
	NoLimit Limits = iota
	// WindowsLimits refuses secrets over 2,560 bytes with
	// keyring.ErrSetDataTooBig, as go-keyring does for Windows Credential
	// Manager.
	WindowsLimits
	// MacOSLimits follows go-keyring on macOS: the secret is base64-encoded
	// into one `security -i` command line. Over 4,096 bytes Set returns
	// keyring.ErrSetDataTooBig; at exactly 4,096 it returns nil and stores
	// nothing (go-keyring issue #153).
	MacOSLimits
)

// MemoryBackend is a Backend that keeps entries in memory under a
// platform's size rules. Its zero value is ready to use, with NoLimit.
type MemoryBackend struct {
	Limits Limits

	mu      sync.Mutex
	entries map[string]string // service + "\x00" + user
}

// NewMemoryBackend returns an empty MemoryBackend with the given limits.
func NewMemoryBackend(l Limits) *MemoryBackend { return &MemoryBackend{Limits: l} }

// Set stores password, or refuses it as the platform would.
func (m *MemoryBackend) Set(service, user, password string) error {
	switch m.Limits {
	case WindowsLimits:
		if len(password) > 2560 || len(service) >= 512 {
			return keyring.ErrSetDataTooBig
		}
	case MacOSLimits:
		switch n := macOSCommandLen(service, user, password); {
		case n > 4096:
			return keyring.ErrSetDataTooBig
		case n == 4096:
			return nil
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.entries == nil {
		m.entries = make(map[string]string)
	}
	m.entries[service+"\x00"+user] = password
	return nil
}

// Get returns the stored password or keyring.ErrNotFound.
func (m *MemoryBackend) Get(service, user string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.entries[service+"\x00"+user]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return v, nil
}

// Delete removes an entry or returns keyring.ErrNotFound.
func (m *MemoryBackend) Delete(service, user string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	k := service + "\x00" + user
	if _, ok := m.entries[k]; !ok {
		return keyring.ErrNotFound
	}
	delete(m.entries, k)
	return nil
}

// Users returns the users stored under service, sorted: what a test asserts
// to find orphans.
func (m *MemoryBackend) Users(service string) []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var users []string
	for k := range m.entries {
		if svc, user, _ := strings.Cut(k, "\x00"); svc == service {
			users = append(users, user)
		}
	}
	slices.Sort(users)
	return users
}

// macOSCommandLen is the length of the line go-keyring v0.2.8 feeds to
// `security -i` for a Set, newline included.
func macOSCommandLen(service, user, password string) int {
	pw := "go-keyring-base64:" + base64.StdEncoding.EncodeToString([]byte(password))
	return len("add-generic-password -U -s " + shellQuote(service) + " -a " + shellQuote(user) +
		" -w " + shellQuote(pw) + "\n")
}

var shellUnsafe = regexp.MustCompile(`[^\w@%+=:,./-]`)

// shellQuote quotes s as go-keyring's internal shellescape.Quote does.
func shellQuote(s string) string {
	if s == "" {
		return "''"
	}
	if shellUnsafe.MatchString(s) {
		return "'" + strings.ReplaceAll(s, "'", `'"'"'`) + "'"
	}
	return s
}
