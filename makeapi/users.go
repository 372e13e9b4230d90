// Package makeapi is the small part of Make's REST API this app uses: who
// the connected person is, and where Make keeps their data (zones).
package makeapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/make-connect/make-connect/httpclient"
	"github.com/make-connect/make-connect/sanitize"
)

// ErrMissingScope means the token lacks the scope a call needs.
var ErrMissingScope = errors.New("the connection was not granted the user:read scope")

// User is the connected person as Make's /users/me describes them.
type User struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

// Client calls the Make API with an OAuth access token.
type Client struct {
	// BaseURL is the API base, e.g. https://eu1.make.com/api/v2.
	BaseURL string
	// HTTPClient makes the requests; nil means httpclient.Default().
	HTTPClient *http.Client
}

// Me returns the person the access token belongs to (GET /users/me, scope
// user:read).
func (c Client) Me(ctx context.Context, accessToken string) (*User, error) {
	url := strings.TrimSuffix(c.BaseURL, "/") + "/users/me"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("ask Make who is connected: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+accessToken)
	req.Header.Set("Accept", "application/json")
	hc := c.HTTPClient
	if hc == nil {
		hc = httpclient.Default()
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("ask Make who is connected: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("ask Make who is connected: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, apiError(resp.StatusCode, body)
	}
	var v struct {
		AuthUser *User `json:"authUser"`
	}
	if err := json.Unmarshal(body, &v); err != nil || v.AuthUser == nil {
		return nil, fmt.Errorf("ask Make who is connected: the answer (HTTP %d) was not a user", resp.StatusCode)
	}
	u := v.AuthUser
	u.Name, u.Email = sanitize.Text(u.Name), sanitize.Text(u.Email)
	return u, nil
}

// apiError turns Make's {"message","detail"} error body into words.
func apiError(status int, body []byte) error {
	if status == http.StatusForbidden {
		return fmt.Errorf("%w (HTTP 403)", ErrMissingScope)
	}
	var v struct {
		Message string `json:"message"`
		Detail  string `json:"detail"`
	}
	json.Unmarshal(body, &v)
	msg := sanitize.Text(strings.TrimSpace(v.Message + " " + v.Detail))
	if msg == "" {
		msg = http.StatusText(status)
	}
	return fmt.Errorf("Make answered HTTP %d: %s", status, msg)
}
