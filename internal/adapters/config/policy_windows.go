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
// HKLM wins over the same value in HKCU. A value that cannot be used is
// skipped, and said in err with every other one (Policy.Problems); the
// rest applies.
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
	return p, p.err()
}

// readPolicyKey adds the values of one policy key to p; err is a key that
// cannot be read at all.
func readPolicyKey(p *Policy, root registry.Key, source string) error {
	k, err := registry.OpenKey(root, PolicyKeyPath, registry.QUERY_VALUE|registry.WOW64_64KEY)
	if errors.Is(err, registry.ErrNotExist) {
		return nil
	}
	if err != nil {
		return &PolicyError{Source: source, Fault: Unreadable, Err: err}
	}
	defer k.Close()
	names, err := k.ReadValueNames(0)
	if err != nil {
		return &PolicyError{Source: source, Fault: Unreadable, Err: err}
	}
	raw := map[string]any{}
	var unread []*PolicyError
	for _, name := range names {
		v, err := registryValue(k, name)
		if _, known := Lookup(Key(name)); err != nil && known {
			unread = append(unread, err.at(source, Key(name)))
			continue
		}
		raw[name] = v
	}
	read, _ := policyFrom(source, raw)
	read.Problems = append(unread, read.Problems...)
	p.merge(read)
	return nil
}

// registryValue is a value as the policy reads it: REG_SZ and
// REG_EXPAND_SZ a text, REG_MULTI_SZ a list, REG_DWORD and REG_QWORD a
// number.
func registryValue(k registry.Key, name string) (any, *PolicyError) {
	v, typ, err := registryRead(k, name)
	if err != nil {
		return nil, &PolicyError{Fault: Unreadable, Err: err}
	}
	if v == nil {
		return nil, &PolicyError{Fault: WrongType, Got: fmt.Sprintf("registry value of type %d", typ)}
	}
	return v, nil
}

// registryRead reads the value name; v is nil for a type no policy has.
func registryRead(k registry.Key, name string) (v any, typ uint32, err error) {
	_, typ, err = k.GetValue(name, nil)
	if err != nil {
		return nil, typ, err
	}
	switch typ {
	case registry.SZ, registry.EXPAND_SZ:
		s, _, err := k.GetStringValue(name)
		return s, typ, err
	case registry.MULTI_SZ:
		l, _, err := k.GetStringsValue(name)
		return l, typ, err
	case registry.DWORD, registry.QWORD:
		n, _, err := k.GetIntegerValue(name)
		return n, typ, err
	}
	return nil, typ, nil
}

// at is e about key in source.
func (e *PolicyError) at(source string, key Key) *PolicyError {
	e.Source, e.Key = source, key
	return e
}
