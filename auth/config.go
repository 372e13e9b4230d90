package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/platform/httpclient"
	"github.com/make-connect/make-connect/internal/platform/instance"
)

// Defaults for a Config's empty fields: the settings' own
// (config.DefaultIssuer…), so that the window, the command line and a
// Config built by hand agree.
const (
	DefaultIssuer      = config.DefaultIssuer
	DefaultRedirectURI = config.DefaultRedirectURI
	DefaultTimeout     = config.DefaultTimeout
)

// DefaultScopes are requested when a Config names none: config's.
var DefaultScopes = config.DefaultScopes

// ErrNoClientID is returned by Validate when no client ID is configured.
var ErrNoClientID = errors.New("no Make OAuth client ID is configured")

// Config says which authorization server to talk to and how.
type Config struct {
	// ClientID is the public client's ID, registered with Make. Required.
	ClientID string
	// Issuer is the authorization server's issuer URL; its endpoints come
	// from {Issuer}/.well-known/openid-configuration. Default DefaultIssuer.
	Issuer string
	// Scopes are requested in the authorize URL. Default DefaultScopes.
	Scopes []string
	// RedirectURI is where the browser brings the answer back, one of
	// config.ParseRedirectURI's three kinds. For a loopback one, port 0
	// means an ephemeral port (RFC 8252 §7.3); any other port is bound
	// exactly, for a redirect URI pre-registered with Make. Default
	// DefaultRedirectURI.
	RedirectURI string
	// HandOverDir is the folder of this user's sign-in channel, where an
	// attempt whose redirect URI is not loopback waits for the address
	// the process the system starts is given (instance.AwaitSignIn).
	// Default instance.SignInDir().
	HandOverDir string
	// Timeout ends a connection attempt that has not completed. Default
	// DefaultTimeout.
	Timeout time.Duration
	// LaunchWatch is how long the listener keeps watching the launch links
	// (LaunchURL) after the attempt completed, to catch a late second
	// request. Default DefaultLaunchWatch.
	LaunchWatch time.Duration
	// HTTPClient makes every request to the server. Default
	// httpclient.Default(): proxies from the environment, answers capped.
	HTTPClient *http.Client
	// Now is the clock for expiry and id_token checks. Default time.Now.
	Now func() time.Time
	// Accept, if set, is called with the verified connection before the
	// browser is told that connecting worked, so that looking up the
	// person's identity and storing the tokens are part of what the page
	// reports. who is how the success page names the person ("" for the
	// plain page): Make's API says that, not the protocol. An error from
	// Accept ends the attempt with that error.
	Accept func(ctx context.Context, c *Connection) (who string, err error)
	// Pages are the words of the pages the browser shows, in the person's
	// language; an empty field is said in English. Default EnglishPages.
	Pages PageTexts
}

// WithDefaults returns a copy of c with every empty field set to its
// default.
func (c Config) WithDefaults() Config {
	if c.Issuer == "" {
		c.Issuer = DefaultIssuer
	}
	c.Issuer = strings.TrimSuffix(c.Issuer, "/")
	if len(c.Scopes) == 0 {
		c.Scopes = DefaultScopes
	}
	if c.RedirectURI == "" {
		c.RedirectURI = DefaultRedirectURI
	}
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	if c.LaunchWatch == 0 {
		c.LaunchWatch = DefaultLaunchWatch
	}
	if c.HandOverDir == "" {
		c.HandOverDir, _ = instance.SignInDir()
	}
	if c.HTTPClient == nil {
		c.HTTPClient = httpclient.Default()
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	c.Pages = c.Pages.withDefaults()
	return c
}

// Validate reports the first thing wrong with c, after defaults, in words a
// person can act on.
func (c Config) Validate() error {
	c = c.WithDefaults()
	if strings.TrimSpace(c.ClientID) == "" {
		return ErrNoClientID
	}
	if err := config.CheckEndpoint("issuer", c.Issuer); err != nil {
		return err
	}
	if err := config.CheckRedirectURI(c.RedirectURI); err != nil {
		return err
	}
	if c.Timeout < 0 {
		return fmt.Errorf("the timeout %s is negative", c.Timeout)
	}
	return nil
}

// FromConfig is the connect flow's configuration for the settings c
// resolved; the fields that are no setting (the HTTP client, the clock,
// the pages, the launch watch) are left to their defaults or the caller.
func FromConfig(c config.Config) Config {
	a := c.Auth
	return Config{ClientID: a.ClientID, Issuer: a.Issuer, Scopes: a.Scopes, RedirectURI: a.RedirectURI, Timeout: a.Timeout}
}
