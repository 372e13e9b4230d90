package doctor

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/accounts"
	"github.com/make-connect/make-connect/internal/platform/httpclient"
	"github.com/make-connect/make-connect/internal/platform/instance"
	"github.com/make-connect/make-connect/internal/platform/sanitize"
	"github.com/make-connect/make-connect/internal/platform/webbrowser"
)

// MaxSkew is how far this computer's clock may be from the sign-in
// server's before the report warns: id_token checks allow little leeway.
const MaxSkew = 2 * time.Minute

// settings reports each setting's value and where it comes from.
func settings(in Inputs) []Check {
	c := in.Config
	from := func(env string) string { return " (" + c.Where(env) + ")" }
	client := Check{Name: "client ID", Status: OK, Message: c.Auth.ClientID + from(config.EnvClientID)}
	if c.Auth.ClientID == "" {
		client = Check{Name: "client ID", Status: Failure, Err: auth.ErrNoClientID}
	}
	ca := Check{Name: "CA file", Status: OK, Message: "none: the system's certificates only" + from(config.EnvCAFile)}
	if c.CAFile != "" {
		ca.Message = c.CAFile + from(config.EnvCAFile)
	}
	if in.NoSystemRoots { // with a CA file, only its certificates are trusted
		ca.Status, ca.Err = Warning, httpclient.ErrNoSystemRoots
		if c.CAFile == "" {
			ca.Status, ca.Message = Failure, "none"+from(config.EnvCAFile)
		}
	}
	return []Check{
		client,
		{Name: "issuer", Status: OK, Message: c.Auth.Issuer + from(config.EnvIssuer)},
		{Name: "zone", Status: OK, Message: zone(c)},
		{Name: "scopes", Status: OK, Message: fmt.Sprint(c.Auth.Scopes) + from(config.EnvScopes)},
		{Name: "redirect URI", Status: OK, Message: c.Auth.RedirectURI + from(config.EnvRedirectURI)},
		{Name: "keychain service", Status: OK, Message: c.KeyringService + from(config.EnvKeyringService)},
		{Name: "keychain kind", Status: OK, Message: keychainName(c.Keychain) + from(config.EnvKeychain)},
		ca,
	}
}

// policy lists what the organization's managed policy sets beyond the
// settings above, each of its values that cannot be used (a failure when
// it stops something, a warning when it is only ignored), the values a
// stronger source overrides (a warning when the two conflict) and the
// settings of the person's it overrides.
func policy(in Inputs) []Check {
	var cs []Check
	p := in.Config.Policy
	for _, rule := range p.Rules() {
		cs = append(cs, Check{Name: "policy", Status: OK, Message: rule.String()})
	}
	for _, pe := range p.Problems {
		status := Warning
		if d, known := config.Lookup(pe.Key); known && p.Stopped(d.Stops) == pe {
			status = Failure
		}
		cs = append(cs, Check{Name: "policy", Status: status, Err: pe})
	}
	for _, s := range p.Shadowed {
		status := OK
		if s.Conflicts {
			status = Warning
		}
		cs = append(cs, Check{Name: "policy overridden", Status: status, Message: s.String()})
	}
	for _, note := range in.Config.Ignored {
		cs = append(cs, Check{Name: "ignored", Status: Warning, Message: note.String()})
	}
	return cs
}

// zone says the zone and the API base, each with where it came from when
// they differ (MAKE_CONNECT_API_BASE, say, under a saved zone).
func zone(c config.Config) string {
	if api := c.Sources[config.EnvAPIBase]; api == config.FromDefault || api == config.FromPolicy && c.Sources[config.EnvZone] == config.FromPolicy {
		return c.Zone + ", API " + c.APIBase + " (" + c.Where(config.EnvZone) + ")"
	}
	return c.Zone + " (" + c.Where(config.EnvZone) + "), API " + c.APIBase + " (" + c.Where(config.EnvAPIBase) + ")"
}

// signInServer reads the issuer's discovery document through this
// network, as a connect does, and compares the server's clock with ours.
func signInServer(ctx context.Context, in Inputs) []Check {
	issuer := in.Config.Auth.Issuer
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	u, _ := url.Parse(issuer + "/.well-known/openid-configuration")
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return []Check{{Name: "sign-in server", Status: Failure, Message: err.Error()}}
	}
	route := "directly"
	if p, err := httpclient.ProxyFor(in.Getenv, u); err != nil {
		return []Check{{Name: "sign-in server", Status: Failure, Message: "the proxy setting cannot be used: " + err.Error()}}
	} else if p != "" {
		route = "through the proxy " + p
	}
	start := in.Now()
	resp, err := in.HTTPClient.Do(req)
	took := in.Now().Sub(start)
	if err != nil {
		return []Check{{Name: "sign-in server", Status: Failure, Message: issuer + " could not be reached " + route, Err: err}}
	}
	defer resp.Body.Close()
	var doc struct {
		Issuer string `json:"issuer"`
	}
	body, _ := io.ReadAll(resp.Body)
	server := Check{Name: "sign-in server", Status: OK, Message: fmt.Sprintf("%s answered in %d ms %s, %s", issuer, took.Milliseconds(), route, security(resp, in.Config))}
	switch {
	case resp.StatusCode != http.StatusOK:
		server.Status, server.Message = Failure, fmt.Sprintf("%s answered HTTP %d %s, not its sign-in settings", issuer, resp.StatusCode, route)
	case json.Unmarshal(body, &doc) != nil:
		server.Status, server.Message = Failure, issuer+" answered "+route+" with something other than its sign-in settings (a proxy's page?)"
	case doc.Issuer != issuer:
		server.Status, server.Message = Failure, fmt.Sprintf("%s calls itself %q: the issuer setting must be exactly what the server says", issuer, sanitize.Text(doc.Issuer))
	}
	return []Check{server, clock(resp, start, in.Now())}
}

