package accounts

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/core/account"
)

// ErrNotStored means renewed tokens could not be written to the keychain:
// the server has already spent the old refresh token, so the renewed
// access token works until it expires, and then the account must be
// connected again. Match it with errors.Is on a *NotStoredError.
var ErrNotStored = errors.New("the renewed tokens could not be stored")

// NotStoredError is renewed tokens that could not be stored: Conn holds
// them, and Err says why the keychain refused.
type NotStoredError struct {
	Conn *account.Connected
	Err  error
}

func (e *NotStoredError) Error() string {
	return fmt.Sprintf("%v (%v): account %s works until its token expires, then it must be connected again", ErrNotStored, e.Err, e.Conn.ID())
}

func (e *NotStoredError) Is(target error) bool { return target == ErrNotStored }

func (e *NotStoredError) Unwrap() error { return e.Err }

// storeAttempts is how often renewed tokens are written before giving up.
const storeAttempts = 3

// EnsureFresh returns the account's current connection, refreshed first
// when it has a refresh token and its refresh is due (RefreshDue).
func (s *Service) EnsureFresh(ctx context.Context, id string) (*account.Connected, error) {
	c, err := s.Store.Get(id)
	if err != nil {
		return nil, err
	}
	return s.ensureValidFor(ctx, c, 0)
}

// ensureValidFor returns c's account as it now is, refreshed first when
// its refresh is due or its token is not good for minValid, and it has a
// refresh token. The refresh runs inside the keychain's Update,
// which re-reads the account under the lock every process shares: of two
// processes refreshing at once the second sees the first one's new tokens
// and keeps them, instead of spending a rotated refresh token (as rclone
// does). On a failed refresh the stored connection is returned with the
// error; renewed tokens that cannot be stored are returned with
// ErrNotStored.
func (s *Service) ensureValidFor(ctx context.Context, c *account.Connected, minValid time.Duration) (*account.Connected, error) {
	if !s.refreshNeeded(c, minValid) {
		return c, nil
	}
	cfg := s.authConfig()
	current := c
	var renewed *account.Connected
	var spent string // the refresh token the server took
	err := s.Store.Update(c.ID(), func(stored *account.Connected) (*account.Connected, error) {
		current = stored
		if !s.refreshNeeded(stored, minValid) {
			return nil, nil // another process refreshed it meanwhile
		}
		fresh, err := auth.Refresh(ctx, cfg, &stored.Connection)
		if err != nil {
			return nil, err
		}
		// Make's profile of the person stays as it was: a refresh renews
		// the tokens, not what Make said of whom they belong to.
		n := &account.Connected{Connection: *fresh, Profile: stored.Profile}
		renewed, current, spent = n, n, stored.RefreshToken
		return n, nil
	})
	if err != nil && renewed != nil {
		// The server answered and spent the old refresh token; only the
		// keychain write failed. The rotated one must not be lost.
		err = s.storeRenewed(renewed, spent, err)
	}
	return current, err
}

// refreshNeeded reports whether c is to be refreshed now to be good for
// minValid.
func (s *Service) refreshNeeded(c *account.Connected, minValid time.Duration) bool {
	now := s.now()
	return c.RefreshToken != "" && c.ExpiryKnown() && (refreshDueAt(c, now) || !validFor(c, now, minValid))
}

// storeRenewed writes renewed tokens whose first write failed, a few
// more times: through Update, and only while the account still holds the
// refresh token that was spent, so it neither brings back an account
// that was disconnected meanwhile nor overwrites another process's newer
// tokens.
func (s *Service) storeRenewed(n *account.Connected, spent string, first error) error {
	err := first
	for i := 1; i < storeAttempts; i++ {
		time.Sleep(time.Duration(i) * 200 * time.Millisecond)
		err = s.Store.Update(n.ID(), func(stored *account.Connected) (*account.Connected, error) {
			if stored.RefreshToken != spent {
				return nil, nil // replaced meanwhile: that one is newer
			}
			return n, nil
		})
		if err == nil {
			return nil
		}
	}
	return &NotStoredError{Conn: n, Err: err}
}
