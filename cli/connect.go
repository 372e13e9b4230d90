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

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/app"
	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/session"
	"github.com/make-connect/make-connect/internal/platform/sanitize"
	"github.com/make-connect/make-connect/internal/words/explain"
)

func connectCommand(fs *flag.FlagSet) run {
	noBrowser := fs.Bool("no-browser", false, "do not open a browser here; print the address to open on any computer")
	again := fs.String("account", "", "reconnect this account (its ID or email): allowed also when MaxAccounts is reached")
	return func(ctx context.Context, env Env, a *app.App) int {
		reconnect := ""
		if *again != "" {
			c, err := a.Accounts.Find(*again)
			if err != nil {
				return fail(env, err)
			}
			reconnect = c.ID()
		}
		return connect(ctx, env, a, *noBrowser, reconnect)
	}
}

// connect runs the connect flow (session.Connect) in the terminal. The
// browser's answer comes back to the loopback listener, or is pasted on
// standard input when the browser is on another computer: whichever comes
// first wins.
// reconnect is the ID of the account to connect again, "" for any.
func connect(ctx context.Context, env Env, a *app.App, noBrowser bool, reconnect string) int {
	svc := a.Accounts
	// Ctrl-C cancels the attempt, which frees the port.
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	fmt.Fprintf(env.Stderr, "Reading the sign-in settings of %s…\n", svc.Config.Auth.Issuer)
	c, err := session.Connect(ctx, session.Live(svc), reconnect)
	if errors.Is(err, auth.ErrNoClientID) {
		fail(env, err)
		fmt.Fprint(env.Stderr, clientIDHelp)
		return ExitUsage
	}
	if err != nil {
		return fail(env, err)
	}
	if why := a.BrowserUnavailable(); why != "" && !noBrowser {
		fmt.Fprintf(env.Stderr, "%s, so no browser is opened here.\n", why)
		noBrowser = true
	}
	// The sign-in address carries the attempt's state: it is printed only
	// where the person needs it, not into every log of stderr that others
	// may read. The browser gets a single-use link instead (Open).
	if noBrowser {
		fmt.Fprintf(env.Stderr, "Open this address in a browser on any computer:\n\n    %s\n\n", c.AuthURL())
	} else {
		fmt.Fprintln(env.Stderr, "Opening Make's sign-in page in your browser. If it does not open, press Ctrl-C and run "+
			"\"make-connect connect --no-browser\" for an address to open in any browser.")
		// Some openers only return when the browser exits: do not wait.
		go func() {
			if err := c.Open(env.OpenBrowser); err != nil {
				fmt.Fprintf(env.Stderr, "The browser could not be opened here (%s). Open this address in a browser on any computer:\n\n    %s\n\n",
					sanitize.Text(err.Error()), c.AuthURL())
			}
		}()
	}
	wait := svc.Config.Auth.Timeout
	if deadline, ok := c.Deadline(); ok {
		wait = deadline.Sub(env.Now()).Round(time.Second)
	}
	after, ok := afterApproval[c.RedirectKind()]
	switch {
	case !ok:
		after = afterApproval[config.Loopback]
	case c.RedirectKind() == config.PrivateScheme && !config.SchemeHandedOver(env.GOOS):
		after = schemeNotHandedOver
	}
	fmt.Fprintf(env.Stderr, after+"Waiting up to %s (Ctrl-C to cancel)…\n", c.RedirectURI(), wait)
	stdin := env.Stdin
	if env.LongLines != nil {
		var restore func()
		stdin, restore = env.LongLines()
		defer restore()
	}
	go readPastes(stdin, env.Stderr, c)
	defer reportOtherUsers(env, c)()

	r, err := c.Wait(ctx)
	if err != nil {
		return fail(env, err)
	}
	printConnection(env.Stdout, r.Conn, env.Now())
	if note := explain.Zone(r.Conn, svc.Config.Zone); note != "" {
		fmt.Fprintf(env.Stdout, "Zone:      %s\n", note)
	}
	for _, line := range explain.Connected(r, explain.CommandLine) {
		fmt.Fprintln(env.Stderr, line)
	}
	if cmp := c.Settled(ctx, r); cmp != nil {
		fmt.Fprintf(env.Stderr, "make-connect: %s\n", explain.Compromised(cmp, explain.CommandLine))
		return ExitFailure
	}
	return ExitOK
}

