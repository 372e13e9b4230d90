package makeapi

import (
	"context"
	"errors"

	"github.com/make-connect/make-connect/internal/platform/sanitize"
)

// User is the connected person as Make's /users/me describes them.
type User struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

// Me returns the person the access token belongs to (GET /users/me, scope
// user:read). It also tells whether Make still accepts the token:
// ErrRejected when it does not.
func (c Client) Me(ctx context.Context, accessToken string) (*User, error) {
	var v struct {
		AuthUser *User `json:"authUser"`
	}
	if err := c.get(ctx, "ask Make who is connected", "/users/me", accessToken, &v); err != nil {
		return nil, err
	}
	if v.AuthUser == nil {
		return nil, errors.New("ask Make who is connected: the answer was not a user")
	}
	u := v.AuthUser
	u.Name, u.Email = sanitize.Text(u.Name), sanitize.Text(u.Email)
	return u, nil
}
