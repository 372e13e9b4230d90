package auth

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/make-connect/make-connect/internal/platform/sanitize"
)

// Sentinel errors the window and the command line branch on.
var (
	// ErrDeclined means the person pressed Deny (error=access_denied).
	ErrDeclined = errors.New("the connection was declined in the browser")
	// ErrTimedOut means nobody completed the sign-in in time.
	ErrTimedOut = errors.New("the browser sign-in did not finish in time")
	// ErrCancelled means the attempt was cancelled here (Cancel, Ctrl-C).
	ErrCancelled = errors.New("the connection attempt was cancelled")
	// ErrIssuerMismatch means the authorization response named another
	// server than the one asked (RFC 9207): a mix-up attack or a
	// misconfiguration, never to be completed.
	ErrIssuerMismatch = errors.New("the sign-in response came from a different server than the one asked")
	// ErrInvalidIDToken means the id_token in a token response failed a
	// check (signature, issuer, audience, expiry, nonce): the answer cannot
	// be trusted to be Make's, for this sign-in.
	ErrInvalidIDToken = errors.New("the id_token is not valid")
	// ErrRefreshRefused means the token endpoint refused the refresh token
	// for good (invalid_grant: revoked, expired or already spent): only
	// connecting again helps. Match it with errors.Is on a *TokenError.
	ErrRefreshRefused = errors.New("the server no longer accepts the refresh token")
)

// AuthorizeError is an error the authorization server sent back to the
// redirect URI (RFC 6749 §4.1.2.1), other than access_denied.
type AuthorizeError struct {
	Code        string
	Description string
}

func (e *AuthorizeError) Error() string {
	return "the server refused the sign-in: " + describe(e.Code, e.Description)
}

// TokenError is the token endpoint's refusal (RFC 6749 §5.2), or an answer
// that was not a token response at all.
type TokenError struct {
	// Status is the HTTP status code.
	Status int
	// Code and Description are RFC 6749 §5.2's error and error_description,
	// empty when the server did not send them.
	Code        string
	Description string
	// Problem describes a body that was not a token response (HTML, empty,
	// too large); empty otherwise.
	Problem string
	// Refresh is true when the request was a refresh (RFC 6749 §6), false
	// when it exchanged an authorization code.
	Refresh bool
}

func (e *TokenError) Error() string {
	switch {
	case e.Code != "" && e.Refresh:
		return "the token endpoint refused the refresh token: " + describe(e.Code, e.Description)
	case e.Code != "":
		return "the token endpoint refused the code: " + describe(e.Code, e.Description)
	case e.Problem != "":
		return fmt.Sprintf("the token endpoint answered HTTP %d with %s instead of a token", e.Status, e.Problem)
	}
	return fmt.Sprintf("the token endpoint answered HTTP %d without saying why", e.Status)
}

// Is makes errors.Is(err, ErrRefreshRefused) true for a refresh the server
// answered with invalid_grant (RFC 6749 §5.2).
func (e *TokenError) Is(target error) bool {
	return target == ErrRefreshRefused && e.Refresh && e.Code == "invalid_grant"
}

// describe writes a server's error code and description for a person. Both
// are the server's text: made safe to print and cut to a readable length.
func describe(code, description string) string {
	code, description = cut(sanitize.Text(code), 60), cut(sanitize.Text(strings.TrimSpace(description)), 300)
	if description == "" {
		return code
	}
	return code + " (" + description + ")"
}

// cut shortens s to at most n runes, marking the cut.
func cut(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// oauthErrorFields reads RFC 6749 §5.2's error and error_description from
// a JSON body; anything else gives empty strings.
func oauthErrorFields(body []byte) (code, description string) {
	var v struct {
		Error            string `json:"error"`
		ErrorDescription string `json:"error_description"`
	}
	if json.Unmarshal(body, &v) != nil {
		return "", ""
	}
	return v.Error, v.ErrorDescription
}

// NotKeptError is a sign-in that worked at the server but whose tokens the
// app does not keep: Err says why (an id_token that failed a check, the
// keychain, who connected could not be told). The tokens the server issued
// were revoked, so nothing stays valid that this computer does not know
// of, unless RevokeErr says why not.
type NotKeptError struct {
	Err       error
	RevokeErr error
}

func (e *NotKeptError) Error() string {
	if e.RevokeErr != nil {
		return fmt.Sprintf("%v; revoking the issued tokens failed too: %v", e.Err, e.RevokeErr)
	}
	return fmt.Sprintf("%v; the issued tokens were revoked", e.Err)
}

func (e *NotKeptError) Unwrap() error { return e.Err }
