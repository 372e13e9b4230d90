// Package config is the one home of the app's settings: built-in defaults,
// overridden by the environment, overridden by command-line flags.
package config

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/makeapi"
)

// Identity of the app, set from FyneApp.toml at start (metadata.go in
// package main); the values here are what tests see. AppID names the
// keychain service by default.
var (
	AppName = "Make Connect"
	AppID   = "com.makeconnect.app"
	Version = "0.1.0-dev"
	Build   = "0"
)

// BuiltInClientID is the Make OAuth client ID baked in at package time
// (-ldflags "-X github.com/make-connect/make-connect/config.BuiltInClientID=…").
// The environment and flags still override it.
var BuiltInClientID = ""

// Config is everything the app needs to connect and keep accounts.
type Config struct {
	// Auth is the connect flow's configuration; see auth.Config for its
	// defaults.
	Auth auth.Config
	// Zone is the Make zone whose API tells who is connected. Default
	// makeapi.DefaultZone.
	Zone string
	// APIBase is the Make API base URL. Default https://{Zone}/api/v2.
	APIBase string
	// KeyringService names the keychain entries. Default AppID.
	KeyringService string
}

// The environment variables, in the order of the fields they set.
const (
	EnvClientID       = "MAKE_CONNECT_CLIENT_ID"
	EnvIssuer         = "MAKE_CONNECT_ISSUER"
	EnvScopes         = "MAKE_CONNECT_SCOPES"
	EnvRedirectURI    = "MAKE_CONNECT_REDIRECT_URI"
	EnvZone           = "MAKE_CONNECT_ZONE"
	EnvAPIBase        = "MAKE_CONNECT_API_BASE"
	EnvKeyringService = "MAKE_CONNECT_KEYRING_SERVICE"
	EnvTimeout        = "MAKE_CONNECT_TIMEOUT"
)

// Flags holds the command-line settings; an empty value means "not given".
type Flags struct {
	ClientID, Issuer, Scopes, RedirectURI, Zone, APIBase, KeyringService, Timeout string
}

// Register adds the settings' flags to fs.
func (f *Flags) Register(fs *flag.FlagSet) {
	fs.StringVar(&f.ClientID, "client-id", "", "Make OAuth client ID (env "+EnvClientID+")")
	fs.StringVar(&f.Issuer, "issuer", "", "authorization server (env "+EnvIssuer+", default "+auth.DefaultIssuer+")")
	fs.StringVar(&f.Scopes, "scopes", "", "scopes, space or comma separated (env "+EnvScopes+", default \"openid user:read\")")
	fs.StringVar(&f.RedirectURI, "redirect-uri", "", "loopback redirect URI (env "+EnvRedirectURI+", default "+auth.DefaultRedirectURI+")")
	fs.StringVar(&f.Zone, "zone", "", "Make zone (env "+EnvZone+", default "+makeapi.DefaultZone+")")
	fs.StringVar(&f.APIBase, "api-base", "", "Make API base URL (env "+EnvAPIBase+", default https://ZONE/api/v2)")
	fs.StringVar(&f.KeyringService, "keyring-service", "", "keychain service name (env "+EnvKeyringService+", default "+AppID+")")
	fs.StringVar(&f.Timeout, "timeout", "", "how long to wait for the browser, e.g. 5m (env "+EnvTimeout+", default 5m)")
}

// Load resolves flags over the environment over the defaults. getenv is
// os.Getenv outside tests; f may be nil.
func Load(f *Flags, getenv func(string) string) (Config, error) {
	if f == nil {
		f = &Flags{}
	}
	if getenv == nil {
		getenv = os.Getenv
	}
	pick := func(flagValue, env, def string) string {
		if flagValue != "" {
			return flagValue
		}
		if v := strings.TrimSpace(getenv(env)); v != "" {
			return v
		}
		return def
	}
	var c Config
	c.Auth.ClientID = pick(f.ClientID, EnvClientID, BuiltInClientID)
	c.Auth.Issuer = pick(f.Issuer, EnvIssuer, auth.DefaultIssuer)
	c.Auth.Scopes = auth.SplitScopes(pick(f.Scopes, EnvScopes, strings.Join(auth.DefaultScopes, " ")))
	c.Auth.RedirectURI = pick(f.RedirectURI, EnvRedirectURI, auth.DefaultRedirectURI)
	c.Zone = pick(f.Zone, EnvZone, makeapi.DefaultZone)
	c.APIBase = pick(f.APIBase, EnvAPIBase, makeapi.BaseURL(c.Zone))
	c.KeyringService = pick(f.KeyringService, EnvKeyringService, AppID)
	if t := pick(f.Timeout, EnvTimeout, ""); t != "" {
		d, err := time.ParseDuration(t)
		if err != nil || d <= 0 {
			return c, fmt.Errorf("the timeout %q is not a duration such as 5m or 30s", t)
		}
		c.Auth.Timeout = d
	}
	c.Auth = c.Auth.WithDefaults()
	// The access token goes to the API base: it must be https (or this
	// computer's loopback interface) whatever the settings say. The connect
	// flow's own settings are checked by auth when it starts.
	if err := auth.CheckEndpoint("API base", c.APIBase); err != nil {
		return c, err
	}
	return c, nil
}
