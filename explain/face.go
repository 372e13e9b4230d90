package explain

import (
	"fmt"

	"github.com/make-connect/make-connect/config"
	"github.com/make-connect/make-connect/sanitize"
)

// A Face is how a person does things where the words are shown: the window
// has buttons, the command line has commands.
type Face struct {
	window bool
	// Connect is how to start connecting: "press Connect to Make".
	Connect string
	// Reconnect is how to sign an account in again.
	Reconnect string
	// ClientID is how to set the client ID.
	ClientID string
	// CAFile is how to set the CA certificate file.
	CAFile string
	// Settings is where the client ID and scopes are checked.
	Settings string
	// ChooseDefault is how to choose the default account.
	ChooseDefault string
	// Disconnect is how to disconnect an account, by its ID.
	Disconnect func(id string) string
}

// The app's two faces.
var (
	Window = Face{
		window:        true,
		Connect:       "press Connect to Make",
		Reconnect:     "press Reconnect",
		ClientID:      "open Settings and enter the client ID Make gave your organization for this app",
		CAFile:        "set it in Settings › CA certificate file",
		Settings:      "in Settings",
		ChooseDefault: "press Make default on the account that tools should use",
		Disconnect:    func(string) string { return "press its Disconnect" },
	}
	CommandLine = Face{
		Connect:       `run "make-connect connect"`,
		Reconnect:     `run "make-connect connect"`,
		ClientID:      "set MAKE_CONNECT_CLIENT_ID or pass --client-id (see README, \"Registering a Make OAuth client\")",
		CAFile:        "set MAKE_CONNECT_CA_FILE or pass --ca-file",
		Settings:      "(--client-id and --scopes, their variables, or the window's Settings)",
		ChooseDefault: "choose one with --account ID, or make one the default: make-connect use ID",
		Disconnect:    func(id string) string { return `run "make-connect disconnect --account ` + id + `"` },
	}
)

// IsWindow reports whether f is the window's face.
func (f Face) IsWindow() bool { return f.window }

// changeSetting says how to give the setting env another value, where it
// was set: what (e.g. "another redirect URI registered with Make") is the
// value to give.
func (f Face) changeSetting(env string, source config.Source, what string) string {
	flag := config.FlagName(env)
	switch {
	case source == config.FromPolicy:
		return "ask whoever manages this computer: your organization's policy sets it"
	case source == config.FromFlag:
		return fmt.Sprintf("pass --%s with %s", flag, what)
	case source == config.FromEnvironment:
		return fmt.Sprintf("set %s in the environment to %s", env, what)
	case f.window:
		return "choose " + what + " in Settings"
	}
	return fmt.Sprintf("choose %s in the window's Settings, or pass --%s", what, flag)
}

// ManagedBy says which organization manages Make Connect here, by its
// policy's ManagedByOrganization: the window's header, Settings and About.
func ManagedBy(name string) string { return "Managed by " + sanitize.Text(name) }

// Plural writes n with the noun's singular or plural form: "1 account",
// "2 accounts".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprint(n) + " " + many
}
