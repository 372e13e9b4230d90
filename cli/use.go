package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/app"
	"github.com/make-connect/make-connect/internal/words/explain"
)

// useCommand makes an account the default: the one token and disconnect
// use when --account is not given. It is saved with the settings, so the
// window marks it too.
func useCommand(fs *flag.FlagSet) run {
	return func(ctx context.Context, env Env, a *app.App) int {
		svc := a.Accounts
		c, err := svc.SetDefault(fs.Arg(0))
		if err != nil {
			return fail(env, err)
		}
		fmt.Fprintf(env.Stdout, "%s (%s) is now the default account.\n", explain.Label(c), c.ID())
		if env.Getenv(config.EnvAccount) != "" {
			fmt.Fprintf(env.Stderr, "Note: %s is set in this environment and picks the account instead while it is.\n", config.EnvAccount)
		}
		return ExitOK
	}
}
