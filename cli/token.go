package cli

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/make-connect/make-connect/internal/app"
)

// tokenJSON is "token --json"; scripts depend on it.
type tokenJSON struct {
	AccessToken string     `json:"access_token"`
	TokenType   string     `json:"token_type"`
	ExpiresAt   *time.Time `json:"expires_at"`
	Scopes      []string   `json:"scopes"`
	APIBase     string     `json:"api_base"`
	Account     string     `json:"account"`
}

// tokenCommand prints the account's access token alone on stdout, for
// scripts: renewed first when it is due, or shorter-lived than
// --min-valid, and the account can be.
func tokenCommand(fs *flag.FlagSet) run {
	account := accountFlag(fs)
	asJSON := fs.Bool("json", false, "print the token, its type, expiry, scopes, API base and account as JSON")
	minValid := fs.Duration("min-valid", 0, "renew the token first when it expires sooner than this, e.g. 10m; fail when it cannot be")
	return func(ctx context.Context, env Env, a *app.App) int {
		svc := a.Accounts
		c, err := svc.Token(ctx, *account, *minValid)
		if err != nil {
			return fail(env, err)
		}
		if !*asJSON {
			fmt.Fprintln(env.Stdout, c.AccessToken)
			return ExitOK
		}
		out := tokenJSON{AccessToken: c.AccessToken, TokenType: c.TokenType, Scopes: c.Scopes, APIBase: c.APIBase, Account: c.ID()}
		if out.TokenType == "" {
			out.TokenType = "Bearer"
		}
		if out.Scopes == nil {
			out.Scopes = []string{}
		}
		if c.ExpiryKnown() {
			t := c.ExpiresAt.UTC()
			out.ExpiresAt = &t
		}
		printJSON(env.Stdout, out)
		return ExitOK
	}
}