// security says how the answer was protected and which certificates
// vouched for it.
func security(resp *http.Response, c config.Config) string {
	if resp.TLS == nil {
		return "over plain http (allowed on this computer's loopback interface only)"
	}
	roots := "the system's certificates"
	if c.CAFile != "" {
		roots += " and " + c.CAFile
	}
	return fmt.Sprintf("over %s, the certificate trusted through %s", tlsVersion(resp.TLS.Version), roots)
}

func tlsVersion(v uint16) string {
	switch v {
	case 0x0304:
		return "TLS 1.3"
	case 0x0303:
		return "TLS 1.2"
	}
	return fmt.Sprintf("TLS (version %#x)", v)
}

// clock compares the server's Date header with the middle of the request.
func clock(resp *http.Response, sent, got time.Time) Check {
	date, err := http.ParseTime(resp.Header.Get("Date"))
	if err != nil {
		return Check{Name: "clock", Status: Warning, Message: "the server did not say its time, so this computer's clock was not checked"}
	}
	ours := sent.Add(got.Sub(sent) / 2)
	skew := ours.Sub(date).Round(time.Second)
	if skew < 0 {
		skew = -skew
	}
	if skew > MaxSkew {
		side := "ahead of"
		if ours.Before(date) {
			side = "behind"
		}
		// The Date header has whole seconds: say it to the minute.
		return Check{Name: "clock", Status: Warning, Message: fmt.Sprintf("this computer's clock is about %s %s the server's: signing in can fail on a clock that is off; set it right (turn on automatic time)", skew.Round(time.Minute), side)}
	}
	return Check{Name: "clock", Status: OK, Message: fmt.Sprintf("within %s of the server's", skew)}
}

// redirect checks that the browser's answer can come back the way the
// redirect URI's kind says — the loopback port opens, this user's sign-in
// channel carries a hand-over — and says what to register at Make.
func redirect(in Inputs) Check {
	uri := in.Config.Auth.RedirectURI
	_, kind, err := config.ParseRedirectURI(uri)
	others := "; if Make takes no loopback address, use the app's scheme " + config.SchemeRedirectURI() + " or an https page of your organization's (docs/admin.md, \"Choosing the redirect URI\")"
	switch {
	case err != nil:
		return Check{Name: "redirect", Status: Failure, Message: sanitize.Text(err.Error())}
	case kind == config.PrivateScheme && !config.SchemeHandedOver(in.GOOS):
		return Check{Name: "redirect", Status: Warning, Message: "the app's scheme: on macOS the system gives the browser's answer to Make Connect as an Apple event, which this version does not take yet, so the sign-in does not come back by itself. " +
			"Use a loopback redirect URI, or your organization's https page with the relay page (packaging/relay), which shows the address to paste into Make Connect"}
	case kind == config.PrivateScheme:
		if err := handOverWorks(); err != nil {
			return Check{Name: "redirect", Status: Failure, Err: err,
				Message: "the app's scheme: the sign-in cannot wait for the browser's answer here (" + sanitize.Text(err.Error()) + "); paste the address the browser ends on, or use a loopback redirect URI"}
		}
		return Check{Name: "redirect", Status: OK, Message: "the app's scheme: after Allow the browser asks the system to start Make Connect with " + uri +
			", which hands the answer to the waiting sign-in (this user's channel works); register exactly this URI at Make. " +
			"The installers register the scheme with the system; a build run from source is not registered, so paste the address then"}
	case kind == config.HTTPSPage:
		return Check{Name: "redirect", Status: OK, Message: "your organization's page: after Allow the browser ends on " + uri +
			"; paste its address into Make Connect, or host the relay page there (packaging/relay), which sends the browser on to " + config.SchemeRedirectURI() +
			". Register exactly this URI at Make"}
	}
	if err := auth.CheckRedirectPort(uri); err != nil {
		return Check{Name: "redirect port", Status: Failure, Message: sanitize.Text(err.Error())}
	}
	if u, _ := url.Parse(uri); u != nil && u.Port() == "0" {
		return Check{Name: "redirect port", Status: OK, Message: "any free port of 127.0.0.1 will do, and one was opened: loopback, the kind to try first; register http://127.0.0.1/callback at Make" + others}
	}
	return Check{Name: "redirect port", Status: OK, Message: "it can be opened; register exactly " + uri + " at Make" + others}
}

