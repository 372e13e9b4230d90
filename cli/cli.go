// Package cli is the app's headless face: connect, status, token and
// disconnect for scripts and for support staff on remote machines.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/make-connect/make-connect/accounts"
	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/config"
)

// Exit codes.
const (
	ExitOK       = 0
	ExitFailure  = 1
	ExitUsage    = 2
	ExitDeclined = 3
	ExitTimeout  = 4 // timed out or cancelled
)

// Env is what a command needs from the outside world; tests replace parts.
type Env struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// OpenBrowser opens a URL in the system browser.
	OpenBrowser func(url string) error
	// NewStore opens the keychain under a service name.
	NewStore func(service string) accounts.Store
	Now      func() time.Time
}

// A command is one subcommand. flags adds the command's own flags to the
// shared settings' and returns what runs once they are parsed, with the
// account service those settings make.
type command struct {
	name, usage string
	flags       func(fs *flag.FlagSet) run
}

type run func(ctx context.Context, env Env, svc *accounts.Service) int

var commands = []command{
	{"connect", "connect [--no-browser] [settings]   connect a Make account in the browser", connectCommand},
	{"status", "status [--json]                      list the connected accounts", statusCommand},
	{"token", "token [--account ID]                 print a valid access token", tokenCommand},
	{"disconnect", "disconnect [--account ID]            revoke and remove an account", disconnectCommand},
	{"repair", "repair [--apply] [--account ID]…     rebuild a damaged account list in the keychain", repairCommand},
}

// Run runs the subcommand in args (without the program name) and returns
// the exit code.
func Run(ctx context.Context, env Env, args []string) int {
	if env.Now == nil {
		env.Now = time.Now
	}
	if len(args) == 0 {
		usage(env.Stderr)
		return ExitUsage
	}
	switch args[0] {
	case "--version", "-version", "version":
		fmt.Fprintf(env.Stdout, "%s %s\n", config.AppName, config.Version)
		return ExitOK
	case "-h", "--help", "help":
		usage(env.Stdout)
		return ExitOK
	}
	for _, c := range commands {
		if c.name == args[0] {
			fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
			run := c.flags(fs)
			svc, code := setup(env, fs, args[1:])
			if code >= 0 {
				return code
			}
			return run(ctx, env, svc)
		}
	}
	fmt.Fprintf(env.Stderr, "make-connect: unknown command %q\n\n", args[0])
	usage(env.Stderr)
	return ExitUsage
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "%s %s connects Make accounts to this computer.\n\nUsage:\n  make-connect                         open the window\n", config.AppName, config.Version)
	for _, c := range commands {
		fmt.Fprintf(w, "  make-connect %s\n", c.usage)
	}
	fmt.Fprintf(w, "  make-connect --version\n\nSettings (flags override environment): run \"make-connect connect -h\".\n")
}

// setup parses a command's flags, with the shared settings, and builds the
// account service. It returns a non-negative exit code when the command
// must stop.
func setup(env Env, fs *flag.FlagSet, args []string) (*accounts.Service, int) {
	var f config.Flags
	f.Register(fs)
	fs.SetOutput(env.Stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, ExitOK
		}
		return nil, ExitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "make-connect %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return nil, ExitUsage
	}
	getenv := env.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	cfg, err := config.Load(&f, getenv)
	if err != nil {
		fail(env, err)
		return nil, ExitUsage
	}
	return &accounts.Service{Config: cfg, Store: env.NewStore(cfg.KeyringService), Now: env.Now}, -1
}

// accountFlag adds --account, the account a command acts on.
func accountFlag(fs *flag.FlagSet) *string {
	return fs.String("account", "", "the account's ID or email (needed when several are connected)")
}

// fail tells the person what went wrong, on stderr, and returns the exit
// code that says it to a script.
func fail(env Env, err error) int {
	fmt.Fprintf(env.Stderr, "make-connect: %v\n", err)
	return exitCode(err)
}

// exitCode maps an error to the documented exit codes.
func exitCode(err error) int {
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, auth.ErrDeclined):
		return ExitDeclined
	case errors.Is(err, auth.ErrTimedOut), errors.Is(err, auth.ErrCancelled):
		return ExitTimeout
	}
	return ExitFailure
}
