package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/make-connect/make-connect/accounts"
)

// disconnectCommand revokes the account's tokens at the server and
// removes it from this computer, even when the revocation fails.
func disconnectCommand(fs *flag.FlagSet) run {
	account := accountFlag(fs)
	return func(ctx context.Context, env Env, svc *accounts.Service) int {
		c, revokeErr, err := svc.Disconnect(ctx, *account)
		if err != nil {
			return fail(env, err)
		}
		if revokeErr != nil {
			fmt.Fprintf(env.Stderr, "make-connect: the server did not confirm the revocation: %v\n", revokeErr)
			fmt.Fprintf(env.Stdout, "Removed %s from this computer; its token may stay valid at the server until it expires.\n", c.Label())
			return ExitFailure
		}
		fmt.Fprintf(env.Stdout, "Disconnected %s: the tokens were revoked and removed from this computer.\n", c.Label())
		return ExitOK
	}
}
