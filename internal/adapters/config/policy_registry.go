package config

import (
	"encoding/binary"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
)

// The registry's value types (winnt.h) a policy is written in.
const (
	regSZ       = 1
	regExpandSZ = 2
	regBinary   = 3
	regDWORD    = 4
	regMultiSZ  = 7
	regQWORD    = 11
)

// registryValue is one value of a policy key as the registry holds it:
// its name ("" for the key's default value), type and bytes, or Err when
// it could not be read. Windows' reader gathers them (policy_windows.go);
// policyFromRegistry, which every system builds, reads them, so that its
// tests and its fuzzing run everywhere.
type registryValue struct {
	Name string
	Type uint32
	Data []byte
	Err  error
}

// defaultValueName is how regedit shows a key's default value, whose name
// is empty: it is no policy, and is reported under this name.
const defaultValueName = "(Default)"

// policyFromRegistry reads the values of one registry key, source. A name
// matches a policy's key in any case, as Windows matches value names
// (reg query /v ClientID finds a value written clientid); REG_SZ and
// REG_EXPAND_SZ are texts (not expanded), REG_MULTI_SZ a list, REG_DWORD
// and REG_QWORD numbers. A list may also be a text of entries separated
// by commas or spaces: what the MSI's and the setup's presets write
// (msiexec CLIENTID=… ALLOWEDZONES=eu2.make.com,us1.make.com), as
// Windows Installer cannot split a property into a REG_MULTI_SZ. Anything
// else, like every value that cannot be
// used, is in the Policy's Problems.
func policyFromRegistry(source string, values []registryValue) Policy {
	raw := map[string]any{}
	var unread []*PolicyError
	var twice []Key
	for _, v := range values {
		name := v.Name
		if name == "" {
			name = defaultValueName
		}
		d, known := lookupFold(name)
		if known {
			name = string(d.Key)
		}
		if _, seen := raw[name]; seen || known && containsKey(unread, d.Key) {
			twice = append(twice, Key(name))
			continue
		}
		val, err := decodeRegistry(v)
		if err != nil && known {
			err.Source, err.Key = source, d.Key
			unread = append(unread, err)
			continue
		}
		if s, text := val.(string); known && d.Kind == KindList && text && strings.TrimSpace(s) != "" {
			val = strings.FieldsFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
		}
		raw[name] = val // an unknown name's value is not looked at
	}
	p := policyFrom(source, raw)
	p.Problems = append(unread, p.Problems...)
	for _, key := range twice { // the registry has no two values of one name; a copy of it might
		p.Shadowed = append(p.Shadowed, Shadowed{Key: key, Source: source, By: source, Conflicts: true})
	}
	p.settle()
	return p
}

func containsKey(es []*PolicyError, key Key) bool {
	for _, e := range es {
		if e.Key == key {
			return true
		}
	}
	return false
}

// decodeRegistry is v's data as the policy reads it: a string, a list of
// strings or a number, as x/sys/windows/registry's Get…Value decode them.
func decodeRegistry(v registryValue) (any, *PolicyError) {
	if v.Err != nil {
		return nil, &PolicyError{Fault: Unreadable, Err: v.Err}
	}
	switch v.Type {
	case regSZ, regExpandSZ:
		s := utf16Units(v.Data)
		for i, c := range s {
			if c == 0 {
				s = s[:i]
				break
			}
		}
		return string(utf16.Decode(s)), nil
	case regMultiSZ:
		s := utf16Units(v.Data)
		if len(s) > 0 && s[len(s)-1] == 0 {
			s = s[:len(s)-1]
		}
		list := []string{}
		from := 0
		for i, c := range s {
			if c == 0 {
				list = append(list, string(utf16.Decode(s[from:i])))
				from = i + 1
			}
		}
		return list, nil
	case regDWORD:
		if len(v.Data) == 4 {
			return uint64(binary.LittleEndian.Uint32(v.Data)), nil
		}
	case regQWORD:
		if len(v.Data) == 8 {
			return binary.LittleEndian.Uint64(v.Data), nil
		}
	}
	return nil, &PolicyError{Fault: WrongType, Got: registryTypeName(v)}
}

// utf16Units is b as little-endian UTF-16, an odd last byte dropped.
func utf16Units(b []byte) []uint16 {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return u
}

// registryTypeName says what v is, for a PolicyError: its type's name,
// and its size when that is what is wrong.
func registryTypeName(v registryValue) string {
	switch v.Type {
	case regDWORD:
		return fmt.Sprintf("REG_DWORD of %d bytes", len(v.Data))
	case regQWORD:
		return fmt.Sprintf("REG_QWORD of %d bytes", len(v.Data))
	case regBinary:
		return "REG_BINARY"
	case 0:
		return "REG_NONE"
	}
	return fmt.Sprintf("registry value of type %d", v.Type)
}
