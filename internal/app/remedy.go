package app

import (
	"errors"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
)

// InSettings reports whether the Settings dialog can put right the
// problem err that stops connecting under cfg: a value the saved settings
// hold (or would hold), not one the environment, a flag or the
// organization's policy sets, nor a file, a keychain or a policy that
// cannot be read. A face offers Settings only then; otherwise it says
// what to do instead.
func InSettings(err error, cfg config.Config) bool {
	var setting *config.SettingError
	switch {
	case err == nil:
		return false
	case errors.As(err, new(*config.PolicyError)):
		return false
	case errors.Is(err, auth.ErrNoClientID):
		return changeable(cfg.Sources[config.EnvClientID])
	case errors.As(err, &setting):
		return changeable(setting.Source)
	}
	return false
}

// changeable: a value from this source is one Settings saves.
func changeable(s config.Source) bool {
	return s == config.FromDefault || s == config.FromBuiltIn || s == config.FromSaved
}
