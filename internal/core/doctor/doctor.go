// Package doctor checks, one thing at a time, what a connection needs on
// this computer — the settings and where each comes from, the sign-in
// server through this network, the clock, the redirect port, a browser,
// the keychain and each stored account, with Make's verdict on its token
// — and says of each whether it is fine. A check carries its data (the
// error it found, the account it is about); explain.Doctor words them.
// The command line prints the report ("make-connect doctor"); the window
// copies it with its diagnostics.
package doctor

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/accounts"
)

// Status is a check's verdict.
type Status int

const (
	OK Status = iota
	Warning
	Failure
)

func (s Status) String() string { return [...]string{"ok", "warning", "failure"}[s] }

// MarshalText writes the status in JSON as its word.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Check is one line of the report.
type Check struct {
	// Name says what was checked, in a word or two.
	Name   string `json:"name"`
	Status Status `json:"status"`
	// Message is a plain sentence about it; explain.Doctor completes it
	// from Err and Account.
	Message string `json:"message"`
	// Err is the problem the check found, to be worded; nil when there
	// is none.
	Err error `json:"-"`
	// Account is the stored account an "account" check is about.
	Account *AccountCheck `json:"-"`
	// Default is what the "default account" check found.
	Default *DefaultCheck `json:"-"`
}

// DefaultCheck is the account tools use when they name none, by the rule
// every face follows (account.Pick): Conn, nil when there is none (the
// check's Err says why), and Choice, the setting that chose it — Ref ""
// when it is the only account connected.
type DefaultCheck struct {
	Conn   *account.Connected
	Choice account.Choice
	// Among are the accounts stored, to name Conn apart from them.
	Among []*account.Connected
}

// AccountCheck is what the check of a stored account found: the account
// with Make's verdict on its token (account.NotAsked when its token had
// expired, or nobody could ask), at the moment of the check. Its state is
// account.Account's, the one every face shows.
type AccountCheck struct {
	account.Account
	At time.Time
	// Among are the accounts stored, to name this one apart from them.
	Among []*account.Connected
}

// Report is every check, in the order they ran.
type Report struct {
	Checks []Check `json:"checks"`
}

// Failed reports whether any check failed.
func (r Report) Failed() bool {
	for _, c := range r.Checks {
		if c.Status == Failure {
			return true
		}
	}
	return false
}

// WriteText writes one line per check: "ok       issuer: …".
func (r Report) WriteText(w io.Writer) {
	for _, c := range r.Checks {
		fmt.Fprintf(w, "%-8s %s: %s\n", c.Status, c.Name, c.Message)
	}
}

// Inputs is what the checks look at.
type Inputs struct {
	Config config.Config
	// Problems are what stops the configuration from loading, each a
	// failed line: the report is made even then, on what was resolved.
	Problems []error
	// HTTPClient is the app's client, with its proxy, CA file and log.
	HTTPClient *http.Client
	// Store is the keychain; it is only read. Nil when it was not opened,
	// as the configuration did not load (Problems).
	Store accounts.Store
	// Check asks Make whether an account's access token still works
	// ((*accounts.Service).Check); nil asks nothing.
	Check func(ctx context.Context, c *account.Connected) (account.Verdict, error)
	// NoSystemRoots: the system trusts no root certificate at all
	// (httpclient.SystemRootsMissing).
	NoSystemRoots bool
	// Ready checks that a new account could be kept now, among the
	// accounts stored ((*accounts.Service).ReadyToConnect, as connect
	// runs it before the sign-in); nil checks nothing.
	Ready  func(existing []*account.Connected) error
	Getenv func(string) string
	GOOS   string
	Now    func() time.Time
}

// Run runs every check. Each is bounded in time, so a network or keychain
// that does not answer makes a failed line, not a hung report.
func Run(ctx context.Context, in Inputs) Report {
	if in.Now == nil {
		in.Now = time.Now
	}
	var r Report
	add := func(cs ...Check) { r.Checks = append(r.Checks, cs...) }
	for _, p := range in.Problems {
		add(Check{Name: "configuration", Status: Failure, Err: p})
	}
	add(settings(in)...)
	add(policy(in)...)
	add(signInServer(ctx, in)...)
	add(redirect(in), browser(in))
	add(keychain(ctx, in)...)
	return r
}
