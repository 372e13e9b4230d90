package config

import "howett.net/plist"

// parsePolicyPlist reads a property list (XML or binary) of policies:
// macOS's format (readPolicyPlist), parsed on every system so that its
// tests and fuzzing run everywhere.
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
