package config

import (
	"errors"

	"golang.org/x/sys/windows/registry"
)

// PolicyKeyPath is the managed policy's registry key, under HKLM (for the
// computer) and HKCU (for the user); Group Policy writes both, and only
// administrators can.
const PolicyKeyPath = `Software\Policies\MakeConnect`

// ReadPolicy reads the managed policy; none is the zero Policy. A value in
// HKLM wins over the same value in HKCU, whose value is then in
// Shadowed. A value that cannot be used is in Problems with every other
// one, and stops what it governs; the rest applies. err is a key that
// cannot be read at all.
func ReadPolicy() (Policy, error) {
	var p Policy
	for _, root := range []struct {
		key  registry.Key
		name string
	}{{registry.LOCAL_MACHINE, "HKLM"}, {registry.CURRENT_USER, "HKCU"}} {
		values, err := readPolicyKey(root.key, root.name+`\`+PolicyKeyPath)
		if err != nil {
			return Policy{}, err
		}
		p.merge(policyFromRegistry(root.name+`\`+PolicyKeyPath, values))
	}
	return p, nil
}

// readPolicyKey reads every value of one policy key, as the registry
// holds it; err is a key that cannot be read at all.
func readPolicyKey(root registry.Key, source string) ([]registryValue, error) {
	k, err := registry.OpenKey(root, PolicyKeyPath, registry.QUERY_VALUE|registry.WOW64_64KEY)
	if errors.Is(err, registry.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, &PolicyError{Source: source, Fault: Unreadable, Err: err}
	}
	defer k.Close()
	names, err := k.ReadValueNames(0)
	if err != nil {
		return nil, &PolicyError{Source: source, Fault: Unreadable, Err: err}
	}
	values := make([]registryValue, 0, len(names))
	for _, name := range names {
		values = append(values, readRegistryValue(k, name))
	}
	return values, nil
}

// readRegistryValue reads the value name's type and bytes, growing the
// buffer while the value does not fit (it may grow as it is read).
func readRegistryValue(k registry.Key, name string) registryValue {
	v := registryValue{Name: name}
	buf := make([]byte, 256)
	for range 4 {
		n, typ, err := k.GetValue(name, buf)
		v.Type = typ
		switch {
		case err == nil:
			v.Data = buf[:n]
			return v
		case errors.Is(err, registry.ErrShortBuffer) && n > len(buf):
			buf = make([]byte, n)
		default:
			v.Err = err
			return v
		}
	}
	v.Err = registry.ErrShortBuffer
	return v
}
