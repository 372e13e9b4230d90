package accounts

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/adapters/keychain"
	"github.com/make-connect/make-connect/internal/core/account"
)

// faultyStore is a keychain store whose CheckWrite and Gone answer as told.
type faultyStore struct {
	*keychain.Store
	writeErr error
	gone     []account.Gone
}

func (f faultyStore) CheckWrite() error {
	if f.writeErr != nil {
		return f.writeErr
	}
	return f.Store.CheckWrite()
}

func (f faultyStore) Gone() ([]account.Gone, error) { return f.gone, nil }

func conn(subject, email string) *account.Connected {
	return &account.Connected{Connection: auth.Connection{Issuer: "https://www.make.com", Subject: subject, AccessToken: "t"},
		Profile: account.Profile{Email: email}}
}

// TestReadyToConnect is what connect checks before the sign-in, and
// doctor with it: each problem stops it, as itself.
func TestReadyToConnect(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	ada, grace := conn("1", "ada@example.com"), conn("2", "grace@example.com")
	tmp := t.TempDir()
	file := filepath.Join(tmp, "file")
	os.WriteFile(file, nil, 0o600)
	full := &keychain.NoRoomError{Need: keychain.Usage{Keys: 3, Bytes: 2000}}
	cases := []struct {
		name      string
		max       int
		existing  []*account.Connected
		reconnect string
		writeErr  error
		settings  string
		want      any // an error type to match with errors.As, or nil
	}{
		{"nothing in the way", 0, nil, "", nil, file, nil},
		{"under MaxAccounts", 2, []*account.Connected{ada}, "", nil, tmp, nil},
		{"at MaxAccounts, a new one", 1, []*account.Connected{ada}, "", nil, tmp, new(*TooManyAccountsError)},
		{"at MaxAccounts, a reconnect", 1, []*account.Connected{ada}, ada.ID(), nil, tmp, nil},
		{"at MaxAccounts, a reconnect of one not there", 1, []*account.Connected{ada}, grace.ID(), nil, tmp, new(*TooManyAccountsError)},
		{"no room in the kernel keyring", 0, nil, "", full, tmp, new(*keychain.NoRoomError)},
		{"one account, no folder for the default", 0, []*account.Connected{ada}, "", nil, filepath.Join(file, "settings"), new(*DefaultNotSavableError)},
		{"no account, no folder for the default: none is saved", 0, nil, "", nil, filepath.Join(file, "settings"), nil},
		{"two accounts, no folder for the default: none is saved", 0, []*account.Connected{ada, grace}, "", nil, filepath.Join(file, "settings"), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := &Service{Store: faultyStore{Store: keychain.NewWithBackend("test", keychain.NewMemoryBackend(keychain.NoLimit)), writeErr: tc.writeErr},
				SettingsDir: tc.settings}
			s.Config.Policy.MaxAccounts = tc.max
			err := s.ReadyToConnect(tc.existing, tc.reconnect)
			if tc.want == nil {
				if err != nil {
					t.Errorf("ReadyToConnect = %v, want nil", err)
				}
				return
			}
			if !errors.As(err, new(*NotReadyError)) || !errors.As(err, tc.want) {
				t.Errorf("ReadyToConnect = %#v, want a %T inside a *NotReadyError", err, tc.want)
			}
		})
	}
}

// TestFindGone: an account the kernel dropped is named as gone, whether
// asked for by ID, by email or as the default; with no account left a
// stale default says none is connected.
func TestFindGone(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	grace := account.Gone{ID: "0123456789ab", Email: "grace@example.com", Why: keychain.Cleared}
	ada := account.Gone{ID: "ba9876543210", Email: "ada@example.com", Why: keychain.TimedOut}
	cases := []struct {
		name, ref, def string
		gone           []account.Gone
		want           string // the gone account's ID; "" for ErrNoAccount
	}{
		{"by email", "GRACE@example.com", "", []account.Gone{ada, grace}, grace.ID},
		{"by ID", grace.ID, "", []account.Gone{ada, grace}, grace.ID},
		{"the default", "", grace.ID, []account.Gone{ada, grace}, grace.ID},
		{"none named, the only one gone", "", "", []account.Gone{grace}, grace.ID},
		{"none named, two gone", "", "", []account.Gone{ada, grace}, ""},
		{"a stale default, nothing traced", "", "0123456789ab", nil, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := &Service{Store: faultyStore{Store: keychain.NewWithBackend("test", keychain.NewMemoryBackend(keychain.NoLimit)), gone: tc.gone}}
			s.Config.Account = tc.def
			s.Config.Sources = map[string]config.Source{config.EnvAccount: config.FromSaved}
			_, err := s.Find(tc.ref)
			var ge *GoneError
			switch {
			case tc.want == "" && !errors.Is(err, ErrNoAccount):
				t.Errorf("Find = %v, want %v", err, ErrNoAccount)
			case tc.want != "" && (!errors.As(err, &ge) || ge.ID != tc.want || !errors.Is(err, ErrAccountGone)):
				t.Errorf("Find = %v, want %s gone", err, tc.want)
			}
		})
	}
}
