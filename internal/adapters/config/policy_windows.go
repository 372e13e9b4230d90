package config

import (
	"errors"
	"fmt"

	"golang.org/x/sys/windows/registry"
)

// PolicyKeyPath is the managed policy's registry key, under HKLM (for the
// computer) and HKCU (for the user); Group Policy writes both, and only
// administrators can.
const PolicyKeyPath = `Software\Policies\MakeConnect`

// ReadPolicy reads the managed policy; none is the zero Policy. A value in
// HKLM wins over the same value in HKCU.
func ReadPolicy() (Policy, error) {
	var p Policy
	for _, root := range []struct {
		key  registry.Key
		name string
	}{{registry.LOCAL_MACHINE, "HKLM"}, {registry.CURRENT_USER, "HKCU"}} {
		if err := readPolicyKey(&p, root.key, root.name+`\`+PolicyKeyPath); err != nil {
			return Policy{}, err
		}
	}
	return p, nil
}

// readPolicyKey adds the values of one policy key to p.
func readPolicyKey(p *Policy, root registry.Key, source string) error {
	k, err := registry.OpenKey(root, PolicyKeyPath, registry.QUERY_VALUE|registry.WOW64_64KEY)
	if errors.Is(err, registry.ErrNotExist) {
		return nil
	}
	if err != nil {
		return &PolicyError{Source: source, Err: err}
	}
	defer k.Close()
	names, err := k.ReadValueNames(0)
	if err != nil {
		return &PolicyError{Source: source, Err: err}
	}
	raw := map[string]any{}
	for _, name := range names {
		v, err := registryValue(k, name)
		if err != nil {
			return &PolicyError{Source: source, Key: name, Err: err}
		}
		raw[name] = v
	}
	read, err := policyFrom(source, raw)
	if err != nil {
		return err
	}
	p.merge(read)
	return nil
}

// registryValue is a value as the policy reads it: REG_SZ and
// REG_EXPAND_SZ a text, REG_MULTI_SZ a list, REG_DWORD and REG_QWORD a
// number.
func registryValue(k registry.Key, name string) (any, error) {
	_, typ, err := k.GetValue(name, nil)
	if err != nil {
		return nil, err
	}
	switch typ {
	case registry.SZ, registry.EXPAND_SZ:
		s, _, err := k.GetStringValue(name)
		return s, err
	case registry.MULTI_SZ:
		l, _, err := k.GetStringsValue(name)
		return l, err
	case registry.DWORD, registry.QWORD:
		n, _, err := k.GetIntegerValue(name)
		return n, err
	}
	return nil, fmt.Errorf("a registry value of type %d, which no policy has", typ)
}
