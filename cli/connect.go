package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/make-connect/make-connect/accounts"
	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/config"
)

func connectCommand(fs *flag.FlagSet) run {
	noBrowser := fs.Bool("no-browser", false, "do not open the browser; print the address to visit")
	return func(ctx context.Context, env Env, svc *accounts.Service) int {
		return connect(ctx, env, svc, *noBrowser)
	}
}

func connect(ctx context.Context, env Env, svc *accounts.Service, noBrowser bool) int {
	// Ctrl-C cancels the attempt, which frees the port.
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	fmt.Fprintf(env.Stderr, "Reading the sign-in settings of %s…\n", svc.Config.Auth.Issuer)
	attempt, err := svc.Begin(ctx)
	if errors.Is(err, auth.ErrNoClientID) {
		fmt.Fprintf(env.Stderr, "make-connect: %v.\n%s", err, clientIDHelp)
		return ExitUsage
	}
	if err != nil {
		return fail(env, err)
	}
	fmt.Fprintf(env.Stderr, "If your browser did not open, visit:\n\n    %s\n\n", attempt.AuthURL())
	if !noBrowser {
		// Some openers only return when the browser exits: do not wait.
		go func() {
			if err := env.OpenBrowser(attempt.AuthURL()); err != nil {
				fmt.Fprintf(env.Stderr, "Could not open the browser (%v); open the address above yourself.\n", err)
			}
		}()
	}
	fmt.Fprintf(env.Stderr, "Waiting for you to approve in your browser (up to %s; Ctrl-C to cancel)…\n", svc.Config.Auth.Timeout)

	conn, err := attempt.Wait(ctx)
	if errors.Is(err, auth.ErrDeclined) {
		fail(env, err)
		fmt.Fprintln(env.Stderr, "Nothing was connected.")
		return ExitDeclined
	}
	if err != nil {
		return fail(env, err)
	}
	printConnection(env.Stdout, conn, env.Now())
	return ExitOK
}

// clientIDHelp tells a person on the command line how to get and set a
// client ID.
var clientIDHelp = `Register a public OAuth client with Make (Make's developer docs: "Requesting an OAuth 2.0 client"),
with the redirect URI http://127.0.0.1/callback (or a fixed port, e.g. http://127.0.0.1:53682/callback,
if Make requires one), then set it:
    export ` + config.EnvClientID + `=your-client-id
or pass --client-id. To try the app without one, run "make demo"
`

// printConnection shows the account, its expiry and its scopes.
func printConnection(w io.Writer, c *auth.Connection, now time.Time) {
	fmt.Fprintf(w, "Connected: %s\n", c.Label())
	fmt.Fprintf(w, "Account:   %s (%s)\n", c.ID(), c.Issuer)
	if c.IdentityNote != "" {
		fmt.Fprintf(w, "Note:      %s\n", c.IdentityNote)
	}
	fmt.Fprintf(w, "Expires:   %s\n", accounts.DescribeExpiry(c, now))
	scopes := strings.Join(c.Scopes, " ")
	if !c.ScopesConfirmed {
		scopes += " (as requested; the server did not confirm them)"
	}
	fmt.Fprintf(w, "Scopes:    %s\n", scopes)
}
