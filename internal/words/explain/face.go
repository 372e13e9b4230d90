package explain

import (
	"fmt"
	"slices"
	"strings"

	"github.com/make-connect/make-connect/internal/core/account"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/platform/sanitize"
	"github.com/make-connect/make-connect/internal/words/i18n"
)

// A Face is how a person does things where the words are shown: the window
// has buttons, the command line has commands. Each is a phrase that goes
// into a sentence, said when the sentence is made: the window's in the
// language chosen (i18n), naming its buttons as they are labelled; the
// command line's in English, as everything the command line says.
type Face struct {
	window bool
	// Connect, when set, is how to start connecting in place of the
	// face's own: the window's connect button changes its label. Set it
	// with [Face.ConnectButton], which says it in the chosen language.
	Connect string
	// connect is how to start connecting: "press Connect to Make".
	connect func() string
	// reconnect is how to sign an account in again.
	reconnect func() string
	// clientID is how to set the client ID.
	clientID func() string
	// caFile is how to set the CA certificate file.
	caFile func() string
	// settings is where the client ID and scopes are checked.
	settings func() string
	// chooseDefault is how to choose the default account.
	chooseDefault func() string
	// disconnect is how to disconnect an account, by its ID.
	disconnect func(id string) string
	// among are the accounts listed where the words are shown, which
	// decide whether an account is named with its server (LabelAmong).
	among []*account.Connected
}

// Among is f where the accounts all are listed: an account that shares a
// name or email with another of them is named with its sign-in server.
func (f Face) Among(all []*account.Connected) Face {
	f.among = all
	return f
}

// Name is how f names c: LabelAmong the accounts f lists.
func (f Face) Name(c *account.Connected) string {
	all := f.among
	if !slices.ContainsFunc(all, func(o *account.Connected) bool { return o.ID() == c.ID() }) {
		all = append(slices.Clip(all), c)
	}
	return LabelAmong(c, all)
}

// The app's two faces.
var (
	Window = Face{
		window:    true,
		connect:   func() string { return press(i18n.L("Connect to Make")) },
		reconnect: func() string { return press(i18n.L("Reconnect")) },
		clientID: func() string {
			return i18n.L("open {{.Settings}} and enter the client ID Make gave your organization for this app",
				vars{"Settings": i18n.L("Settings")})
		},
		caFile: func() string {
			return i18n.L("set it in {{.Settings}} › {{.Field}}", vars{"Settings": i18n.L("Settings"), "Field": i18n.L("CA certificate file")})
		},
		settings: func() string { return i18n.L("in {{.Settings}}", vars{"Settings": i18n.L("Settings")}) },
		chooseDefault: func() string {
			return i18n.L("press {{.Button}} on the account that tools should use", vars{"Button": i18n.L("Make default")})
		},
		disconnect: func(string) string { return i18n.L("press its {{.Button}}", vars{"Button": i18n.L("Disconnect")}) },
	}
	CommandLine = Face{
		connect:       english(`run "make-connect connect"`),
		reconnect:     english(`run "make-connect connect"`),
		clientID:      english("set MAKE_CONNECT_CLIENT_ID or pass --client-id (see README, \"Registering a Make OAuth client\")"),
		caFile:        english("set MAKE_CONNECT_CA_FILE or pass --ca-file"),
		settings:      english("(--client-id and --scopes, their variables, or the window's Settings)"),
		chooseDefault: english("choose one with --account ID, or make one the default: make-connect use ID"),
		disconnect:    func(id string) string { return `run "make-connect disconnect --account ` + id + `"` },
	}
)

// vars fills in a message's {{.Placeholders}}.
type vars = map[string]any

// press is how the window says to press the button labelled label.
func press(label string) string { return i18n.L("press {{.Button}}", vars{"Button": label}) }

// english is a phrase of the command line's: always English.
func english(s string) func() string { return func() string { return s } }

// ConnectButton is f where connecting starts by pressing the button
// labelled label (as shown, so in the chosen language).
func (f Face) ConnectButton(label string) Face {
	f.Connect = press(label)
	return f
}

// startConnect is how to start connecting with f.
func (f Face) startConnect() string {
	if f.Connect != "" {
		return f.Connect
	}
	return f.connect()
}

// IsWindow reports whether f is the window's face.
func (f Face) IsWindow() bool { return f.window }

