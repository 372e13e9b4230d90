package account

import (
	"errors"
	"testing"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
)

func person(subject, email string) *auth.Connection {
	return &auth.Connection{Issuer: "https://www.make.com", Subject: subject, Email: email}
}

// TestPick is the rule every face follows to find the account meant.
func TestPick(t *testing.T) {
	ada, grace, ada2 := person("1", "ada@example.com"), person("2", "grace@example.com"), person("3", "ada@example.com")
	saved := func(ref string) Choice { return Choice{ref, config.FromSaved} }
	cases := []struct {
		name  string
		conns []*auth.Connection
		ref   string
		def   Choice
		want  *auth.Connection
		err   error // matched with errors.Is; nil: none
	}{
		{"none connected", nil, "", Choice{}, nil, ErrNoAccount},
		{"the only one", []*auth.Connection{ada}, "", Choice{}, ada, nil},
		{"several, no default", []*auth.Connection{ada, grace}, "", Choice{}, nil, ErrWhichAccount},
		{"the default by ID", []*auth.Connection{ada, grace}, "", saved(grace.ID()), grace, nil},
		{"the default by email", []*auth.Connection{ada, grace}, "", saved("GRACE@example.com"), grace, nil},
		{"a default that is gone, one left", []*auth.Connection{ada}, "", saved(grace.ID()), nil, ErrAccountGone},
		{"a variable that names none", []*auth.Connection{ada, grace}, "", Choice{"nobody", config.FromEnvironment}, nil, ErrAccountGone},
		{"named by ID over the default", []*auth.Connection{ada, grace}, ada.ID(), saved(grace.ID()), ada, nil},
		{"an email two share", []*auth.Connection{ada, grace, ada2}, "ada@example.com", Choice{}, nil, ErrWhichAccount},
		{"named, not there", []*auth.Connection{ada}, "grace@example.com", Choice{}, nil, ErrAccountGone},
	}
	for _, tc := range cases {
		got, err := Pick(tc.conns, tc.ref, tc.def)
		if got != tc.want || (tc.err == nil) != (err == nil) || (tc.err != nil && !errors.Is(err, tc.err)) {
			t.Errorf("%s: %v, %v; want %v, %v", tc.name, got, err, tc.want, tc.err)
		}
	}
	var gone *DefaultGoneError
	if _, err := Pick([]*auth.Connection{ada}, "", Choice{"x", config.FromEnvironment}); !errors.As(err, &gone) || gone.Source != config.FromEnvironment {
		t.Errorf("a gone default says %v, want where it was set", err)
	}
}

// TestDefaultToKeep: the one account there was stays the default when a
// second is connected, unless a default is saved already.
func TestDefaultToKeep(t *testing.T) {
	ada, grace, alan := person("1", "ada@example.com"), person("2", "grace@example.com"), person("3", "alan@example.com")
	cases := []struct {
		name     string
		existing []*auth.Connection
		added    *auth.Connection
		saved    string
		want     *auth.Connection
	}{
		{"the first account", nil, ada, "", nil},
		{"a second account", []*auth.Connection{ada}, grace, "", ada},
		{"the same account again", []*auth.Connection{ada}, ada, "", nil},
		{"a default is saved", []*auth.Connection{ada}, grace, ada.ID(), nil},
		{"a saved default names no account", []*auth.Connection{ada}, grace, "0123456789ab", ada},
		{"a third account", []*auth.Connection{ada, grace}, alan, "", nil},
	}
	for _, tc := range cases {
		if got := DefaultToKeep(tc.existing, tc.added, tc.saved); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
