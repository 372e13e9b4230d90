// Package explain is where the words a person reads are made: what went
// wrong, in words someone who is not a developer can act on (Plain), and
// what a connect, a disconnect or an account's schedule came to
// (accounts.go). The window and the command line both show an error with
// Plain first and the error's own text, the technical detail, under it;
// everything else they say about accounts comes from here too, so the two
// faces never word the same thing twice.
//
// Plain classifies an error by type: each package's errors are worded in
// a file of their own (signin.go, account_errors.go, keychain.go,
// settings.go, network.go, files.go), and TestEveryErrorExplained fails
// when an error type or sentinel of the app's has no words there. Only
// what net/http reports as the network is said to be the network; an
// error nobody foresaw is said to be unexpected, with its details.
package explain

import (
	"strings"
	"unicode"

	"github.com/make-connect/make-connect/internal/platform/sanitize"
	"github.com/make-connect/make-connect/internal/words/i18n"
)

// Plain says what went wrong with err, for a person using face f. It is
// never empty: an error explain does not know is said to be unexpected,
// with its own text. What a server sent is left to the details.
func Plain(err error, f Face) string {
	if s := classify(err, f); s != "" {
		return s
	}
	return unexpected(err)
}

// classify is the words for the first error in err's tree, outermost
// first, that explain knows: the outer error holds the context (which
// setting, which account) and says what it wraps where that matters. It
// is "" when explain knows none of them.
func classify(err error, f Face) string {
	return classifyBy(err, f, signInWords, accountWords, keychainErrorWords, configWords, networkWords, fileWords)
}

// classifyBy is [classify] by the classes given alone.
func classifyBy(err error, f Face, classes ...func(e error, f Face) string) string {
	var s string
	walk(err, func(e error) bool {
		for _, words := range classes {
			if s = words(e, f); s != "" {
				return true
			}
		}
		return false
	})
	return s
}

// walk calls visit on err and each error it wraps, depth first, as
// errors.As visits them, until visit returns true.
func walk(err error, visit func(error) bool) bool {
	if err == nil {
		return false
	}
	if visit(err) {
		return true
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		return walk(u.Unwrap(), visit)
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			if walk(e, visit) {
				return true
			}
		}
	}
	return false
}

// is reports whether e itself, not what it wraps, is target: the sentinel
// itself, or an error of a type that says it is (an Is method).
func is(e, target error) bool {
	if e == target {
		return true
	}
	x, ok := e.(interface{ Is(error) bool })
	return ok && x.Is(target)
}

// unexpected says err is none of the errors explain knows, with its text.
func unexpected(err error) string {
	return i18n.L("Something unexpected went wrong: {{.Details}}", vars{"Details": sentence(sanitize.Text(err.Error()))})
}

// orDetails is s, or, when s is "", that the details say why.
func orDetails(s string) string {
	if s != "" {
		return s
	}
	return i18n.L("The details say why.")
}

// capital starts s with a capital letter.
func capital(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

// sentence starts s with a capital letter and ends it with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	s = capital(s)
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "\n") {
		s += "."
	}
	return s
}

// Sentence makes s a sentence: a capital first letter and a full stop.
func Sentence(s string) string { return sentence(s) }
