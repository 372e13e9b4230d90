package accounts

import (
	"context"
	"errors"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/makeapi"
)

// Verdict is what Make said of an access token when asked.
type Verdict string

const (
	Accepted Verdict = "accepted"
	// Rejected: Make refused the token (revoked, or expired early).
	Rejected Verdict = "rejected"
	// Unreachable: Make did not say (no network, an error, or the rate
	// limit).
	Unreachable Verdict = "unreachable"
)

// Check asks Make's /users/me, at the account's own API base, whether c's
// access token still works; err says why when Make could not tell. A token
// without user:read is refused the profile (403) but accepted.
func (s *Service) Check(ctx context.Context, c *auth.Connection) (Verdict, error) {
	_, err := s.api(c.APIBase).Me(ctx, c.AccessToken)
	switch {
	case err == nil, errors.Is(err, makeapi.ErrMissingScope):
		return Accepted, nil
	case errors.Is(err, makeapi.ErrRejected):
		return Rejected, nil
	}
	return Unreachable, err
}
