package auth

import (
	"context"
	"errors"
	"fmt"

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
// the stored subject, whichever way it was learned (OpenID Connect Core
// §12.2): a refresh never changes whose account this is.
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
		return nil, fmt.Errorf("refresh the token: %w", tokenError(err, true, c.RefreshToken, c.AccessToken))
	}
	if raw, _ := tok.Extra("id_token").(string); raw != "" {
		sub, err := verifyIDToken(ctx, p, cfg, raw, "")
		if err != nil {
			return nil, fmt.Errorf("refresh the token: %w", err)
		}
		if sub != c.Subject {
			return nil, errors.New("refresh the token: the new id_token names another person than the one connected; connect the account again")
		}
	}

	n := newConnection(cfg, tok, before)
	if n.RefreshToken == "" {
		n.RefreshToken = c.RefreshToken
	}
	if !n.ScopesConfirmed {
		n.Scopes, n.ScopesConfirmed = c.Scopes, c.ScopesConfirmed
	}
	n.Subject = c.Subject
	return n, nil
}
