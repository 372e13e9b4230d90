package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/make-connect/make-connect/internal/app"
	"github.com/make-connect/make-connect/internal/platform/sanitize"
	"github.com/make-connect/make-connect/internal/words/explain"
)

// disconnectCommand revokes the account's tokens at the server and
// removes it from this computer, even when the revocation fails. It exits
// 1 when the revocation failed.
func disconnectCommand(fs *flag.FlagSet) run {
	account := accountFlag(fs)
	return func(ctx context.Context, env Env, a *app.App) int {
		svc := a.Accounts
		d, err := svc.Disconnect(ctx, *account)
		if err != nil {
			return fail(env, err)
		}
		lines := explain.Disconnected(d, explain.CommandLine, env.Now())
		fmt.Fprintln(env.Stdout, lines[0])
		for _, l := range lines[1:] {
			fmt.Fprintln(env.Stderr, l)
		}
		if d.RevokeErr != nil {
			fmt.Fprintf(env.Stderr, "  Details: %s\n", sanitize.Text(d.RevokeErr.Error()))
			return ExitFailure
		}
		return ExitOK
	}
}
