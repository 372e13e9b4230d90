package accounts

import (
	"errors"

	"github.com/make-connect/make-connect/internal/core/account"

	"github.com/make-connect/make-connect/internal/adapters/config"
)

// Saving the default account; the rules of which account is meant and
// which stays the default are package account's.

// ErrNoSettings means the service keeps no saved settings, so it cannot
// save a default (SettingsDir is "").
var ErrNoSettings = errors.New("no folder for saved settings is set")

// SetDefault saves the account ref names (its ID or email, see Find) as
// the default, by its ID, and returns it. An account that is not
// connected is an error wrapping ErrAccountGone.
func (s *Service) SetDefault(ref string) (*account.Connected, error) {
	if s.SettingsDir == "" {
		return nil, ErrNoSettings
	}
	if ref == "" {
		return nil, &UnknownAccountError{}
	}
	c, err := s.Find(ref)
	if err != nil {
		return nil, err
	}
	return c, config.UpdateSettings(s.SettingsDir, func(saved config.Settings) error {
		saved[config.EnvAccount] = c.ID()
		return nil
	})
}

// KeepDefault saves the default account.DefaultToKeep names when added
// joins existing. It returns the account it kept as the default, or nil when the rule did not
// apply.
func (s *Service) KeepDefault(existing []*account.Connected, added *account.Connected) (*account.Connected, error) {
	if s.SettingsDir == "" || len(existing) != 1 {
		return nil, nil
	}
	var kept *account.Connected
	err := config.UpdateSettings(s.SettingsDir, func(saved config.Settings) error {
		kept = account.DefaultToKeep(existing, added, saved[config.EnvAccount])
		if kept == nil {
			return errUnchanged
		}
		saved[config.EnvAccount] = kept.ID()
		return nil
	})
	if errors.Is(err, errUnchanged) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return kept, nil
}

var errUnchanged = errors.New("nothing to change")

// forgetDefault clears the saved default when it names c, which was
// disconnected: a person connected again later must not take the default
// back from whoever was chosen since. It reports whether c was the saved
// default.
func (s *Service) forgetDefault(c *account.Connected) (bool, error) {
	if s.SettingsDir == "" {
		return false, nil
	}
	was := false
	err := config.UpdateSettings(s.SettingsDir, func(saved config.Settings) error {
		if def := saved[config.EnvAccount]; def == "" || (def != c.ID() && !(c.Email != "" && def == c.Email)) {
			return errUnchanged
		}
		was = true
		delete(saved, config.EnvAccount)
		return nil
	})
	if errors.Is(err, errUnchanged) {
		err = nil
	}
	return was, err
}