// afterApproval says, by the kind of redirect URI (%s), where the browser
// goes after the person approved and when to paste its address here.
var afterApproval = map[config.RedirectKind]string{
	config.Loopback: "After you approve, the browser goes to %s…\n" +
		"If it shows an error page there (it runs on another computer), copy the address from its address bar, paste it here and press Enter.\n",
	config.PrivateScheme: "After you approve, the browser hands the sign-in back to Make Connect (%s); allow it to open Make Connect if it asks.\n" +
		"If nothing comes back (the browser runs on another computer), copy the address the browser ended on, paste it here and press Enter.\n",
	config.HTTPSPage: "After you approve, the browser goes to your organization's page %s.\n" +
		"Copy the address from its address bar, paste it here and press Enter (if the page sends you on to Make Connect, nothing needs pasting).\n",
}

// schemeNotHandedOver is afterApproval's word for the app's scheme where
// its address does not reach this command (macOS: config.SchemeHandedOver).
const schemeNotHandedOver = "After you approve, the browser asks the system to open Make Connect (%s), but on macOS the answer does not reach this command.\n" +
	"If the browser shows the address it ended on, copy it, paste it here and press Enter; if it shows none, press Ctrl-C and use a loopback redirect URI or your organization's relay page (make-connect doctor says more).\n"

// reportOtherUsers prints a line for each request another user of this
// computer made for this sign-in (refused, and nothing spent), until the
// function it returns is called.
func reportOtherUsers(env Env, c *session.Connecting) (stop func()) {
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		for {
			select {
			case user := <-c.OtherUsers():
				fmt.Fprintf(env.Stderr, "make-connect: %s\n", explain.OtherUser(user))
			case <-done:
				return
			}
		}
	}()
	return func() { close(done); <-stopped }
}

// readPastes offers each line typed or piped on standard input to the
// attempt, as the window's paste field does. A wrong address gets a line
// saying so, and another chance; the end of input means nobody will paste,
// and the listener may still get the answer.
func readPastes(stdin io.Reader, stderr io.Writer, c *session.Connecting) {
	if stdin == nil {
		return
	}
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20) // an address with a long code
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		err := c.Paste(line)
		if !errors.Is(err, auth.ErrNotTheCallback) {
			return // the attempt has its result; Wait reports it
		}
		fmt.Fprintf(stderr, "%s Paste the whole address from the browser's address bar, then press Enter.\n", explain.Sentence(err.Error()))
	}
}

// clientIDHelp tells a person on the command line how to get and set a
// client ID.
var clientIDHelp = `Register a public OAuth client with Make (Make's developer docs: "Requesting an OAuth 2.0 client"),
with the redirect URI http://127.0.0.1/callback (or a fixed port, e.g. http://127.0.0.1:53682/callback,
if Make requires one), then set it:
    export ` + config.EnvClientID + `=your-client-id
or pass --client-id. If Make takes no loopback address, register the app's scheme ("make-connect doctor" names it)
or an https page instead, and set ` + config.EnvRedirectURI + ` to it. To try the app without one, run "make demo"
`

// printConnection shows the account, its expiry and its scopes. Name,
// email and scopes are the server's text, made safe to print.
func printConnection(w io.Writer, c *account.Connected, now time.Time) {
	fmt.Fprintf(w, "Connected: %s\n", explain.Label(c))
	fmt.Fprintf(w, "Account:   %s (%s)\n", c.ID(), sanitize.Text(c.Issuer))
	if note := explain.Identity(c); note != "" {
		fmt.Fprintf(w, "Note:      %s\n", note)
	}
	fmt.Fprintf(w, "Token:     %s\n", explain.DescribeExpiry(c, now))
	scopes := strings.Join(c.Scopes, " ")
	if !c.ScopesConfirmed {
		scopes += " (as requested; the server did not confirm them)"
	}
	fmt.Fprintf(w, "Scopes:    %s\n", sanitize.Text(scopes))
}
