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
	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/platform/httpclient"
)

// Store keeps connections; *keychain.Store is the real one.
type Store interface {
	Save(c *account.Connected) error
	// Replace is Save, returning the connection of the same account it
	// replaced; guess, when it is what is stored, saves reading it.
	Replace(c, guess *account.Connected) (replaced *account.Connected, err error)
	List() (conns []*account.Connected, skipped []error, err error)
	Get(id string) (*account.Connected, error)
	// Remove deletes the account, running before with it first under the
	// lock Update takes; it returns the account as it was stored.
	Remove(id string, before func(current *account.Connected)) (*account.Connected, error)
	Update(id string, fn func(current *account.Connected) (*account.Connected, error)) error
	// Repair rebuilds a damaged account list (Service.Repair).
	Repair(apply bool, extraIDs []string) (RepairReport, error)
	// CheckWrite checks, writing nothing, that an account could be stored
	// now (keychain.Store.CheckWrite).
	CheckWrite() error
	// Gone lists the accounts whose entries the keychain dropped on its
	// own, as their traces say (keychain.Store.Gone).
	Gone() ([]account.Gone, error)
	// Close waits, for a bounded time, for the work a write left running
	// after it returned (Replace's deletion of the replaced version); an
	// error says it stopped waiting.
	Close() error
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
	// Pages are the words of the browser's pages after a sign-in, in the
	// face's language; default auth.EnglishPages.
	Pages auth.PageTexts
	// LaunchWatch is how long a connect keeps watching its launch link
	// after it completed; default auth.DefaultLaunchWatch.
	LaunchWatch time.Duration
}

// List returns the stored accounts, and the entries that could not be
// read, as problems to report.
func (s *Service) List() ([]*account.Connected, []error, error) {
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
// client, clock, pages and launch watch.
func (s *Service) authConfig() auth.Config {
	cfg := auth.FromConfig(s.Config)
	cfg.HTTPClient = s.httpClient()
	cfg.Now = s.now
	cfg.Pages = s.Pages
	cfg.LaunchWatch = s.LaunchWatch
	return cfg.WithDefaults()
}

// Close waits for the store's clean-up after the last write (Store.Close),
// so a process can exit leaving nothing behind. Every face calls it before
// it exits; an error says it stopped waiting, for the verbose log.
func (s *Service) Close() error { return s.Store.Close() }
