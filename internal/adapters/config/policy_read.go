package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// PolicyFault is why a policy, or one of its keys, cannot be used.
type PolicyFault int

const (
	Unreadable PolicyFault = iota + 1 // the source cannot be read (Err)
	Unsafe                            // someone but root can change the file (Err, a safefile error)
	NotParsed                         // the source is not Got (JSON, a property list) of policies (Err)
	UnknownKey                        // the key is not one of the policy's (Definitions)
	WrongType                         // the value is Got, not what the key's Kind takes
	BadValue                          // the value is of the right type but cannot work (Err)
	OutOfRange                        // the number Number is not one the key takes (Min to Max, or 0 or 1)
)

// PolicyError is a managed policy, or one of its keys, that cannot be
// used: data for explain to word. Key is "" for the source as a whole.
// Got is the kind of value given (text, number, bool, list, table, null)
// or the format the source is not; the value itself is not kept, but for
// a number, Number (a text may hold anything; a number says only itself).
type PolicyError struct {
	Source string
	Key    Key
	Fault  PolicyFault
	Got    string
	Number string
	Err    error
}

var errMoreThanOne = errors.New("it holds more than one JSON value")

func (e *PolicyError) Error() string {
	var what string
	switch e.Fault {
	case UnknownKey:
		names := make([]string, 0, len(definitions))
		for _, k := range PolicyKeys() {
			names = append(names, string(k))
		}
		what = fmt.Sprintf("there is no policy %q: the policies are %s", string(e.Key), strings.Join(names, ", "))
	case WrongType, OutOfRange:
		d, _ := Lookup(e.Key)
		got := article(e.Got)
		if e.Number != "" {
			got = e.Number
		}
		what = fmt.Sprintf("it must be %s, not %s", kindWords(d), got)
	case Unsafe:
		what = fmt.Sprintf("only root may be able to change a policy, but %v", e.Err)
	case NotParsed:
		what = fmt.Sprintf("it is not a %s object of policies: %v", e.Got, e.Err)
		if e.Got != "JSON" {
			what = fmt.Sprintf("it is not a %s of policies: %v", e.Got, e.Err)
		}
	default:
		what = fmt.Sprint(e.Err)
	}
	if e.Key == "" {
		return fmt.Sprintf("%s: %s", e.Source, what)
	}
	return fmt.Sprintf("%s in %s: %s", e.Key, e.Source, what)
}

func (e *PolicyError) Unwrap() error { return e.Err }

// kindWords says what d's values must be, for Error's English.
func kindWords(d Definition) string {
	switch d.Kind {
	case KindList:
		return "a list of one or more strings"
	case KindBool:
		return "true or false (1 or 0)"
	case KindNumber:
		return fmt.Sprintf("a whole number from %d to %d", d.Min, d.Max)
	}
	return "a text that is not empty"
}

func article(got string) string {
	switch got {
	case "null":
		return "nothing (null)"
	case "bool":
		return "true or false"
	case "table":
		return "a table of keys"
	}
	return "a " + got
}

// Problems are every problem found at once: the settings that cannot
// work (*SettingError), the policy's keys skipped (*PolicyError).
// errors.As and errors.Is look into each.
type Problems []error

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

func (ps Problems) Unwrap() []error { return ps }

// ProblemsIn is every problem err holds: the list when it is Problems,
// err alone otherwise, none when it is nil.
func ProblemsIn(err error) []error {
	var ps Problems
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ps):
		return ps
	}
	return []error{err}
}

// asError is ps as an error: nil when there is none.
func (ps Problems) asError() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// noName is how a problem names a value whose name is empty.
const noName Key = "(no name)"

// policyFrom reads the keys of raw, sorted so the problems are always in
// the same order: each key that cannot be used is kept in Problems, and
// stops what it governs (Policy.Stopped), while the others apply.
func policyFrom(source string, raw map[string]any) Policy {
	var p Policy
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		key := Key(k)
		if k == "" { // a PolicyError without a Key is about the whole source
			key = noName
		}
		if err := p.add(source, key, raw[k]); err != nil {
			p.Problems = append(p.Problems, err)
		}
	}
	p.settle()
	return p
}

