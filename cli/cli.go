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
	"runtime"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/app"
	"github.com/make-connect/make-connect/internal/core/accounts"
	"github.com/make-connect/make-connect/internal/platform/sanitize"
	"github.com/make-connect/make-connect/internal/words/explain"
)

// Exit codes.
const (
	ExitOK       = 0
	ExitFailure  = 1
	ExitUsage    = 2
	ExitDeclined = 3
	ExitTimeout  = 4 // timed out or cancelled
)

// exitCodes say what each exit code means, in --help and the man page.
var exitCodes = []struct {
	code    int
	meaning string
}{
	{ExitOK, "done"},
	{ExitFailure, "failed (stderr says why), or doctor or repair found a problem"},
	{ExitUsage, "usage: an unknown command or flag, a setting that cannot work, or no clear account"},
	{ExitDeclined, "connect: the sign-in was declined"},
	{ExitTimeout, "connect: the sign-in timed out or was cancelled"},
}

// Env is what a command needs from the outside world; tests replace parts.
type Env struct {
	Stdout, Stderr io.Writer
	// Stdin is where a person pastes the address the browser ended on.
	Stdin io.Reader
	// LongLines, if set, readies Stdin for an address longer than a
	// terminal's line (4095 bytes on Linux) while connect waits for a
	// paste (termline.Open): it returns what to read instead of Stdin,
	// and what puts the terminal back.
	LongLines func() (io.Reader, func())
	Getenv    func(string) string
	// GOOS is the operating system, runtime.GOOS outside tests.
	GOOS string
	// OpenBrowser opens a URL in the system browser.
	OpenBrowser func(url string) error
	// NewStore opens the keychain the configuration names
	// (Config.Keychain, under Config.KeyringService).
	NewStore func(cfg config.Config) (accounts.Store, error)
	// ReadPolicy reads the organization's managed policy
	// (config.ReadPolicy); nil reads none.
	ReadPolicy func() (config.Policy, error)
	Now        func() time.Time
	// Window reports whether "make-connect" alone opens a window here:
	// the command-line build's does only when the window program is
	// beside it. nil: it does (the window build).
	Window func() bool

	// jsonCommand is the command that was asked for JSON: its failures
	// are printed on stdout too (fail).
	jsonCommand string
}

// A command is one subcommand. flags adds the command's own flags to the
// shared settings' and returns what runs once they are parsed, with the
// account service those settings make.
type command struct {
	name, usage string
	flags       func(fs *flag.FlagSet) run
	// args is how many arguments follow the flags.
	args int
	// report: the command runs under a configuration that did not load,
	// with the app built only for reporting on it (doctor).
	report bool
}

type run func(ctx context.Context, env Env, a *app.App) int

var commands = []command{
	{"connect", "connect [--no-browser] [--account ID] [settings]\tconnect a Make account in the browser", connectCommand, 0, false},
	{"status", "status [--json] [--check]\tlist the connected accounts (--check asks Make)", statusCommand, 0, false},
	{"token", "token [--account ID] [--json] [--min-valid 10m]\tprint a valid access token", tokenCommand, 0, false},
	{"disconnect", "disconnect [--account ID]\trevoke and remove an account", disconnectCommand, 0, false},
	{"use", "use ACCOUNT\tmake an account (its ID or email) the default", useCommand, 1, false},
	{"doctor", "doctor [--json]\tcheck what connecting needs here", doctorCommand, 0, true},
	{"repair", "repair [--apply] [--account ID]…\trebuild a damaged account list in the keychain", repairCommand, 0, false},
}

// Run runs the subcommand in args (without the program name) and returns
// the exit code.
func Run(ctx context.Context, env Env, args []string) int {
	// Everything a command prints passes here: a server's words (a name,
	// an error body) cannot steer the terminal, whichever line holds them.
	env.Stdout, env.Stderr = sanitize.Writer(env.Stdout), sanitize.Writer(env.Stderr)
	if env.Now == nil {
		env.Now = time.Now
	}
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	if env.GOOS == "" {
		env.GOOS = runtime.GOOS
	}
	if env.Window == nil {
		env.Window = func() bool { return true }
	}
	if len(args) == 0 {
		usage(env.Stderr, env.Window())
		return ExitUsage
	}
	switch args[0] {
	case "--version", "-version", "version":
		fmt.Fprintf(env.Stdout, "%s %s\n", config.AppName, config.FullVersion())
		return ExitOK
	case "-h", "--help", "help":
		usage(env.Stdout, env.Window())
		return ExitOK
	case "completion":
		return completion(env, args[1:])
	}
	for _, c := range commands {
		if c.name == args[0] {
			fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
			run := c.flags(fs)
			svc, code, err := setup(env, fs, args[1:], c)
			if wantsJSON(fs) {
				env.jsonCommand = c.name
			}
			if err != nil {
				fail(env, err)
			}
			if code >= 0 {
				return code
			}
			code = run(ctx, env, svc)
			// Whatever the command did, including Ctrl-C after the
			// browser's page: the keychain's work it left running ends
			// before the process does.
			if err := svc.Close(); err != nil && svc.Config.Verbose {
				fmt.Fprintf(env.Stderr, "make-connect: %v\n", err)
			}
			return code
		}
	}
	fmt.Fprintf(env.Stderr, "make-connect: unknown command %q\n\n", args[0])
	usage(env.Stderr, env.Window())
	return ExitUsage
}