// handOverWorks hands a made-up address over this user's sign-in
// channel to a sign-in of the doctor's own, as the app started with its
// scheme would to a waiting one.
func handOverWorks() error {
	dir, err := instance.SignInDir()
	if err != nil {
		return err
	}
	probe := config.SchemeRedirectURI() + "?doctor=" + fmt.Sprint(time.Now().UnixNano())
	w, err := instance.AwaitSignIn(dir, func(address string) error {
		if address != probe {
			return errors.New("not the doctor's")
		}
		return nil
	})
	if err != nil {
		return err
	}
	defer w.Close()
	return instance.HandOver(dir, probe)
}

// browser says whether connect can open a browser here.
func browser(in Inputs) Check {
	if why := webbrowser.Unavailable(in.Getenv, in.GOOS); why != "" {
		return Check{Name: "browser", Status: Warning, Message: why + ": connect prints the address to open in a browser on any computer, and takes the address it ends on pasted back"}
	}
	if l := webbrowser.Launcher(in.GOOS); l != "" {
		return Check{Name: "browser", Status: OK, Message: "connect opens it with " + l}
	}
	return Check{Name: "browser", Status: Warning, Message: "no program to open a browser was found (xdg-open, x-www-browser, www-browser): install xdg-utils, or connect with --no-browser"}
}

// keychainName says which keychain holds the accounts.
func keychainName(kind string) string {
	if kind == "kernel" {
		return "kernel: Linux's kernel keyring, the user's persistent keyring, in memory only"
	}
	return "system: the operating system's keychain (Secret Service, Keychain, Credential Manager)"
}

// keychain reads the stored accounts, and says of each whether it works.
func keychain(ctx context.Context, in Inputs) []Check {
	if in.Store == nil {
		return []Check{{Name: "keychain", Status: Warning, Message: "not opened, as the configuration above did not load: which keychain it names is not certain"}}
	}
	start := in.Now()
	conns, skipped, err := in.Store.List()
	if err != nil {
		return []Check{{Name: "keychain", Status: Failure, Err: err}}
	}
	stored := fmt.Sprintf("%d accounts", len(conns))
	if len(conns) == 1 {
		stored = "1 account"
	}
	checks := []Check{{Name: "keychain", Status: OK, Message: fmt.Sprintf("%s answered in %d ms; %s stored", in.Config.Keychain, in.Now().Sub(start).Milliseconds(), stored)}}
	if in.Ready != nil {
		checks = append(checks, ready(in, conns))
	}
	for _, s := range skipped {
		checks = append(checks, Check{Name: "keychain entry", Status: Warning, Message: "an entry could not be read and is skipped (make-connect repair can look into it): " + s.Error()})
	}
	checks = append(checks, defaultAccount(in, conns))
	for _, c := range conns {
		ck := accountCheck(ctx, in, c)
		ck.Account.Among = conns
		checks = append(checks, ck)
	}
	return checks
}

// defaultAccount says which account tools use when they name none, and
// where that came from: a default that names no connected account, or
// several accounts and none the default, warn, as tools naming none fail.
func defaultAccount(in Inputs, conns []*account.Connected) Check {
	def := account.DefaultChoice(in.Config)
	c, err := account.Pick(conns, "", def)
	ck := Check{Name: "default account", Status: OK, Err: err, Default: &DefaultCheck{Conn: c, Choice: def, Among: conns}}
	if err != nil && !errors.Is(err, account.ErrNoAccount) {
		ck.Status = Warning
	}
	return ck
}

// accountCheck asks Make about c's token, unless it has expired, and
// grades what the account's rules say of it then: a token Make rejected
// fails, one that runs out without renewing itself warns.
func accountCheck(ctx context.Context, in Inputs, c *account.Connected) Check {
	a := account.Account{Conn: c}
	var err error
	if in.Check != nil && !c.Expired(in.Now()) {
		ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		defer cancel()
		a.Verdict, err = in.Check(ctx, c)
	}
	now := in.Now()
	ck := Check{Name: "account " + c.ID(), Status: OK, Account: &AccountCheck{Account: a, At: now}}
	switch {
	case a.State(now) == account.RejectedState:
		ck.Status = Failure
	case a.NeedsReconnect(now), a.State(now) == account.Expired:
		ck.Status = Warning
	case a.Verdict == account.Unreachable:
		ck.Status, ck.Err = Warning, err
	}
	return ck
}

// ready runs the checks connect runs before the sign-in: whether a new
// account could be kept now. An account limit that is reached only warns:
// the accounts connected work, and each can be reconnected.
func ready(in Inputs, conns []*account.Connected) Check {
	err := in.Ready(conns)
	switch {
	case err == nil:
		return Check{Name: "connect", Status: OK, Message: "a new account could be kept now: the keychain's lock can be taken, and there is room for one"}
	case errors.As(err, new(*accounts.TooManyAccountsError)):
		return Check{Name: "connect", Status: Warning, Err: err}
	}
	return Check{Name: "connect", Status: Failure, Err: err}
}
