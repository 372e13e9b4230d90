package auth

import (
	"context"
	"errors"
	"fmt"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// ErrNoRefreshToken means the server issued no refresh token, so the only
// way to a new access token is connecting again. Make's public clients
// usually get none.
var ErrNoRefreshToken = errors.New("the server gave no refresh token; connect the account again")

// Refresh trades c's refresh token for new tokens (RFC 6749 §6,
// grant_type=refresh_token) and returns the updated connection; c is not
// changed. A rotated refresh token replaces the old one; when the server
// sends none, the old one is kept. A new id_token is verified and must name
// the same subject (OpenID Connect Core §12.2).
func Refresh(ctx context.Context, cfg Config, c *Connection) (*Connection, error) {
	if c.RefreshToken == "" {
		return nil, ErrNoRefreshToken
	}
	cfg.Issuer = c.Issuer
	if c.ClientID != "" {
		cfg.ClientID = c.ClientID
	}
	cfg.Scopes = c.Scopes
	cfg = cfg.WithDefaults()
	p, err := discover(ctx, cfg)
	if err != nil {
		return nil, err
	}
	conf := &oauth2.Config{ClientID: cfg.ClientID, Endpoint: p.endpoint}
	ctx = context.WithValue(ctx, oauth2.HTTPClient, guardClient(cfg.HTTPClient))
	before := cfg.Now()
	tok, err := conf.TokenSource(ctx, &oauth2.Token{RefreshToken: c.RefreshToken}).Token()
	if err != nil {
		return nil, fmt.Errorf("refresh the token: %w", tokenError(err))
	}

	n := newConnection(cfg, tok, before)
	if n.RefreshToken == "" {
		n.RefreshToken = c.RefreshToken
	}
	if !n.ScopesConfirmed {
		n.Scopes, n.ScopesConfirmed = c.Scopes, c.ScopesConfirmed
	}
	n.Subject, n.Claims, n.IDToken = c.Subject, c.Claims, c.IDToken
	n.Name, n.Email, n.IdentityNote, n.APIBase = c.Name, c.Email, c.IdentityNote, c.APIBase
	if raw, _ := tok.Extra("id_token").(string); raw != "" {
		v := p.oidc.Verifier(&oidc.Config{ClientID: cfg.ClientID, Now: cfg.Now})
		idt, err := v.Verify(oidc.ClientContext(ctx, cfg.HTTPClient), raw)
		if err != nil {
			return nil, fmt.Errorf("verify the refreshed id_token: %w", err)
		}
		if c.Subject != "" && idt.Subject != c.Subject && c.IDToken != "" {
			return nil, errors.New("verify the refreshed id_token: it names another person")
		}
		var claims map[string]any
		if err := idt.Claims(&claims); err == nil {
			n.IDToken, n.Claims = raw, claims
		}
	}
	return n, nil
}
