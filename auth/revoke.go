package auth

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/make-connect/make-connect/internal/platform/httpclient"
	"github.com/make-connect/make-connect/internal/platform/sanitize"
)

// RevokeTimeout bounds revoking tokens a sign-in will not keep. It runs
// even when the attempt was cancelled (Cancel, Ctrl-C), since tokens were
// issued all the same.
const RevokeTimeout = 30 * time.Second

// revokeUnkept revokes the tokens of c, which the server issued and this
// app will not keep, within RevokeTimeout whatever became of ctx.
func revokeUnkept(ctx context.Context, cfg Config, c *Connection) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), RevokeTimeout)
	defer cancel()
	return Revoke(ctx, cfg, c)
}

// ErrNoRevocation means the server advertises no revocation endpoint.
var ErrNoRevocation = errors.New("the server offers no way to revoke tokens")

// Revoke asks the connection's server to revoke its tokens (RFC 7009),
// each on its own: the refresh token (which may also end the access tokens
// issued with it), then the access token, whatever became of the first.
// The error says which failed and why; nil means both were revoked. cfg
// supplies the client ID and HTTP client; the issuer is the connection's
// own.
func Revoke(ctx context.Context, cfg Config, c *Connection) error {
	cfg.Issuer = c.Issuer
	cfg = cfg.WithDefaults()
	p, err := discover(ctx, cfg)
	if err != nil {
		return err
	}
	if p.revocationURL == "" {
		return ErrNoRevocation
	}
	clientID := c.ClientID
	if clientID == "" {
		clientID = cfg.ClientID
	}
	// A redirect would re-send the token elsewhere (307, 308): none is followed.
	hc := httpclient.NoRedirects(cfg.HTTPClient)
	var errs []error
	if c.RefreshToken != "" {
		errs = append(errs, revoke(ctx, hc, p.revocationURL, clientID, c.RefreshToken, "refresh_token"))
	}
	errs = append(errs, revoke(ctx, hc, p.revocationURL, clientID, c.AccessToken, "access_token"))
	return errors.Join(errs...)
}

func revoke(ctx context.Context, hc *http.Client, endpoint, clientID, token, hint string) error {
	form := url.Values{"token": {token}, "token_type_hint": {hint}, "client_id": {clientID}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return fmt.Errorf("revoke %s: %w", hint, err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := hc.Do(req)
	if err != nil {
		return fmt.Errorf("revoke %s: %w", hint, err)
	}
	defer resp.Body.Close()
	// RFC 7009 §2.2: 200 whether or not the token was still valid.
	if resp.StatusCode == http.StatusOK {
		return nil
	}
	var e TokenError
	e.Status = resp.StatusCode
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	e.Code, e.Description = oauthErrorFields(body)
	e.Code, e.Description = sanitize.Hide(e.Code, token), sanitize.Hide(e.Description, token)
	if e.Code != "" {
		return fmt.Errorf("revoke %s: the server refused: %s", hint, describe(e.Code, e.Description))
	}
	return fmt.Errorf("revoke %s: the server answered HTTP %d", hint, resp.StatusCode)
}