// changeSetting says how to give the setting env another value, where it
// was set: what (e.g. "another redirect URI registered with Make") is the
// value to give.
func (f Face) changeSetting(env string, source config.Source, what string) string {
	flag := config.FlagName(env)
	switch {
	case source == config.FromPolicy:
		return i18n.L("ask whoever manages this computer: your organization's policy sets it")
	case source == config.FromFlag:
		return fmt.Sprintf("pass --%s with %s", flag, what)
	case source == config.FromEnvironment:
		return i18n.L("set {{.Variable}} in the environment to {{.Value}}", vars{"Variable": env, "Value": what})
	case f.window:
		return i18n.L("choose {{.Value}} in {{.Settings}}", vars{"Value": what, "Settings": i18n.L("Settings")})
	}
	return fmt.Sprintf("choose %s in the window's Settings, or pass --%s", what, flag)
}

// ManagedBy says which organization manages Make Connect here, by its
// policy's ManagedByOrganization: the window's header, Settings and About.
func ManagedBy(name string) string {
	return i18n.L("Managed by {{.Organization}}", vars{"Organization": sanitize.Text(name)})
}

// PolicyProblems says, in one line for the window's header, that the
// organization's policy has values that cannot be used, naming their
// keys; "" when it has none. Settings says each (Plain).
func PolicyProblems(p config.Policy) string {
	if len(p.Problems) == 0 {
		return ""
	}
	keys := make([]string, len(p.Problems))
	for i, pe := range p.Problems {
		keys[i] = sanitize.Text(string(pe.Key))
	}
	return i18n.L("Your organization's policy has values Make Connect cannot use: {{.Keys}}. Settings says what each means.", vars{"Keys": strings.Join(keys, ", ")})
}

// PolicyRule says what a rule of the organization's policy sets, for
// Settings: the key, value and source as the policy gives them, in words
// where the value is one of ours.
func PolicyRule(r config.Rule) string {
	v := vars{"Key": r.Key, "Value": sanitize.Text(r.Value), "Source": sanitize.Text(r.Source)}
	switch {
	case r.Key == "DisableTokenCopy" && r.Value == "on":
		return i18n.L("{{.Key}}: the window does not copy access tokens ({{.Source}})", v)
	case r.Key == "DisableTokenCopy":
		return i18n.L("{{.Key}}: off ({{.Source}})", v)
	}
	return i18n.L("{{.Key}}: {{.Value}} ({{.Source}})", v)
}

// AlsoSet lists, for Settings, what sets the settings its form does not
// show: the organization's policy by its key and where it is
// ("Keychain=system (by your organization's policy, in
// HKLM\Software\Policies\MakeConnect)"), the environment by its variable
// ("MAKE_CONNECT_KEYCHAIN=kernel (in the environment)"). A setting the
// policy locks is never said to be the environment's (it is ignored); one
// whose policy value cannot be used is among the policy's problems, and
// the API base a policy Zone fixes is the Zone field's. "" when nothing
// is set.
func AlsoSet(p config.Policy, env func(string) (string, bool)) string {
	var set []string
	for _, name := range []string{config.EnvIssuer, config.EnvAPIBase, config.EnvKeyringService, config.EnvTimeout, config.EnvKeychain} {
		if key, locked := p.Locks(name); locked {
			d, _ := config.Lookup(key)
			if v, ok := p.Values[name]; ok && d.Setting == name {
				set = append(set, i18n.L("{{.Setting}} (by your organization's policy, in {{.Source}})",
					vars{"Setting": string(key) + "=" + sanitize.Text(v), "Source": sanitize.Text(p.Source(key))}))
			}
			continue
		}
		if v, ok := env(name); ok {
			set = append(set, i18n.L("{{.Setting}} (in the environment)", vars{"Setting": name + "=" + sanitize.Text(v)}))
		}
	}
	if len(set) == 0 {
		return ""
	}
	return i18n.L("Also set: {{.List}}", vars{"List": strings.Join(set, ", ")})
}

// IgnoredSetting says that the policy overrides a setting's value from
// the environment or Settings, for Settings.
func IgnoredSetting(i config.Ignored) string {
	v := vars{"Variable": i.Env, "Key": i.Key, "Source": sanitize.Text(i.Source), "Settings": i18n.L("Settings")}
	if i.Saved {
		return i18n.L("The {{.Key}} saved in {{.Settings}} is ignored: your organization's policy sets it ({{.Key}} in {{.Source}}).", v)
	}
	return i18n.L("{{.Variable}} in the environment is ignored: your organization's policy sets it ({{.Key}} in {{.Source}}).", v)
}

// Accounts says how many accounts there are: "1 account", "2 accounts".
func Accounts(n int) string {
	return i18n.N("{{.Count}} accounts", n, vars{"Count": n})
}

// Plural writes n with the noun's singular or plural form: "1 account",
// "2 accounts". It is English only, for the log and the diagnostics
// report; what a person reads is a plural message of i18n's, as
// [Accounts].
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprint(n) + " " + many
}
