package cli

import (
	"bufio"
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
	"github.com/make-connect/make-connect/sanitize"
	"github.com/make-connect/make-connect/webbrowser"
)

func connectCommand(fs *flag.FlagSet) run {
	noBrowser := fs.Bool("no-browser", false, "do not open a browser here; print the address to open on any computer")
	return func(ctx context.Context, env Env, svc *accounts.Service) int {
		return connect(ctx, env, svc, *noBrowser)
	}
}

// connect runs one connect attempt in the terminal. The browser's answer
// comes back to the loopback listener, or is pasted on standard input when
// the browser is on another computer: whichever comes first wins.
func connect(ctx context.Context, env Env, svc *accounts.Service, noBrowser bool) int {
	// Ctrl-C cancels the attempt, which frees the port.
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	fmt.Fprintf(env.Stderr, "Reading the sign-in settings of %s…\n", svc.Config.Auth.Issuer)
	attempt, err := svc.Begin(ctx)
	if errors.Is(err, auth.ErrNoClientID) {
		fail(env, err)
		fmt.Fprint(env.Stderr, clientIDHelp)
		return ExitUsage
	}
	if err != nil {
		return fail(env, err)
	}
	if why := webbrowser.Unavailable(env.Getenv, env.GOOS); why != "" && !noBrowser {
		fmt.Fprintf(env.Stderr, "%s, so no browser is opened here.\n", why)
		noBrowser = true
	}
	if noBrowser {
		fmt.Fprintf(env.Stderr, "Open this address in a browser on any computer:\n\n    %s\n\n", attempt.AuthURL())
	} else {
		fmt.Fprintf(env.Stderr, "Opening Make's sign-in page in your browser. If it does not open, open this address in a browser on any computer:\n\n    %s\n\n", attempt.AuthURL())
		// Some openers only return when the browser exits: do not wait. The
		// browser gets a single-use link: its command line is readable by
		// every user of this computer.
		go func() {
			if err := env.OpenBrowser(attempt.LaunchURL()); err != nil {
				fmt.Fprintf(env.Stderr, "The browser could not be opened here (%s): open the address above in a browser on any computer.\n", sanitize.Text(err.Error()))
			}
		}()
	}
	fmt.Fprintf(env.Stderr, "After you approve, the browser goes to %s…\n"+
		"If it shows an error page there (it runs on another computer), copy the address from its address bar, paste it here and press Enter.\n"+
		"Waiting up to %s (Ctrl-C to cancel)…\n", attempt.RedirectURI(), svc.Config.Auth.Timeout)
	go readPastes(env, attempt)

	conn, err := attempt.Wait(ctx)
	if errors.Is(err, auth.ErrDeclined) {
		fail(env, err)
		return ExitDeclined
	}
	if err != nil {
		return fail(env, err)
	}
	printConnection(env.Stdout, conn, env.Now())
	if note := accounts.ZoneNote(conn, svc.Config.Zone); note != "" {
		fmt.Fprintf(env.Stdout, "Zone:      %s\n", note)
	}
	if replaced, revokeErr := svc.Replaced(conn.ID()); replaced && revokeErr != nil {
		fmt.Fprintf(env.Stderr, "This replaced the account's earlier connection, whose tokens Make could not be told to revoke (%v); they stay valid until they expire.\n", revokeErr)
	} else if replaced {
		fmt.Fprintln(env.Stderr, "This replaced the account's earlier connection; its tokens were revoked.")
	}
	if err := attempt.Settled(ctx); err != nil {
		return forgetCompromised(ctx, env, svc, conn, err)
	}
	return ExitOK
}

// forgetCompromised revokes and removes a connection whose sign-in link
// was opened again after it completed, and says so.
func forgetCompromised(ctx context.Context, env Env, svc *accounts.Service, conn *auth.Connection, cause error) int {
	_, revokeErr, err := svc.Disconnect(ctx, conn.ID())
	fail(env, cause)
	switch {
	case err != nil:
		fmt.Fprintf(env.Stderr, "The account could not be removed (%v): run \"make-connect disconnect --account %s\".\n", err, conn.ID())
	case revokeErr != nil:
		fmt.Fprintf(env.Stderr, "The account was removed from this computer, but Make could not be told to withdraw its access (%v).\n", revokeErr)
	default:
		fmt.Fprintln(env.Stderr, "The account was disconnected again: its tokens were revoked and removed from this computer.")
	}
	return ExitFailure
}

// readPastes offers each line typed or piped on standard input to the
// attempt, as the window's paste field does. A wrong address gets a line
// saying so, and another chance; the end of input means nobody will paste,
// and the listener may still get the answer.
func readPastes(env Env, a *auth.Attempt) {
	if env.Stdin == nil {
		return
	}
	sc := bufio.NewScanner(env.Stdin)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20) // an address with a long code
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		err := a.Paste(line)
		if !errors.Is(err, auth.ErrNotTheCallback) {
			return // the attempt has its result; Wait reports it
		}
		fmt.Fprintf(env.Stderr, "%s. Paste the whole address from the browser's address bar, then press Enter.\n", sentenceCase(err.Error()))
	}
}

// sentenceCase starts s with a capital letter.
func sentenceCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// clientIDHelp tells a person on the command line how to get and set a
// client ID.
var clientIDHelp = `Register a public OAuth client with Make (Make's developer docs: "Requesting an OAuth 2.0 client"),
with the redirect URI http://127.0.0.1/callback (or a fixed port, e.g. http://127.0.0.1:53682/callback,
if Make requires one), then set it:
    export ` + config.EnvClientID + `=your-client-id
or pass --client-id. To try the app without one, run "make demo"
`

// printConnection shows the account, its expiry and its scopes. Name,
// email and notes are the server's text, made safe to print.
func printConnection(w io.Writer, c *auth.Connection, now time.Time) {
	fmt.Fprintf(w, "Connected: %s\n", sanitize.Text(c.Label()))
	fmt.Fprintf(w, "Account:   %s (%s)\n", c.ID(), c.Issuer)
	if c.IdentityNote != "" {
		fmt.Fprintf(w, "Note:      %s\n", sanitize.Text(c.IdentityNote))
	}
	fmt.Fprintf(w, "Token:     %s\n", accounts.DescribeExpiry(c, now))
	scopes := strings.Join(c.Scopes, " ")
	if !c.ScopesConfirmed {
		scopes += " (as requested; the server did not confirm them)"
	}
	fmt.Fprintf(w, "Scopes:    %s\n", sanitize.Text(scopes))
}
