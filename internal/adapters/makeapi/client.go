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

	"github.com/make-connect/make-connect/internal/platform/httpclient"
	"github.com/make-connect/make-connect/internal/platform/sanitize"
)

// Client calls the Make API with an OAuth access token.
type Client struct {
	// BaseURL is the API base, e.g. https://eu1.make.com/api/v2. The
	// access token goes to it: it must be the account's own.
	BaseURL string
	// HTTPClient makes the requests; nil means httpclient.Default().
	HTTPClient *http.Client
}

// Errors the callers branch on; match them with errors.Is on an *Error.
var (
	// ErrRejected means Make refused the access token (HTTP 401): it was
	// revoked, or expired early.
	ErrRejected = errors.New("the access token was rejected by Make")
	// ErrMissingScope means the token lacks the scope a call needs (403).
	ErrMissingScope = errors.New("the connection was not granted the scope this needs")
	// ErrRateLimited means the organization's rate limit is used up (429):
	// 60 to 1,000 requests a minute by plan; wait a minute.
	ErrRateLimited = errors.New("the organization's rate limit at Make is used up")
)

// Error is Make's answer to a call that failed: its HTTP status and the
// {"message","detail","code"} body Make sends, made safe to print.
type Error struct {
	Status  int
	Message string
	Detail  string
	Code    string
}

func (e *Error) Error() string {
	msg := strings.TrimSpace(e.Message + ": " + e.Detail)
	msg = strings.Trim(msg, ": ")
	if msg == "" {
		msg = http.StatusText(e.Status)
	}
	if e.Code != "" {
		msg += " (" + e.Code + ")"
	}
	return fmt.Sprintf("Make answered HTTP %d: %s", e.Status, msg)
}

func (e *Error) Is(target error) bool {
	switch target {
	case ErrRejected:
		return e.Status == http.StatusUnauthorized
	case ErrMissingScope:
		return e.Status == http.StatusForbidden
	case ErrRateLimited:
		return e.Status == http.StatusTooManyRequests
	}
	return false
}

// get calls GET {BaseURL}/path with the token and decodes a 200 answer
// into v; what reads "doing" names the call in errors.
func (c Client) get(ctx context.Context, doing, path, accessToken string, v any) error {
	url := strings.TrimSuffix(c.BaseURL, "/") + path
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", doing, err)
	}
	req.Header.Set("Authorization", "Bearer "+accessToken)
	req.Header.Set("Accept", "application/json")
	// The token goes only where it was sent: a redirect is followed to the
	// same scheme, host and port alone.
	resp, err := httpclient.SameOrigin(c.HTTPClient).Do(req)
	if err != nil {
		return fmt.Errorf("%s: %w", doing, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("%s: %w", doing, err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %w", doing, apiError(resp.StatusCode, body, accessToken))
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("%s: the answer (HTTP %d) was not what Make sends", doing, resp.StatusCode)
	}
	return nil
}

// apiError reads Make's error body; anything else keeps only the status.
func apiError(status int, body []byte, accessToken string) *Error {
	var v struct {
		Message string `json:"message"`
		Detail  string `json:"detail"`
		Code    string `json:"code"`
	}
	json.Unmarshal(body, &v)
	cut := func(s string, n int) string {
		s = sanitize.Text(strings.TrimSpace(sanitize.Hide(s, accessToken)))
		if r := []rune(s); len(r) > n {
			return string(r[:n]) + "…"
		}
		return s
	}
	return &Error{Status: status, Message: cut(v.Message, 200), Detail: cut(v.Detail, 300), Code: cut(v.Code, 20)}
}
