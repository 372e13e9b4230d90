package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/make-connect/make-connect/accounts"
)

// tokenCommand prints the account's access token alone on stdout, for
// scripts: refreshed first when it is due and the account can be.
func tokenCommand(fs *flag.FlagSet) run {
	account := accountFlag(fs)
	return func(ctx context.Context, env Env, svc *accounts.Service) int {
		tok, err := svc.Token(ctx, *account)
		if err != nil {
			return fail(env, err)
		}
		fmt.Fprintln(env.Stdout, tok)
		return ExitOK
	}
}
