package accounts

import (
	"context"
	"errors"

	"github.com/make-connect/make-connect/internal/adapters/makeapi"
	"github.com/make-connect/make-connect/internal/core/account"
)

// Check asks Make's /users/me, at the account's own API base, whether c's
// access token still works; err says why when Make could not tell. A token
// without user:read is refused the profile (403) but accepted.
func (s *Service) Check(ctx context.Context, c *account.Connected) (account.Verdict, error) {
	_, err := s.api(c.APIBase).Me(ctx, c.AccessToken)
	switch {
	case err == nil, errors.Is(err, makeapi.ErrMissingScope):
		return account.Accepted, nil
	case errors.Is(err, makeapi.ErrRejected):
		return account.Rejected, nil
	}
	return account.Unreachable, err
}
