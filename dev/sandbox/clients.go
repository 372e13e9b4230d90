package sandbox

import (
	"context"

	"github.com/ory/fosite"
	"github.com/ory/fosite/storage"
)

// loopbackRedirectURIs are registered for every client. fosite matches
// them on any port, as RFC 8252 §7.3 asks for loopback redirects.
var loopbackRedirectURIs = []string{
	"http://127.0.0.1/callback",
	"http://[::1]/callback",
}

// DefaultRedirectURIs are the redirect URIs other than loopback that the
// sandbox's clients have unless Options says otherwise: Make Connect's
// private-use scheme (RFC 8252 §7.1; the app ID in FyneApp.toml) and an
// https page of an organization's, so that make demo can show each kind.
// The page need not exist: the browser's address bar still shows where it
// ended, to paste.
var DefaultRedirectURIs = []string{
	"com.makeconnect.app:/callback",
	"https://make-connect.example/callback",
}

// store is fosite's in-memory storage with one change: any non-empty
// client_id names a public client (no secret), the way a desktop app is
// registered with Make.
type store struct {
	*storage.MemoryStore
	grantTypes   []string
	redirectURIs []string
}

// newStore returns an empty store. With refresh enabled, clients may use
// the refresh_token grant, which is also what makes fosite issue refresh
// tokens from the authorization_code grant.
func newStore(refresh bool, redirectURIs []string) *store {
	grants := []string{"authorization_code"}
	if refresh {
		grants = append(grants, "refresh_token")
	}
	return &store{MemoryStore: storage.NewMemoryStore(), grantTypes: grants,
		redirectURIs: append(append([]string{}, loopbackRedirectURIs...), redirectURIs...)}
}

// GetClient hands out a public client for any non-empty ID.
func (s *store) GetClient(_ context.Context, id string) (fosite.Client, error) {
	if id == "" {
		return nil, fosite.ErrNotFound
	}
	return &fosite.DefaultClient{
		ID:            id,
		Public:        true,
		RedirectURIs:  s.redirectURIs,
		GrantTypes:    s.grantTypes,
		ResponseTypes: []string{"code"},
		Scopes:        allowedScopes(),
	}, nil
}
