//go:build unix

package config

import (
	"errors"
	"io/fs"

	"github.com/make-connect/make-connect/internal/platform/safefile"
)

// The policy files of Linux and macOS; Windows' policy is in the registry.

// readRootOnly reads the policy file at path with parse, refusing one
// that anyone but root could change: they could point every account at
// their own server. No file is no policy.
func readRootOnly(path string, parse func(source string, data []byte) (Policy, error)) (Policy, error) {
	data, err := safefile.ReadFile(path, safefile.System)
	var unsafe *safefile.Error
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Policy{}, nil
	case errors.As(err, &unsafe):
		return Policy{}, &PolicyError{Source: path, Fault: Unsafe, Err: err}
	case err != nil:
		return Policy{}, &PolicyError{Source: path, Fault: Unreadable, Err: err}
	}
	return parse(path, data)
}

// readPolicyPlist reads a property list (XML or binary) of policies at
// path. It is macOS's reader, built on Linux too so that its tests run
// there.
func readPolicyPlist(path string) (Policy, error) { return readRootOnly(path, parsePolicyPlist) }