// add sets the policy's key from a value read from source: a string, a
// list of strings, a boolean or a whole number, in whichever form the
// source has (JSON, a property list, the registry), checked for the key.
// A key already set in p (by a stronger source, or the same name twice)
// is left as it is, and the value kept in Shadowed.
func (p *Policy) add(source string, key Key, v any) *PolicyError {
	d, known := Lookup(key)
	if !known {
		return &PolicyError{Source: source, Key: key, Fault: UnknownKey}
	}
	if by, claimed := p.claimedBy(key); claimed {
		p.Shadowed = append(p.Shadowed, Shadowed{Key: key, Source: source, By: by, Conflicts: true})
		return nil
	}
	wrong := &PolicyError{Source: source, Key: key, Fault: WrongType, Got: kindOf(v), Number: numberText(v)}
	var (
		text string
		list []string
		on   bool
		n    int64
		ok   bool
	)
	switch d.Kind {
	case KindText:
		text, ok = v.(string)
		text = strings.TrimSpace(text)
		ok = ok && text != ""
	case KindList:
		list, ok = stringList(v)
		ok = ok && len(list) > 0
	case KindBool:
		if on, ok = v.(bool); !ok {
			n, ok = wholeNumber(v)
			if ok && n != 0 && n != 1 {
				wrong.Fault = OutOfRange
				return wrong
			}
			on = n == 1
		}
	case KindNumber:
		n, ok = wholeNumber(v)
		if ok && (n < d.Min || n > d.Max) {
			wrong.Fault = OutOfRange
			return wrong
		}
	}
	if !ok {
		return wrong
	}
	bad := func(err error) *PolicyError { return &PolicyError{Source: source, Key: key, Fault: BadValue, Err: err} }
	switch key {
	case KeyAllowedZones:
		bases := make([]string, len(list))
		for i, z := range list {
			zone, base, err := ParseZone(z)
			if err != nil {
				return bad(err)
			}
			list[i], bases[i] = zone, base
		}
		p.AllowedZones, p.allowedBases = list, bases
	case KeyAllowedScopes:
		list = SplitScopes(strings.Join(list, " "))
		if err := CheckScopes(list); err != nil {
			return bad(err)
		}
		p.AllowedScopes = list
	case KeyDisableTokenCopy:
		p.DisableTokenCopy = on
	case KeyMaxAccounts:
		p.MaxAccounts = int(n)
	case KeyManagedBy:
		p.ManagedBy = text
	default: // a setting's value, checked as the setting's
		if err := checkSetting(d.Setting, text); err != nil {
			return bad(err)
		}
		p.setValue(d, text)
	}
	if p.Sources == nil {
		p.Sources = map[Key]string{}
	}
	p.Sources[key] = source
	return nil
}

// setValue sets the setting d presets to text, and what it fixes with it:
// the Zone's API base.
func (p *Policy) setValue(d Definition, text string) {
	if p.Values == nil {
		p.Values = map[string]string{}
	}
	p.Values[d.Setting] = text
	if d.Fixes == EnvAPIBase {
		_, base, _ := ParseZone(text)
		p.Values[EnvAPIBase] = base
	}
}

// numberText is v in digits when v is a number, "" otherwise: what a
// problem with a number says it was.
func numberText(v any) string {
	switch n := v.(type) {
	case json.Number:
		return n.String()
	case uint64:
		return strconv.FormatUint(n, 10)
	case float64:
		return strconv.FormatFloat(n, 'g', -1, 64)
	}
	if i, ok := wholeNumber(v); ok {
		return strconv.FormatInt(i, 10)
	}
	return ""
}

// kindOf names v's kind for a PolicyError, without its content.
func kindOf(v any) string {
	switch v.(type) {
	case string:
		return "text"
	case json.Number:
		return "number"
	case bool:
		return "bool"
	case []any, []string:
		return "list"
	case map[string]any:
		return "table"
	case nil:
		return "null"
	}
	if _, ok := wholeNumber(v); ok {
		return "number"
	}
	return fmt.Sprintf("%T", v)
}

// merge adds what q, a weaker source, sets and p does not: a key p set,
// or could not use, keeps p's value, and q's is kept in Shadowed.
func (p *Policy) merge(q Policy) {
	claims := map[Key]string{}
	for _, key := range PolicyKeys() {
		if by, ok := p.claimedBy(key); ok {
			claims[key] = by
		}
	}
	for _, e := range q.Problems {
		if by, ok := claims[e.Key]; ok {
			p.Shadowed = append(p.Shadowed, Shadowed{Key: e.Key, Source: e.Source, By: by, Conflicts: true, Problem: e})
			continue
		}
		p.Problems = append(p.Problems, e)
	}
	p.Shadowed = append(p.Shadowed, q.Shadowed...)
	for _, key := range PolicyKeys() {
		source, set := q.Sources[key]
		if !set {
			continue
		}
		if by, ok := claims[key]; ok {
			conflicts := p.failed(key) != nil || p.value(key) != q.value(key)
			p.Shadowed = append(p.Shadowed, Shadowed{Key: key, Source: source, By: by, Conflicts: conflicts})
			continue
		}
		if p.Sources == nil {
			p.Sources = map[Key]string{}
		}
		p.Sources[key] = source
		switch d, _ := Lookup(key); key {
		case KeyAllowedZones:
			p.AllowedZones, p.allowedBases = q.AllowedZones, q.allowedBases
		case KeyAllowedScopes:
			p.AllowedScopes = q.AllowedScopes
		case KeyDisableTokenCopy:
			p.DisableTokenCopy = q.DisableTokenCopy
		case KeyMaxAccounts:
			p.MaxAccounts = q.MaxAccounts
		case KeyManagedBy:
			p.ManagedBy = q.ManagedBy
		default:
			p.setValue(d, q.Values[d.Setting])
		}
	}
	p.settle()
}
