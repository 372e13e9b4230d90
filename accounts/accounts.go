// Package accounts is what the app does with Make accounts, whichever face
// (window or command line) asks: connect one, list them, hand out a valid
// access token, disconnect one. It joins the connect flow (auth), Make's
// API (makeapi) and the keychain.
package accounts

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/config"
	"github.com/make-connect/make-connect/httpclient"
	"github.com/make-connect/make-connect/makeapi"
)

// Store keeps connections; *keychain.Store is the real one.
type Store interface {
	Save(c *auth.Connection) error
	List() (conns []*auth.Connection, skipped []error, err error)
	Get(id string) (*auth.Connection, error)
	Delete(id string) error
	Update(id string, fn func(current *auth.Connection) (*auth.Connection, error)) error
}

// Service carries out the app's account operations.
type Service struct {
	Config config.Config
	Store  Store
	// HTTPClient calls Make's API; default: 30 second timeout.
	HTTPClient *http.Client
	// Now is the clock; default time.Now.
	Now func() time.Time
}

// ErrNoAccount means no account is connected.
var ErrNoAccount = errors.New("no Make account is connected; run \"make-connect connect\" first")

// Begin starts connecting an account. The attempt identifies the person
// and stores the connection before the browser is told it worked.
func (s *Service) Begin(ctx context.Context) (*auth.Attempt, error) {
	cfg := s.Config.Auth
	cfg.HTTPClient = s.httpClient()
	cfg.Accept = s.accept
	if cfg.Now == nil {
		cfg.Now = s.now
	}
	a, err := auth.Begin(ctx, cfg)
	var pe *auth.PortError
	if errors.As(err, &pe) {
		first := "Use another port"
		if pe.Held() {
			first = "Close that program, or use another port"
		}
		return nil, fmt.Errorf("%w. %s: %s", err, first, changeRedirect(s.Config))
	}
	return a, err
}

// changeRedirect says how to use another redirect URI, naming where the
// current one was set.
func changeRedirect(c config.Config) string {
	const registered = "another redirect URI registered with Make"
	switch c.Sources[config.EnvRedirectURI] {
	case config.FromFlag:
		return "pass --redirect-uri with " + registered
	case config.FromEnvironment:
		return "set " + config.EnvRedirectURI + " in the environment to " + registered
	}
	return "choose " + registered + " in Settings, or pass --redirect-uri"
}

func (s *Service) accept(ctx context.Context, c *auth.Connection) error {
	s.identify(ctx, c)
	if c.Subject == "" {
		return errors.New("the server said neither who connected (no id_token) nor gave access to the user's profile; request the openid scope")
	}
	if err := s.Store.Save(c); err != nil {
		return fmt.Errorf("store the connection: %w", err)
	}
	return nil
}

// identify asks Make's API for the person's name and email. Without them
// the account is still usable: IdentityNote says why they are missing.
func (s *Service) identify(ctx context.Context, c *auth.Connection) {
	c.APIBase = s.Config.APIBase
	if !slices.Contains(c.Scopes, "user:read") {
		c.IdentityNote = "Name and email need the user:read scope; showing the account's ID instead."
		return
	}
	api := makeapi.Client{BaseURL: s.Config.APIBase, HTTPClient: s.httpClient()}
	u, err := api.Me(ctx, c.AccessToken)
	if err != nil {
		c.IdentityNote = "Make did not say who this is (" + err.Error() + "); showing the account's ID instead."
		return
	}
	c.Name, c.Email = u.Name, u.Email
	if c.Subject == "" {
		c.Subject = fmt.Sprintf("make-user:%d", u.ID)
	}
}

// List returns the stored accounts, and the entries that could not be
// read, as problems to report.
func (s *Service) List() ([]*auth.Connection, []error, error) {
	return s.Store.List()
}

// Find returns the account named by ref: its ID or email address. An empty
// ref picks the only account there is.
func (s *Service) Find(ref string) (*auth.Connection, error) {
	conns, _, err := s.Store.List()
	if err != nil {
		return nil, err
	}
	if len(conns) == 0 {
		return nil, ErrNoAccount
	}
	if ref == "" {
		if len(conns) > 1 {
			return nil, fmt.Errorf("%d accounts are connected; choose one with --account ID (see \"make-connect status\")", len(conns))
		}
		return conns[0], nil
	}
	for _, c := range conns {
		if c.ID() == ref || strings.EqualFold(c.Email, ref) {
			return c, nil
		}
	}
	return nil, fmt.Errorf("no connected account has the ID or email %q", ref)
}

// ErrExpired means the account's access token has expired and there is no
// way to renew it but connecting again.
var ErrExpired = errors.New("the access token has expired; connect the account again")

// Token returns the account's access token while it is valid, refreshing
// it first when it is about to expire and a refresh token allows.
func (s *Service) Token(ctx context.Context, ref string) (string, error) {
	c, err := s.Find(ref)
	if err != nil {
		return "", err
	}
	c, err = s.EnsureFresh(ctx, c.ID())
	if c == nil {
		return "", err
	}
	if c.Expired(s.now()) {
		if err != nil {
			return "", fmt.Errorf("%s: %w (%v)", c.Label(), ErrExpired, err)
		}
		return "", fmt.Errorf("%s: %w", c.Label(), ErrExpired)
	}
	// A failed refresh of a token that is still valid is not the caller's
	// problem yet: the next call tries again.
	return c.AccessToken, nil
}

// Disconnect revokes the account's tokens at the server and removes the
// account from this computer. The local copy is removed even when the
// revocation fails; that failure is returned as revokeErr.
func (s *Service) Disconnect(ctx context.Context, ref string) (c *auth.Connection, revokeErr, err error) {
	c, err = s.Find(ref)
	if err != nil {
		return nil, nil, err
	}
	cfg := s.Config.Auth
	cfg.HTTPClient = s.httpClient()
	revokeErr = auth.Revoke(ctx, cfg, c)
	if err := s.Store.Delete(c.ID()); err != nil {
		return c, revokeErr, fmt.Errorf("remove %s from the keychain: %w", c.Label(), err)
	}
	return c, revokeErr, nil
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Service) httpClient() *http.Client {
	if s.HTTPClient != nil {
		return s.HTTPClient
	}
	return httpclient.Default()
}
