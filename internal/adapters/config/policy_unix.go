//go:build unix && !darwin

package config

// PolicyFile is where Linux (and the BSDs) keep the managed policy.
const PolicyFile = "/etc/make-connect/policy.json"

// ReadPolicy reads the managed policy; none is the zero Policy.
func ReadPolicy() (Policy, error) { return readPolicyFile(PolicyFile) }

// readPolicyFile reads the JSON policy at path.
func readPolicyFile(path string) (Policy, error) { return readRootOnly(path, ParsePolicyJSON) }
