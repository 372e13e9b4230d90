package account

import (
	"errors"
	"testing"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
)

func person(subject, email string) *Connected {
	return &Connected{Connection: auth.Connection{Issuer: "https://www.make.com", Subject: subject}, Profile: Profile{Email: email}}
}

// TestPick is the rule every face follows to find the account meant.
func TestPick(t *testing.T) {
	ada, grace, ada2 := person("1", "ada@example.com"), person("2", "grace@example.com"), person("3", "ada@example.com")
	saved := func(ref string) Choice { return Choice{ref, config.FromSaved} }
	cases := []struct {
		name  string
		conns []*Connected
		ref   string
		def   Choice
		want  *Connected
		err   error // matched with errors.Is; nil: none
	}{
		{"none connected", nil, "", Choice{}, nil, ErrNoAccount},
		{"the only one", []*Connected{ada}, "", Choice{}, ada, nil},
		{"several, no default", []*Connected{ada, grace}, "", Choice{}, nil, ErrWhichAccount},
		{"the default by ID", []*Connected{ada, grace}, "", saved(grace.ID()), grace, nil},
		{"the default by email", []*Connected{ada, grace}, "", saved("GRACE@example.com"), grace, nil},
		{"a default that is gone, one left", []*Connected{ada}, "", saved(grace.ID()), nil, ErrAccountGone},
		{"a default that is gone, none left", nil, "", saved(grace.ID()), nil, ErrNoAccount},
		{"a variable, none left", nil, "", Choice{"nobody", config.FromEnvironment}, nil, ErrNoAccount},
		{"a variable that names none", []*Connected{ada, grace}, "", Choice{"nobody", config.FromEnvironment}, nil, ErrAccountGone},
		{"named by ID over the default", []*Connected{ada, grace}, ada.ID(), saved(grace.ID()), ada, nil},
		{"an email two share", []*Connected{ada, grace, ada2}, "ada@example.com", Choice{}, nil, ErrWhichAccount},
		{"named, not there", []*Connected{ada}, "grace@example.com", Choice{}, nil, ErrAccountGone},
	}
	for _, tc := range cases {
		got, err := Pick(tc.conns, tc.ref, tc.def)
		if got != tc.want || (tc.err == nil) != (err == nil) || (tc.err != nil && !errors.Is(err, tc.err)) {
			t.Errorf("%s: %v, %v; want %v, %v", tc.name, got, err, tc.want, tc.err)
		}
	}
	var gone *DefaultGoneError
	if _, err := Pick([]*Connected{ada}, "", Choice{"x", config.FromEnvironment}); !errors.As(err, &gone) || gone.Source != config.FromEnvironment {
		t.Errorf("a gone default says %v, want where it was set", err)
	}
}

// TestDefaultToKeep: the one account there was stays the default when a
// second is connected, unless a default is saved already.
func TestDefaultToKeep(t *testing.T) {
	ada, grace, alan := person("1", "ada@example.com"), person("2", "grace@example.com"), person("3", "alan@example.com")
	cases := []struct {
		name     string
		existing []*Connected
		added    *Connected
		saved    string
		want     *Connected
	}{
		{"the first account", nil, ada, "", nil},
		{"a second account", []*Connected{ada}, grace, "", ada},
		{"the same account again", []*Connected{ada}, ada, "", nil},
		{"a default is saved", []*Connected{ada}, grace, ada.ID(), nil},
		{"a saved default names no account", []*Connected{ada}, grace, "0123456789ab", ada},
		{"a third account", []*Connected{ada, grace}, alan, "", nil},
	}
	for _, tc := range cases {
		if got := DefaultToKeep(tc.existing, tc.added, tc.saved); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
