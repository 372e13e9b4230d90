package accounts

import (
	"fmt"
	"slices"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/core/account"
)

// NotReadyError is a connect stopped before the sign-in began, because
// keeping its account would fail (Err says why): the person has not
// signed in for nothing.
type NotReadyError struct{ Err error }

func (e *NotReadyError) Error() string { return "before the sign-in: " + e.Err.Error() }
func (e *NotReadyError) Unwrap() error { return e.Err }

// DefaultNotSavableError is a settings folder in which the default
// account cannot be saved, where connecting another account would save
// it: a second account joining one makes the first the default
// (account.DefaultToKeep).
type DefaultNotSavableError struct{ Err error }

func (e *DefaultNotSavableError) Error() string {
	return "the default account could not be saved when another account joins: " + e.Err.Error()
}
func (e *DefaultNotSavableError) Unwrap() error { return e.Err }

// ReadyToConnect checks, before the person signs in, what keeping the
// account will need once they have, so that no sign-in is spent on an
// account that cannot be kept: room under the policy's MaxAccounts (a new
// account needs it; a reconnect of a stored account, reconnect, always
// has it), a keychain that can be written now (Store.CheckWrite: it
// answers, its lock folder and file can be made and locked, the kernel's
// quota has room for a typical account) and, where the connect would save
// the default account, a settings folder that can be written. existing
// are the accounts stored now. Connect and doctor both run it; it returns
// the first problem, as a *NotReadyError.
func (s *Service) ReadyToConnect(existing []*account.Connected, reconnect string) error {
	if err := s.ready(existing, reconnect); err != nil {
		return &NotReadyError{Err: err}
	}
	return nil
}

func (s *Service) ready(existing []*account.Connected, reconnect string) error {
	if limit := s.Config.Policy.MaxAccounts; limit > 0 && len(existing) >= limit &&
		!slices.ContainsFunc(existing, func(c *account.Connected) bool { return c.ID() == reconnect }) {
		return &TooManyAccountsError{Max: limit, Source: s.Config.Policy.Sources["MaxAccounts"]}
	}
	if err := s.Store.CheckWrite(); err != nil {
		return fmt.Errorf("check the keychain: %w", err)
	}
	if len(existing) == 1 && s.SettingsDir != "" {
		if err := config.CheckWritable(s.SettingsDir); err != nil {
			return &DefaultNotSavableError{Err: err}
		}
	}
	return nil
}
