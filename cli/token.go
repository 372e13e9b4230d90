package cli

import (
	"context"
	"flag"
	"fmt"
)

func runToken(ctx context.Context, env Env, args []string) int {
	fs := flag.NewFlagSet("token", flag.ContinueOnError)
	account := fs.String("account", "", "the account's ID or email (needed when several are connected)")
	svc, code := setup(env, fs, args)
	if code >= 0 {
		return code
	}
	tok, err := svc.Token(ctx, *account)
	if err != nil {
		fmt.Fprintf(env.Stderr, "make-connect: %v\n", err)
		return ExitFailure
	}
	fmt.Fprintln(env.Stdout, tok)
	return ExitOK
}

func runDisconnect(ctx context.Context, env Env, args []string) int {
	fs := flag.NewFlagSet("disconnect", flag.ContinueOnError)
	account := fs.String("account", "", "the account's ID or email (needed when several are connected)")
	svc, code := setup(env, fs, args)
	if code >= 0 {
		return code
	}
	c, revokeErr, err := svc.Disconnect(ctx, *account)
	if err != nil {
		fmt.Fprintf(env.Stderr, "make-connect: %v\n", err)
		return ExitFailure
	}
	if revokeErr != nil {
		fmt.Fprintf(env.Stderr, "make-connect: the server did not confirm the revocation: %v\n", revokeErr)
		fmt.Fprintf(env.Stdout, "Removed %s from this computer; its token may stay valid at the server until it expires.\n", c.Label())
		return ExitFailure
	}
	fmt.Fprintf(env.Stdout, "Disconnected %s: the tokens were revoked and removed from this computer.\n", c.Label())
	return ExitOK
}
