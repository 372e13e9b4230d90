package config

import "howett.net/plist"

// readPolicyPlist reads a property list (XML or binary) of policies at
// path. It is macOS's reader, built everywhere so that its tests run on
// every system.
func readPolicyPlist(path string) (Policy, error) { return readRootOnly(path, parsePolicyPlist) }

func parsePolicyPlist(source string, data []byte) (Policy, error) {
	var raw map[string]any
	if _, err := plist.Unmarshal(data, &raw); err != nil {
		return Policy{}, &PolicyError{Source: source, Fault: NotParsed, Got: "property list", Err: err}
	}
	// An MDM profile adds keys of its own to what it manages.
	for _, k := range []string{"PayloadUUID", "PayloadType", "PayloadVersion", "PayloadIdentifier", "PayloadDisplayName"} {
		delete(raw, k)
	}
	return policyFrom(source, raw), nil
}