// usage lists the commands, each one's synopsis, then what it does, and
// the exit codes. window says whether "make-connect" alone opens one.
func usage(w io.Writer, window bool) {
	fmt.Fprintf(w, "%s %s connects Make accounts to this computer.\n\nUsage:\n", config.AppName, config.FullVersion())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	if window {
		fmt.Fprintln(tw, "  make-connect\topen the window")
	}
	for _, c := range commandDocs() {
		fmt.Fprintf(tw, "  make-connect %s\t%s\n", c.synopsis, c.what)
	}
	fmt.Fprintln(tw, "  make-connect --version\tthe version")
	tw.Flush()
	if !window {
		fmt.Fprintln(w, "\nThis is the command-line build, which has no window; the desktop package (make-connect) adds it.")
	}
	fmt.Fprintf(w, "\nEvery command takes the settings' flags and --verbose: run \"make-connect connect -h\".\n"+
		"A flag overrides the environment, which overrides the saved settings; your organization's\n"+
		"policy, if it set one, overrides them all (\"make-connect doctor\" lists what it sets).\n"+
		"\nExit codes:\n")
	for _, e := range exitCodes {
		fmt.Fprintf(w, "  %d  %s\n", e.code, e.meaning)
	}
}

// setup parses a command's flags, with the shared settings, and builds the
// account service. It returns a non-negative exit code when the command
// must stop, and the error to report when a setting cannot work.
// A command that reports (doctor) gets its app under a configuration that
// did not load too, and says the problems in its report instead.
func setup(env Env, fs *flag.FlagSet, args []string, c command) (*app.App, int, error) {
	positional := c.args
	var f config.Flags
	f.Register(fs)
	fs.SetOutput(env.Stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, ExitOK, nil
		}
		return nil, ExitUsage, nil // flag has said what is wrong
	}
	switch {
	case fs.NArg() > positional:
		return nil, ExitUsage, fmt.Errorf("unexpected argument %q to %s", fs.Arg(positional), fs.Name())
	case fs.NArg() < positional:
		return nil, ExitUsage, fmt.Errorf("%s needs an account: its ID or email (see \"make-connect status\")", fs.Name())
	}
	// A terminal waits 3 s after connecting for a late second request of
	// the browser's single-use link; the window waits longer.
	aenv := app.Env{Getenv: env.Getenv, ReadPolicy: env.ReadPolicy, OpenStore: env.NewStore, Now: env.Now, GOOS: env.GOOS,
		LaunchWatch: 3 * time.Second}
	loaded, err := app.Load(aenv, &f)
	for _, note := range loaded.Config.Ignored {
		fmt.Fprintf(env.Stderr, "make-connect: %s\n", note)
	}
	for _, pe := range loaded.Config.Policy.Problems {
		fmt.Fprintf(env.Stderr, "make-connect: %s\n", explain.Plain(pe, explain.CommandLine))
	}
	var log io.Writer
	if loaded.Config.Verbose {
		log = env.Stderr
	}
	if c.report {
		return app.Build(aenv, loaded, log), -1, nil
	}
	if problems := config.ProblemsIn(err); len(problems) > 1 {
		for _, p := range problems[:len(problems)-1] { // the last is said as every error is
			fmt.Fprintf(env.Stderr, "make-connect: %s\n", explain.Plain(p, explain.CommandLine))
		}
		err = problems[len(problems)-1]
	}
	if err != nil {
		return nil, loadExit(err), err
	}
	a := app.Build(aenv, loaded, log)
	switch {
	case a.Blocked != nil:
		return nil, loadExit(a.Blocked), a.Blocked
	case a.StoreErr != nil:
		return nil, ExitFailure, a.StoreErr
	}
	return a, -1, nil
}

// loadExit is the exit code of a configuration that did not load: a
// value the person gave (a flag, a variable, Settings) that cannot work is
// a usage error; a file that cannot be read, and every problem of the
// organization's policy (a key that cannot be read, is of the wrong type,
// out of range, or cannot work) is a failure: one kind of problem, one
// code, and not one the person's command line could put right.
func loadExit(err error) int {
	if personsSetting(err) {
		return ExitUsage
	}
	return ExitFailure
}

// personsSetting reports whether err is a setting that cannot work whose
// value the person gave, not the organization's policy.
func personsSetting(err error) bool {
	var setting *config.SettingError
	return errors.As(err, &setting) && setting.Source != config.FromPolicy
}

// accountFlag adds --account, the account a command acts on.
func accountFlag(fs *flag.FlagSet) *string {
	return fs.String("account", "", "the account's `ID` or email (needed when several are connected)")
}

// fail tells the person what went wrong, on stderr, and returns the exit
// code that says it to a script.
// The plain words come first, the error's own text under them when it
// says more.
// A command asked for JSON prints the error on stdout too, so that a
// script always reads valid JSON (printJSONError).
func fail(env Env, err error) int {
	plain := explain.Plain(err, explain.CommandLine)
	if env.jsonCommand != "" {
		printJSONError(env.Stdout, env.jsonCommand, plain)
	}
	fmt.Fprintf(env.Stderr, "make-connect: %s\n", plain)
	if detail := err.Error(); !strings.Contains(strings.ToLower(plain), strings.ToLower(strings.TrimSuffix(detail, "."))) {
		fmt.Fprintf(env.Stderr, "  Details: %s\n", sanitize.Text(detail))
	}
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
	case errors.Is(err, accounts.ErrWhichAccount), errors.As(err, new(*accounts.DefaultGoneError)),
		personsSetting(err) && !errors.Is(err, auth.ErrPortInUse):
		return ExitUsage
	}
	return ExitFailure
}
