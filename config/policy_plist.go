package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"howett.net/plist"

	"github.com/make-connect/make-connect/safefile"
)

// readPolicyPlist reads a property list (XML or binary) of policies at
// path, refusing one that anyone but root could change. It is macOS's
// reader, built everywhere so that its tests run on every system.
func readPolicyPlist(path string) (Policy, error) {
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
	return parsePolicyPlist(path, data)
}

func parsePolicyPlist(source string, data []byte) (Policy, error) {
	var raw map[string]any
	if _, err := plist.Unmarshal(data, &raw); err != nil {
		return Policy{}, &PolicyError{Source: source, Err: fmt.Errorf("it is not a property list of policies: %v", err)}
	}
	// An MDM profile adds keys of its own to what it manages.
	for _, k := range []string{"PayloadUUID", "PayloadType", "PayloadVersion", "PayloadIdentifier", "PayloadDisplayName"} {
		delete(raw, k)
	}
	return policyFrom(source, raw)
}
