package config

import (
	"flag"
	"strings"
)

// The environment variables, one per setting; a setting's flag is its
// variable's name without the prefix, in lower case with dashes
// (MAKE_CONNECT_CA_FILE is --ca-file).
const (
	EnvClientID       = "MAKE_CONNECT_CLIENT_ID"
	EnvIssuer         = "MAKE_CONNECT_ISSUER"
	EnvScopes         = "MAKE_CONNECT_SCOPES"
	EnvRedirectURI    = "MAKE_CONNECT_REDIRECT_URI"
	EnvZone           = "MAKE_CONNECT_ZONE"
	EnvAPIBase        = "MAKE_CONNECT_API_BASE"
	EnvKeyringService = "MAKE_CONNECT_KEYRING_SERVICE"
	EnvTimeout        = "MAKE_CONNECT_TIMEOUT"
	EnvCAFile         = "MAKE_CONNECT_CA_FILE"
	// EnvKeychain is where accounts are kept: "system" (the operating
	// system's keychain) or "kernel" (Linux's kernel keyring).
	EnvKeychain = "MAKE_CONNECT_KEYCHAIN"
	// EnvAccount picks the account commands use when --account is not
	// given; saved, it is the default account ("make-connect use").
	EnvAccount = "MAKE_CONNECT_ACCOUNT"
	// EnvDebug=1 is --verbose for every command, and more in the window's
	// log.
	EnvDebug = "MAKE_CONNECT_DEBUG"
	// EnvConfigDir moves the saved settings (and the window's log) out of
	// the user's configuration directory, as `make demo` does.
	EnvConfigDir = "MAKE_CONNECT_CONFIG_DIR"
)

// FlagName is the flag of the setting env, without its dashes.
func FlagName(env string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimPrefix(env, "MAKE_CONNECT_")), "_", "-")
}

// Flags holds the command-line settings; an empty value means "not given".
type Flags struct {
	ClientID, Issuer, Scopes, RedirectURI, Zone, APIBase, KeyringService, Timeout, CAFile, Keychain string
	Verbose                                                                                         bool
}

// Register adds the settings' flags to fs.
func (f *Flags) Register(fs *flag.FlagSet) {
	for _, s := range []struct {
		value *string
		env   string
		help  string
	}{
		{&f.ClientID, EnvClientID, "Make OAuth client ID"},
		{&f.Issuer, EnvIssuer, "authorization server (default " + DefaultIssuer + ")"},
		{&f.Scopes, EnvScopes, "scopes, space or comma separated (default \"" + strings.Join(DefaultScopes, " ") + "\")"},
		{&f.RedirectURI, EnvRedirectURI, "redirect URI: http://127.0.0.1:PORT/path, the app's scheme " + SchemeRedirectURI() + " or an https page (default " + DefaultRedirectURI + ")"},
		{&f.Zone, EnvZone, "Make zone, e.g. us1.make.com, or an https:// API base (default " + DefaultZone + ")"},
		{&f.APIBase, EnvAPIBase, "Make API base URL (default https://ZONE/api/v2)"},
		{&f.KeyringService, EnvKeyringService, "keychain service name (default " + AppID + ")"},
		{&f.Timeout, EnvTimeout, "how long to wait for the browser, e.g. 5m (default 5m)"},
		{&f.CAFile, EnvCAFile, "a PEM file of CA certificates to trust too, for proxies that inspect TLS"},
		{&f.Keychain, EnvKeychain, "where accounts are kept: system (the default) or kernel (Linux: no daemon, in memory)"},
	} {
		fs.StringVar(s.value, FlagName(s.env), "", s.help+" (env "+s.env+")")
	}
	fs.BoolVar(&f.Verbose, "verbose", false, "log every HTTP request to stderr, without secrets (env "+EnvDebug+"=1)")
}

// values is the flags given, by the environment variable each stands for.
func (f *Flags) values() map[string]string {
	return map[string]string{
		EnvClientID: f.ClientID, EnvIssuer: f.Issuer, EnvScopes: f.Scopes, EnvRedirectURI: f.RedirectURI,
		EnvZone: f.Zone, EnvAPIBase: f.APIBase, EnvKeyringService: f.KeyringService, EnvTimeout: f.Timeout,
		EnvCAFile: f.CAFile, EnvKeychain: f.Keychain,
	}
}
