package auth

import (
	"context"
	"errors"
	"fmt"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/platform/httpclient"
	"golang.org/x/oauth2"
)

// provider is what discovery says about the authorization server.
type provider struct {
	oidc     *oidc.Provider
	endpoint oauth2.Endpoint
	// revocationURL is the RFC 7009 endpoint; empty when not advertised.
	revocationURL string
	// issRequired is RFC 9207's authorization_response_iss_parameter_supported:
	// when the server promises iss, a response without it is refused.
	issRequired bool
}

// DiscoveryError means the issuer's sign-in settings (its discovery
// document) could not be read, or cannot be used safely: another issuer
// named, an endpoint without https, no PKCE S256. Nothing was sent to it
// but the request for them.
type DiscoveryError struct {
	Issuer string
	Err    error
}

func (e *DiscoveryError) Error() string {
	return "read the sign-in settings of " + e.Issuer + ": " + e.Err.Error()
}

func (e *DiscoveryError) Unwrap() error { return e.Err }

// discover reads {issuer}/.well-known/openid-configuration. go-oidc checks
// that the document names the issuer we asked for; every endpoint must be
// https unless it is on the loopback interface.
func discover(ctx context.Context, cfg Config) (*provider, error) {
	if err := config.CheckEndpoint("issuer", cfg.Issuer); err != nil {
		return nil, err
	}
	p, err := readDiscovery(ctx, cfg)
	if err != nil {
		return nil, &DiscoveryError{Issuer: cfg.Issuer, Err: err}
	}
	return p, nil
}

func readDiscovery(ctx context.Context, cfg Config) (*provider, error) {
	// The provider keeps this client for the key set too: neither follows a
	// redirect, since every later request trusts what they say.
	p, err := oidc.NewProvider(oidc.ClientContext(ctx, httpclient.NoRedirects(cfg.HTTPClient)), cfg.Issuer)
	if err != nil {
		return nil, shorten(err)
	}
	var meta struct {
		Authorize  string   `json:"authorization_endpoint"`
		Token      string   `json:"token_endpoint"`
		JWKS       string   `json:"jwks_uri"`
		UserInfo   string   `json:"userinfo_endpoint"`
		Revocation string   `json:"revocation_endpoint"`
		ISSSupport bool     `json:"authorization_response_iss_parameter_supported"`
		Challenges []string `json:"code_challenge_methods_supported"`
	}
	if err := p.Claims(&meta); err != nil {
		return nil, err
	}
	for _, e := range []struct{ what, url string }{
		{"authorization endpoint", meta.Authorize},
		{"token endpoint", meta.Token},
		{"key set (jwks_uri)", meta.JWKS},
	} {
		if e.url == "" {
			return nil, fmt.Errorf("they name no %s", e.what)
		}
		if err := config.CheckEndpoint(e.what, e.url); err != nil {
			return nil, err
		}
	}
	for _, e := range []struct{ what, url string }{
		{"userinfo endpoint", meta.UserInfo},
		{"revocation endpoint", meta.Revocation},
	} {
		if e.url != "" {
			if err := config.CheckEndpoint(e.what, e.url); err != nil {
				return nil, err
			}
		}
	}
	if len(meta.Challenges) > 0 && !contains(meta.Challenges, "S256") {
		return nil, errors.New("the server does not offer PKCE with S256, which this app requires")
	}
	ep := p.Endpoint()
	// Make expects the public client's ID in the form body (RFC 6749 §2.3.1).
	ep.AuthStyle = oauth2.AuthStyleInParams
	return &provider{oidc: p, endpoint: ep, revocationURL: meta.Revocation, issRequired: meta.ISSSupport}, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// shorten keeps an error from a library to its first 200 bytes: go-oidc
// quotes a whole response body, which for a web server's error page is a
// screenful of HTML.
func shorten(err error) error {
	msg := err.Error()
	if len(msg) <= 200 {
		return err
	}
	return &shortError{msg: msg[:200] + "…", err: err}
}

type shortError struct {
	msg string
	err error
}

func (e *shortError) Error() string { return e.msg }
func (e *shortError) Unwrap() error { return e.err }
