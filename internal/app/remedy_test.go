package app

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
)

func TestInSettings(t *testing.T) {
	saved := config.Config{Sources: map[string]config.Source{config.EnvClientID: config.FromDefault}}
	fromEnv := config.Config{Sources: map[string]config.Source{config.EnvClientID: config.FromEnvironment}}
	cases := []struct {
		name string
		err  error
		cfg  config.Config
		want bool
	}{
		{"nothing wrong", nil, saved, false},
		{"no client ID", auth.ErrNoClientID, saved, true},
		{"no client ID, the environment sets it empty", fmt.Errorf("connect: %w", auth.ErrNoClientID), fromEnv, false},
		{"a saved zone", &config.SettingError{Env: config.EnvZone, Source: config.FromSaved, Err: errors.New("bad")}, saved, true},
		{"a zone from the environment", &config.SettingError{Env: config.EnvZone, Source: config.FromEnvironment, Err: errors.New("bad")}, saved, false},
		{"a flag", &config.SettingError{Env: config.EnvZone, Source: config.FromFlag, Err: errors.New("bad")}, saved, false},
		{"the policy's value", &config.SettingError{Env: config.EnvZone, Source: config.FromPolicy, Err: errors.New("bad")}, saved, false},
		{"a policy that cannot be used", &config.PolicyError{Source: "policy.json", Key: "Zone", Err: errors.New("bad")}, saved, false},
		{"a settings file that cannot be read", &fs.PathError{Op: "read", Path: "settings.json", Err: fs.ErrPermission}, saved, false},
		{"anything else", errors.New("keychain locked"), saved, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := InSettings(tc.err, tc.cfg); got != tc.want {
				t.Errorf("InSettings(%v) = %v, want %v", tc.err, got, tc.want)
			}
		})
	}
}
