//go:build unix && !darwin

package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/make-connect/make-connect/safefile"
)

// PolicyFile is where Linux (and the BSDs) keep the managed policy.
const PolicyFile = "/etc/make-connect/policy.json"

// ReadPolicy reads the managed policy; none is the zero Policy.
func ReadPolicy() (Policy, error) { return readPolicyFile(PolicyFile) }

// readPolicyFile reads the JSON policy at path, refusing one that anyone
// but root could change: they could point every account at their own
// server.
func readPolicyFile(path string) (Policy, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Policy{}, nil
	}
	if err != nil {
		return Policy{}, &PolicyError{Source: path, Err: err}
	}
	if err := safefile.Check(path); err != nil {
		return Policy{}, &PolicyError{Source: path, Err: fmt.Errorf("only root may be able to change a policy, but %w", err)}
	}
	return ParsePolicyJSON(path, data)
}
