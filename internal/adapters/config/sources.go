package config

import (
	"fmt"
	"strings"
)

// Source is where a setting's value came from.
type Source int

// The sources, weakest first: each overrides the ones before it.
const (
	FromDefault Source = iota
	FromBuiltIn
	FromSaved
	FromEnvironment
	FromFlag
	// FromPolicy is the managed policy: it overrides everything, and a
	// flag that would change it is an error (policy.go).
	FromPolicy
)

func (s Source) String() string {
	return [...]string{"default", "built in", "saved settings", "environment", "flag", "managed policy"}[s]
}

// resolver picks each setting's value from the strongest source that has
// one, and remembers which it was.
type resolver struct {
	flags   map[string]string // by environment variable name
	getenv  func(string) string
	saved   Settings
	policy  Policy
	sources map[string]Source
	// problems are the settings that cannot work, every one; ignored are
	// the environment variables and saved settings the policy overrides.
	problems Problems
	ignored  []Ignored
}

// pick returns the setting env's value; def is the built-in or default
// value, told apart by whether env is the client ID. A setting the policy
// locks takes the policy's value — def when the policy's cannot be used,
// as what it governs is stopped then (Policy.Stopped) — and every other
// source's value is said: a flag refused, the rest ignored.
func (r *resolver) pick(env, def string) string {
	if key, locked := r.policy.Locks(env); locked {
		v, ok := r.policy.Values[env]
		if !ok {
			v = def
		}
		r.sources[env] = FromPolicy
		source, _ := r.policy.claimedBy(key)
		if f := strings.TrimSpace(r.flags[env]); f != "" && f != v {
			r.problems = append(r.problems, &SettingError{Env: env, Source: FromFlag, Err: &SetByPolicyError{Key: key, Source: source}})
		}
		if e := strings.TrimSpace(r.getenv(env)); e != "" && e != v {
			r.ignored = append(r.ignored, Ignored{Env: env, Key: key, Source: source})
		}
		if s := strings.TrimSpace(r.saved[env]); s != "" && s != v {
			r.ignored = append(r.ignored, Ignored{Env: env, Key: key, Source: source, Saved: true})
		}
		return v
	}
	if v := strings.TrimSpace(r.flags[env]); v != "" {
		r.sources[env] = FromFlag
		return v
	}
	if v := strings.TrimSpace(r.getenv(env)); v != "" {
		r.sources[env] = FromEnvironment
		return v
	}
	if v := strings.TrimSpace(r.saved[env]); v != "" {
		r.sources[env] = FromSaved
		return v
	}
	if env == EnvClientID && def != "" {
		r.sources[env] = FromBuiltIn
	} else {
		r.sources[env] = FromDefault
	}
	return def
}

// Ignored is a setting's value the policy overrides: the environment
// variable Env, or the value saved in Settings when Saved, set by the
// policy's Key in Source instead.
type Ignored struct {
	Env, Source string
	Key         Key
	Saved       bool
}

// String says it in the command line's English; explain.IgnoredSetting
// says it in the person's language.
func (i Ignored) String() string {
	if i.Saved {
		return fmt.Sprintf("The %s saved in Settings is ignored: your organization's policy sets it (%s in %s).", i.Key, i.Key, i.Source)
	}
	return fmt.Sprintf("%s in the environment is ignored: your organization's policy sets it (%s in %s).", i.Env, i.Key, i.Source)
}

// blame keeps err as a problem of the setting env, with where that was
// set, so the person knows what to change.
func (r *resolver) blame(env string, err error) {
	r.problems = append(r.problems, settingError(env, r.sources[env], r.policy, err))
}

// settingError is err in the setting env, whose value came from source:
// from the policy, it names the policy's key's source too.
func settingError(env string, source Source, p Policy, err error) *SettingError {
	e := &SettingError{Env: env, Source: source, Err: err}
	if source == FromPolicy {
		e.PolicySource = p.Source(PolicyKey(env))
	}
	return e
}

// SettingError is a setting whose value cannot work. Its text says where
// the value was set; a form shows Err beside the setting's field.
type SettingError struct {
	// Env names the setting by its environment variable.
	Env    string
	Source Source
	// PolicySource is, for a value from the policy, where its key
	// (PolicyKey(Env)) is set: the registry key or the file.
	PolicySource string
	Err          error
}

func (e *SettingError) Error() string {
	if e.Source == FromPolicy && e.PolicySource != "" {
		return fmt.Sprintf("%v (%s)", e.Err, policyWhere(PolicyKey(e.Env), e.PolicySource))
	}
	return fmt.Sprintf("%v (%s)", e.Err, Where(e.Env, e.Source))
}

// policyWhere says that the policy's key, set in source, sets a setting.
func policyWhere(key Key, source string) string {
	return fmt.Sprintf("set by your organization's policy: %s in %s", key, source)
}

func (e *SettingError) Unwrap() error { return e.Err }

// Where says in words where the setting env gets its value from source:
// "set by --zone", "set by MAKE_CONNECT_ZONE in the environment", "saved
// in Settings", "built in", "the default".
func Where(env string, source Source) string {
	switch source {
	case FromFlag:
		return "set by --" + FlagName(env)
	case FromEnvironment:
		return "set by " + env + " in the environment"
	case FromSaved:
		return "saved in Settings"
	case FromBuiltIn:
		return "built in"
	case FromPolicy:
		return "set by your organization's policy"
	}
	return "the default"
}
