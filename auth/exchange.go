package auth

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/platform/httpclient"
	"github.com/make-connect/make-connect/internal/platform/sanitize"
)

// exchange trades the authorization code for tokens (RFC 6749 §4.1.3 with
// RFC 7636's code_verifier) and turns the answer into a Connection. The
// id_token, when present, is verified before anything is returned.
func (a *Attempt) exchange(ctx context.Context, code string) (*Connection, error) {
	ctx = context.WithValue(ctx, oauth2.HTTPClient, guardClient(a.cfg.HTTPClient))
	before := a.cfg.Now()
	tok, err := a.oauth.Exchange(ctx, code, oauth2.VerifierOption(a.verifier))
	if err != nil {
		return nil, fmt.Errorf("exchange code: %w", tokenError(err, false, code, a.state, a.verifier, a.nonce))
	}
	c := newConnection(a.cfg, tok, before)
	if raw, _ := tok.Extra("id_token").(string); raw != "" {
		sub, err := verifyIDToken(ctx, a.provider, a.cfg, raw, a.nonce)
		if err != nil {
			// The server issued tokens all the same: withdraw them, so
			// nothing stays valid for a sign-in this app refused.
			return nil, &NotKeptError{Err: err, RevokeErr: revokeUnkept(ctx, a.cfg, c)}
		}
		c.Subject = sub
	}
	return c, nil
}

// newConnection records the token response. before is the clock reading
// taken just before the request, so the expiry errs on the early side.
func newConnection(cfg Config, tok *oauth2.Token, before time.Time) *Connection {
	c := &Connection{
		Issuer:       cfg.Issuer,
		ClientID:     cfg.ClientID,
		AccessToken:  tok.AccessToken,
		TokenType:    tok.TokenType,
		RefreshToken: tok.RefreshToken,
		ObtainedAt:   before,
		Scopes:       cfg.Scopes,
	}
	if secs := expiresIn(tok); secs > 0 {
		c.ExpiresAt = before.Add(time.Duration(secs) * time.Second)
	}
	if s, ok := tok.Extra("scope").(string); ok && strings.TrimSpace(s) != "" {
		c.Scopes = config.SplitScopes(s)
		c.ScopesConfirmed = true
	}
	return c
}

// expiresIn is the response's expires_in in seconds, 0 when absent.
// oauth2 fills ExpiresIn only for JSON bodies; a form-encoded body keeps it
// as a string.
func expiresIn(tok *oauth2.Token) int64 {
	if tok.ExpiresIn > 0 {
		return tok.ExpiresIn
	}
	if s, ok := tok.Extra("expires_in").(string); ok {
		n, _ := strconv.ParseInt(s, 10, 64)
		return n
	}
	return 0
}

// ClockLeeway is how far this computer's clock may be from the server's
// when an id_token's times are checked: it is taken as valid until its exp
// plus ClockLeeway, and refused when its iat is more than ClockLeeway
// ahead. (go-oidc then allows an nbf up to 5 minutes ahead of the clock,
// less this leeway.) Two minutes covers a clock that has drifted without
// accepting a token that is long dead.
const ClockLeeway = 2 * time.Minute

// verifyIDToken checks an id_token and returns its subject: the signature
// against the provider's published keys, iss, aud = our client ID and exp
// (go-oidc), iat, then the nonce this attempt sent; exp and iat with
// ClockLeeway. An id_token from a refresh answers no request of ours
// (OpenID Connect Core §12.2): nonce is "" then and not checked.
func verifyIDToken(ctx context.Context, p *provider, cfg Config, raw, nonce string) (subject string, err error) {
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	// go-oidc checks exp against its clock with no leeway: a clock set
	// back by the leeway gives it one.
	lenient := func() time.Time { return now().Add(-ClockLeeway) }
	v := p.oidc.Verifier(&oidc.Config{ClientID: cfg.ClientID, Now: lenient})
	idt, err := v.Verify(oidc.ClientContext(ctx, cfg.HTTPClient), raw)
	switch {
	case err != nil:
		return "", &idTokenError{err}
	case idt.IssuedAt.After(now().Add(ClockLeeway)):
		return "", &idTokenError{fmt.Errorf("it was issued at %s, later than this computer's clock allows (%s ahead at most)",
			idt.IssuedAt.UTC().Format(time.RFC3339), ClockLeeway)}
	case nonce != "" && idt.Nonce != nonce:
		return "", &idTokenError{errors.New("the nonce does not match this attempt")}
	case idt.Subject == "":
		return "", &idTokenError{errors.New("it names no subject")}
	}
	return idt.Subject, nil
}

// idTokenError is an id_token that failed a check; errors.Is matches it
// with ErrInvalidIDToken.
type idTokenError struct{ err error }

func (e *idTokenError) Error() string        { return "verify id_token: " + e.err.Error() }
func (e *idTokenError) Unwrap() error        { return e.err }
func (e *idTokenError) Is(target error) bool { return target == ErrInvalidIDToken }

// tokenError turns oauth2's errors into a TokenError a person can read,
// saying whether a refresh or a code exchange failed. It never quotes the
// response body: on a 200 it may hold tokens; and the error and its
// description are shown without the request's secrets, which a server may
// echo.
func tokenError(err error, refresh bool, secrets ...string) error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		te := &TokenError{Code: sanitize.Hide(re.ErrorCode, secrets...), Description: sanitize.Hide(re.ErrorDescription, secrets...), Refresh: refresh}
		if re.Response != nil {
			te.Status = re.Response.StatusCode
		}
		return te
	}
	var te *TokenError
	if errors.As(err, &te) {
		te.Refresh = refresh
		return te
	}
	if strings.Contains(err.Error(), "missing access_token") { // oauth2 has no error value for it
		return &TokenError{Status: http.StatusOK, Problem: "an answer that holds no access_token", Refresh: refresh}
	}
	return err
}

// guardClient wraps the HTTP client so that a token endpoint answering
// with an HTML page, nothing, or more than httpclient.MaxBody becomes a
// TokenError, instead of oauth2's "cannot parse json"; and so that a
// redirect does not carry the code, verifier or refresh token elsewhere.
func guardClient(c *http.Client) *http.Client {
	g := *httpclient.NoRedirects(c)
	base := c.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	g.Transport = guardTransport{base}
	return &g
}

type guardTransport struct{ base http.RoundTripper }

func (t guardTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode/100 == 3 && resp.Header.Get("Location") != "" {
		return resp, nil // for the redirect policy, which follows none here
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, httpclient.MaxBody+1))
	resp.Body.Close()
	if err != nil && !errors.Is(err, httpclient.ErrBodyTooLarge) {
		return nil, fmt.Errorf("read token response: %w", err)
	}
	media, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	problem := ""
	switch {
	case err != nil || len(body) > httpclient.MaxBody:
		problem = "more than 1 MiB"
	case len(bytes.TrimSpace(body)) == 0:
		problem = "an empty body"
	case media == "text/html" || bytes.HasPrefix(bytes.TrimSpace(body), []byte("<")):
		problem = "a web page"
	}
	if problem != "" {
		return nil, &TokenError{Status: resp.StatusCode, Problem: problem}
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}
