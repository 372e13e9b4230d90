package accounts

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/config"
	"github.com/make-connect/make-connect/makeapi"
)

// Begin starts connecting an account. The attempt identifies the person,
// finds their organizations' zone and stores the connection before the
// browser is told it worked; a connection it replaces is revoked (see
// Replaced).
func (s *Service) Begin(ctx context.Context) (*auth.Attempt, error) {
	cfg := s.authConfig()
	cfg.Accept = s.accept
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
	s.locate(ctx, c)
	old, err := s.Store.Get(c.ID())
	if err != nil {
		old = nil // none stored, or unreadable: it is replaced all the same
	}
	if err := s.Store.Save(c); err != nil {
		return fmt.Errorf("store the connection: %w", err)
	}
	if old != nil {
		s.revokeReplaced(ctx, old)
	}
	return nil
}

// revokeReplaced revokes the tokens of a connection a new one replaced:
// they would otherwise stay valid, unknown to this computer, until they
// expire. It is best effort; Replaced reports how it went.
func (s *Service) revokeReplaced(ctx context.Context, old *auth.Connection) {
	err := auth.Revoke(ctx, s.authConfig(), old)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.replaced == nil {
		s.replaced = map[string]error{}
	}
	s.replaced[old.ID()] = err
}

// Replaced reports whether the last connect of the account id replaced a
// stored connection, and if so whether revoking its tokens failed. It
// reports each replacement once.
func (s *Service) Replaced(id string) (replaced bool, revokeErr error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	revokeErr, replaced = s.replaced[id]
	delete(s.replaced, id)
	return replaced, revokeErr
}

// identify asks Make's API for the person's name and email. Without them
// the account is still usable: IdentityNote says why they are missing.
func (s *Service) identify(ctx context.Context, c *auth.Connection) {
	c.APIBase = s.Config.APIBase
	if !slices.Contains(c.Scopes, "user:read") {
		c.IdentityNote = "Name and email need the user:read scope; showing the account's ID instead."
		return
	}
	u, err := s.api(s.Config.APIBase).Me(ctx, c.AccessToken)
	if err != nil {
		c.IdentityNote = "Make did not say who this is (" + err.Error() + "); showing the account's ID instead."
		return
	}
	c.Name, c.Email = u.Name, u.Email
	if c.Subject == "" {
		c.Subject = fmt.Sprintf("make-user:%d", u.ID)
	}
}

func (s *Service) api(base string) makeapi.Client {
	return makeapi.Client{BaseURL: base, HTTPClient: s.httpClient()}
}
