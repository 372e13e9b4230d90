package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/make-connect/make-connect/accounts"
	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/explain"
)

// accountJSON is one account in "status --json"; scripts depend on it.
type accountJSON struct {
	ID              string     `json:"id"`
	Issuer          string     `json:"issuer"`
	Subject         string     `json:"subject"`
	Name            string     `json:"name"`
	Email           string     `json:"email"`
	Scopes          []string   `json:"scopes"`
	ScopesConfirmed bool       `json:"scopes_confirmed"`
	ExpiresAt       *time.Time `json:"expires_at"`
	Expired         bool       `json:"expired"`
	HasRefreshToken bool       `json:"has_refresh_token"`
}

func statusCommand(fs *flag.FlagSet) run {
	asJSON := fs.Bool("json", false, "print JSON for scripts")
	return func(ctx context.Context, env Env, svc *accounts.Service) int {
		return status(env, svc, *asJSON)
	}
}

func status(env Env, svc *accounts.Service, asJSON bool) int {
	conns, skipped, err := svc.List()
	if err != nil {
		if asJSON {
			printJSONError(env.Stdout, err)
		}
		return fail(env, err)
	}
	for _, s := range skipped {
		fmt.Fprintf(env.Stderr, "make-connect: skipped an unreadable keychain entry: %v\n", s)
	}
	now := env.Now()
	if asJSON {
		out := struct {
			Accounts []accountJSON `json:"accounts"`
		}{Accounts: []accountJSON{}}
		for _, c := range conns {
			out.Accounts = append(out.Accounts, toJSON(c, now))
		}
		printJSON(env.Stdout, out)
		return ExitOK
	}
	if len(conns) == 0 {
		fmt.Fprintln(env.Stdout, "No Make account is connected. Run \"make-connect connect\" to connect one.")
		return ExitOK
	}
	for i, c := range conns {
		if i > 0 {
			fmt.Fprintln(env.Stdout)
		}
		printConnection(env.Stdout, c, now)
		fmt.Fprintf(env.Stdout, "State:     %s\n", accounts.StateAt(c, now))
	}
	return ExitOK
}

// wantsJSON reports whether the command was asked for JSON.
func wantsJSON(fs *flag.FlagSet) bool {
	f := fs.Lookup("json")
	return f != nil && f.Value.String() == "true"
}

// printJSONError prints what a script reads when the command failed: no
// accounts, and the error in plain words. Scripts always get valid JSON.
func printJSONError(w io.Writer, err error) {
	printJSON(w, struct {
		Accounts []accountJSON `json:"accounts"`
		Error    string        `json:"error"`
	}{[]accountJSON{}, explain.Plain(err, explain.CommandLine)})
}

func printJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

func toJSON(c *auth.Connection, now time.Time) accountJSON {
	a := accountJSON{
		ID: c.ID(), Issuer: c.Issuer, Subject: c.Subject, Name: c.Name, Email: c.Email,
		Scopes: c.Scopes, ScopesConfirmed: c.ScopesConfirmed,
		Expired: c.Expired(now), HasRefreshToken: c.RefreshToken != "",
	}
	if a.Scopes == nil {
		a.Scopes = []string{}
	}
	if c.ExpiryKnown() {
		t := c.ExpiresAt.UTC()
		a.ExpiresAt = &t
	}
	return a
}
