package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/make-connect/make-connect/internal/core/account"

	"github.com/make-connect/make-connect/internal/app"
	"github.com/make-connect/make-connect/internal/core/accounts"
	"github.com/make-connect/make-connect/internal/platform/sanitize"
	"github.com/make-connect/make-connect/internal/words/explain"
)

// accountJSON is one account in "status --json"; scripts depend on it.
type accountJSON struct {
	ID              string             `json:"id"`
	Issuer          string             `json:"issuer"`
	Subject         string             `json:"subject"`
	Name            string             `json:"name"`
	Email           string             `json:"email"`
	Default         bool               `json:"default"`
	Scopes          []string           `json:"scopes"`
	ScopesConfirmed bool               `json:"scopes_confirmed"`
	ExpiresAt       *time.Time         `json:"expires_at"`
	Expired         bool               `json:"expired"`
	HasRefreshToken bool               `json:"has_refresh_token"`
	APIBase         string             `json:"api_base"`
	ZonesChecked    bool               `json:"zones_checked"`
	Organizations   []organizationJSON `json:"organizations"`
	ZoneNote        string             `json:"zone_note"`
	// Checked is Make's verdict with --check: "accepted", "rejected",
	// "unreachable"; null without.
	Checked *account.Verdict `json:"checked"`
}

// goneJSON is an account the kernel's keyring dropped, in "status --json":
// until when it was kept, and why ("timed-out", "restarted", "cleared").
type goneJSON struct {
	ID      string    `json:"id"`
	Email   string    `json:"email"`
	Written time.Time `json:"written"`
	Until   time.Time `json:"until"`
	Why     string    `json:"why"`
	Message string    `json:"message"`
}

// organizationJSON is one of an account's organizations in "status --json".
type organizationJSON struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Zone string `json:"zone"`
}

func statusCommand(fs *flag.FlagSet) run {
	asJSON := fs.Bool("json", false, "print JSON for scripts")
	check := fs.Bool("check", false, "ask Make whether each token still works")
	return func(ctx context.Context, env Env, a *app.App) int {
		svc := a.Accounts
		return status(ctx, env, svc, *asJSON, *check)
	}
}

func status(ctx context.Context, env Env, svc *accounts.Service, asJSON, check bool) int {
	conns, skipped, err := svc.List()
	if err != nil {
		return fail(env, err)
	}
	for _, s := range skipped {
		fmt.Fprintf(env.Stderr, "make-connect: skipped an unreadable keychain entry (make-connect repair can look into it): %v\n", s)
	}
	defaultID, defErr := svc.DefaultID(conns)
	if errors.Is(defErr, accounts.ErrAccountGone) {
		fmt.Fprintf(env.Stderr, "make-connect: %s\n", explain.Plain(defErr, explain.CommandLine))
	}
	now := env.Now()
	gone, _ := svc.Gone() // only an explanation: without it, nothing is said
	out := struct {
		Accounts []accountJSON `json:"accounts"`
		// Keychain is where they are kept: "system" or "kernel".
		Keychain string `json:"keychain"`
		// Gone are the accounts the kernel's keyring dropped without a
		// disconnect: connect them again.
		Gone []goneJSON `json:"gone"`
	}{Accounts: []accountJSON{}, Keychain: svc.Config.Keychain, Gone: []goneJSON{}}
	for _, g := range gone {
		out.Gone = append(out.Gone, goneJSON{ID: g.ID, Email: sanitize.Text(g.Email), Written: g.Written.UTC(), Until: g.Until.UTC(),
			Why: string(g.Why), Message: explain.Gone(g, explain.CommandLine)})
	}
	for _, c := range conns {
		a := toJSON(c, now, svc)
		a.Default = c.ID() == defaultID
		if check {
			v, err := svc.Check(ctx, c)
			a.Checked = &v
			if err != nil {
				fmt.Fprintf(env.Stderr, "make-connect: %s: %s\n", explain.Label(c), explain.Plain(err, explain.CommandLine))
			}
		}
		out.Accounts = append(out.Accounts, a)
	}
	switch {
	case asJSON:
		printJSON(env.Stdout, out)
	case len(conns) == 0:
		fmt.Fprintln(env.Stdout, "No Make account is connected. Run \"make-connect connect\" to connect one.")
	}

	if asJSON {
		return ExitOK
	}
	for i, c := range conns {
		if i > 0 {
			fmt.Fprintln(env.Stdout)
		}
		printAccount(env.Stdout, c, out.Accounts[i], now)
	}
	for i, g := range gone {
		if i > 0 || len(conns) > 0 {
			fmt.Fprintln(env.Stdout)
		}
		fmt.Fprintln(env.Stdout, explain.Gone(g, explain.CommandLine))
	}
	return ExitOK
}

// printAccount shows one account of "status".
func printAccount(w io.Writer, c *account.Connected, a accountJSON, now time.Time) {
	printConnection(w, c, now)
	m := account.Account{Conn: c}
	if a.Checked != nil {
		m.Verdict = *a.Checked
	}
	state := m.State(now).String()
	if a.Default {
		state += "; the default account"
	}
	fmt.Fprintf(w, "State:     %s\n", state)
	if a.Checked != nil {
		fmt.Fprintf(w, "Make:      %s\n", explain.Verdict(*a.Checked))
	}
	fmt.Fprintf(w, "API:       %s\n", c.APIBase)
	var orgs []string
	for _, o := range a.Organizations {
		orgs = append(orgs, o.Name+" ("+o.Zone+")")
	}
	if len(orgs) > 0 {
		fmt.Fprintf(w, "Orgs:      %s\n", strings.Join(orgs, ", "))
	}
	if a.ZoneNote != "" {
		fmt.Fprintf(w, "Zone:      %s\n", a.ZoneNote)
	}
}

// wantsJSON reports whether the command was asked for JSON.
func wantsJSON(fs *flag.FlagSet) bool {
	f := fs.Lookup("json")
	return f != nil && f.Value.String() == "true"
}

// printJSONError prints what a script reads on stdout when a command
// asked for JSON failed: {"error": plain}, the error in plain words.
// status's has its list too, empty, as it always had.
func printJSONError(w io.Writer, command, plain string) {
	out := struct {
		Accounts *[]accountJSON `json:"accounts,omitempty"`
		Error    string         `json:"error"`
	}{Error: plain}
	if command == "status" {
		out.Accounts = &[]accountJSON{}
	}
	printJSON(w, out)
}

func printJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

func toJSON(c *account.Connected, now time.Time, svc *accounts.Service) accountJSON {
	a := accountJSON{
		ID: c.ID(), Issuer: c.Issuer, Subject: c.Subject, Name: sanitize.Text(c.Name), Email: sanitize.Text(c.Email),
		Scopes: c.Scopes, ScopesConfirmed: c.ScopesConfirmed,
		Expired: c.Expired(now), HasRefreshToken: c.RefreshToken != "",
		APIBase: c.APIBase, ZonesChecked: c.ZonesChecked,
		ZoneNote: explain.Zone(c, svc.Config.Zone),
	}
	if a.Scopes == nil {
		a.Scopes = []string{}
	}
	a.Organizations = []organizationJSON{}
	for _, o := range c.Organizations {
		a.Organizations = append(a.Organizations, organizationJSON{o.ID, sanitize.Text(o.Name), sanitize.Text(o.Zone)})
	}
	if c.ExpiryKnown() {
		t := c.ExpiresAt.UTC()
		a.ExpiresAt = &t
	}
	return a
}
