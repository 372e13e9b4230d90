package accounts

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/adapters/keychain"
	"github.com/make-connect/make-connect/internal/core/account"
	scripted "github.com/make-connect/make-connect/internal/testkit/person" // (person is a helper here)
	"github.com/make-connect/make-connect/internal/testkit/sandbox"
)

// flakyStore fails the next `fail` writes through Update after running
// the update (so a refresh really spends the refresh token), as a keychain
// that stops answering in the middle would.
type flakyStore struct {
	*keychain.Store
	fail int
}

func (f *flakyStore) Update(id string, fn func(*account.Connected) (*account.Connected, error)) error {
	if f.fail == 0 {
		return f.Store.Update(id, fn)
	}
	f.fail--
	current, err := f.Store.Get(id)
	if err != nil {
		return err
	}
	if _, err := fn(current); err != nil {
		return err
	}
	return errors.New("the system keychain did not answer within 10 s")
}

// connected is a service with one account connected to a sandbox that
// issues rotating refresh tokens, and the clock set inside its refresh
// margin.
func connected(t *testing.T, fail int) (*Service, *flakyStore, string) {
	t.Helper()
	srv := sandbox.Start(t, sandbox.Options{RefreshTokens: true})
	store := &flakyStore{Store: keychain.NewWithBackend("test", keychain.NewMemoryBackend(keychain.NoLimit))}
	cfg, err := config.Load(nil, func(k string) string {
		return map[string]string{config.EnvIssuer: srv.Issuer(), config.EnvAPIBase: srv.Issuer() + "/api/v2", config.EnvClientID: "c"}[k]
	}, nil, config.Policy{})
	if err != nil {
		t.Fatal(err)
	}
	s := &Service{Config: cfg, Store: store}
	a, err := s.Begin(context.Background(), func(ctx context.Context, c *account.Connected) error {
		if err := s.Describe(ctx, c); err != nil {
			return err
		}
		_, err := s.Save(c, nil)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := (scripted.Person{}).Approve(context.Background(), a.AuthURL()); err != nil {
		t.Fatal(err)
	}
	c, err := a.Wait(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s.Now = func() time.Time { return time.Now().Add(59 * time.Minute) }
	store.fail = fail
	return s, store, c.ID()
}

// TestRenewedTokensAreNotLost: the server spends the old refresh token, so
// when storing the new ones fails they are written again; when that keeps
// failing they are still handed out, with ErrNotStored saying so.
func TestRenewedTokensAreNotLost(t *testing.T) {
	t.Run("the second write works", func(t *testing.T) {
		s, store, id := connected(t, 1)
		before, _ := store.Get(id)
		n, err := s.EnsureFresh(context.Background(), id)
		if err != nil || n.RefreshToken == before.RefreshToken {
			t.Fatalf("EnsureFresh = %v; refresh token rotated: %v", err, n != nil && n.RefreshToken != before.RefreshToken)
		}
		stored, _ := store.Get(id)
		if stored.RefreshToken != n.RefreshToken || stored.AccessToken != n.AccessToken {
			t.Error("the rotated tokens were not stored")
		}
		// And they work: the server takes the stored refresh token.
		s.Now = time.Now
		if _, err := auth.Refresh(context.Background(), s.authConfig(), &stored.Connection); err != nil {
			t.Errorf("the stored refresh token: %v", err)
		}
	})
	t.Run("every write fails", func(t *testing.T) {
		s, store, id := connected(t, storeAttempts)
		before, _ := store.Get(id)
		n, err := s.EnsureFresh(context.Background(), id)
		if !errors.Is(err, ErrNotStored) || n == nil || n.AccessToken == before.AccessToken {
			t.Fatalf("EnsureFresh = %+v, %v; want the new tokens with ErrNotStored", n, err)
		}
		if stored, _ := store.Get(id); stored.RefreshToken != before.RefreshToken {
			t.Error("the store changed though every write failed")
		}
	})
	t.Run("disconnected meanwhile", func(t *testing.T) {
		s, store, id := connected(t, 1)
		store.fail = 1
		// The write fails, and before the retry the account goes.
		go func() { time.Sleep(50 * time.Millisecond); store.Store.Delete(id) }()
		s.EnsureFresh(context.Background(), id)
		if _, err := store.Get(id); !errors.Is(err, keychain.ErrNotFound) {
			t.Errorf("a disconnected account came back: %v", err)
		}
	})
}
