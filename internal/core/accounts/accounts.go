// Package accounts is what the app does with Make accounts, whichever face
// (window or command line) asks: list them, find the one meant, hand out a
// valid access token, refresh, check with Make, disconnect, and the rules
// of the default account. It joins the connect flow (auth), Make's API
// (makeapi), the keychain and the saved settings. The order in which a
// connect or an account's schedule runs these is package session's.
package accounts

import (
	"net/http"
	"time"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/platform/httpclient"
)

// Store keeps connections; *keychain.Store is the real one.
type Store interface {
	Save(c *auth.Connection) error
	// Replace is Save, returning the connection of the same account it
	// replaced; guess, when it is what is stored, saves reading it.
	Replace(c, guess *auth.Connection) (replaced *auth.Connection, err error)
	List() (conns []*auth.Connection, skipped []error, err error)
	Get(id string) (*auth.Connection, error)
	// Remove deletes the account, running before with it first under the
	// lock Update takes; it returns the account as it was stored.
	Remove(id string, before func(current *auth.Connection)) (*auth.Connection, error)
	Update(id string, fn func(current *auth.Connection) (*auth.Connection, error)) error
}

// Service carries out the app's account operations.
type Service struct {
	Config config.Config
	Store  Store
	// SettingsDir holds the saved settings (config.Dir), where the default
	// account is kept; "" keeps none (the default is then only what
	// Config.Account says).
	SettingsDir string
	// HTTPClient makes every request; default httpclient.Default().
	HTTPClient *http.Client
	// Now is the clock; default time.Now.
	Now func() time.Time
}

// List returns the stored accounts, and the entries that could not be
// read, as problems to report.
func (s *Service) List() ([]*auth.Connection, []error, error) {
	return s.Store.List()
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

// authConfig is the connect flow's configuration with this service's
// client and clock.
func (s *Service) authConfig() auth.Config {
	cfg := s.Config.Auth
	cfg.HTTPClient = s.httpClient()
	cfg.Now = s.now
	return cfg
}
