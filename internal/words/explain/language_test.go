package explain

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/make-connect/make-connect/internal/core/account"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/adapters/keychain"
	"github.com/make-connect/make-connect/internal/adapters/makeapi"
	"github.com/make-connect/make-connect/internal/core/accounts"
	"github.com/make-connect/make-connect/internal/core/session"
	"github.com/make-connect/make-connect/internal/platform/httpclient"
	"github.com/make-connect/make-connect/internal/platform/safefile"
	"github.com/make-connect/make-connect/internal/words/i18n"
)

// everything is every sentence explain makes, for each kind of error and
// outcome, as face f says it.
func everything(f Face) []string {
	now := time.Date(2026, 11, 25, 14, 3, 0, 0, time.UTC)
	ada := &account.Connected{
		Connection: auth.Connection{
			Issuer:    "https://www.make.com",
			Subject:   "1",
			ExpiresAt: now.Add(30 * time.Minute),
		},
		Profile: account.Profile{
			Name:          "Ada",
			Email:         "ada@example.com",
			ZonesChecked:  true,
			Organizations: []account.Organization{{Zone: "eu1"}, {Zone: "us1"}},
		},
	}
	bob := &account.Connected{Connection: auth.Connection{Issuer: "https://www.make.com", Subject: "2", ExpiresAt: now.Add(-time.Minute)}, Profile: account.Profile{Name: "Bob"}}
	failed := errors.New("disk full")
	errs := []error{
		&config.PolicyError{Source: "/etc/make-connect/policy.json", Err: failed},
		fmt.Errorf("zone: %w", config.ErrSetByPolicy), fmt.Errorf("zone: %w", config.ErrNotAllowed),
		auth.ErrNoClientID, auth.ErrDeclined, auth.ErrTimedOut, auth.ErrCancelled, auth.ErrCompromised,
		auth.ErrIssuerMismatch, auth.ErrInvalidIDToken, accounts.ErrNoIdentity, auth.ErrRefreshRefused,
		&accounts.TooManyAccountsError{Max: 1, Source: "policy"}, &accounts.TooManyAccountsError{Max: 3, Source: "policy"},
		&accounts.TooShortError{Left: time.Minute, Wanted: 5 * time.Minute}, &accounts.TooShortError{Left: time.Minute, Wanted: 5 * time.Minute, RenewErr: failed},
		accounts.ErrTokenNotForShell, accounts.ErrExpired, &accounts.NotStoredError{Err: failed},
		&accounts.DefaultGoneError{Ref: "x", Source: config.FromSaved}, &accounts.DefaultGoneError{Ref: "x", Source: config.FromEnvironment},
		&accounts.WhichAccountError{Email: "ada@example.com", IDs: []string{"a", "b"}}, &accounts.WhichAccountError{IDs: []string{"a", "b", "c", "d", "e"}},
		&accounts.UnknownAccountError{Ref: "x"}, accounts.ErrNoAccount,
		&httpclient.CertificateError{Host: "www.make.com", Err: failed}, &httpclient.RedirectError{Status: 302, To: "https://elsewhere"},
		httpclient.ErrBodyTooLarge, makeapi.ErrRateLimited, makeapi.ErrRejected,
		&auth.TokenError{Status: 400, Code: "invalid_client"},
		&url.Error{Op: "Get", URL: "https://www.make.com", Err: failed},
		&auth.DiscoveryError{Issuer: "https://www.make.com", Err: failed},
		&auth.NotKeptError{Err: keychain.ErrLocked}, &auth.NotKeptError{Err: keychain.ErrLocked, RevokeErr: failed},
		keychain.ErrNoKernelKeyring,
		&keychain.KernelError{Op: "add a key", Err: keychain.ErrQuota, Full: true, Quota: &keychain.Quota{Keys: 12, MaxKeys: 200, Bytes: 19800, MaxBytes: 20000}},
		&keychain.KernelError{Op: "add a key", Err: failed, Unsupported: true},
	}
	for _, why := range []auth.PortProblem{auth.PortInUse, auth.PortReserved, auth.PortPrivileged, auth.PortUnusable} {
		for _, source := range []config.Source{config.FromSaved, config.FromEnvironment, config.FromPolicy} {
			errs = append(errs, &config.SettingError{Env: config.EnvRedirectURI, Source: source, Err: &auth.PortError{Port: "53682", Why: why, Err: failed}})
		}
	}
	for _, p := range []config.Problem{config.NotURL, config.NotRedirectKind, config.SchemeForm, config.Localhost, config.NotLoopback, config.NoPort, config.BadPort, config.NoPath,
		config.QueryOrFragment, config.UserInfo, config.NotHTTPS, config.NoScope, config.BadScope, config.NotKeychain, config.NotDuration} {
		for _, what := range []string{"redirect URI", "issuer", "API base"} {
			errs = append(errs, &config.SettingError{Env: config.EnvIssuer, Source: config.FromEnvironment, Err: &config.ValueError{What: what, Value: "x", Problem: p, Port: "99999"}})
		}
	}
	unsafe := []error{&safefile.Error{Path: "/tmp/ca.pem", Reason: safefile.OtherOwner, Owner: "uid 1000"},
		&safefile.Error{Path: "/tmp", Dir: true, Reason: safefile.OthersCanWrite, Mode: 0o777},
		&safefile.Error{Path: `C:\certs`, Dir: true, Reason: safefile.OthersCanWrite, Owner: "S-1-5-11"},
		&safefile.Error{Path: "/tmp/link.pem", Reason: safefile.Link, Target: "/tmp/ca.pem"},
		&safefile.Error{Path: "/tmp/ca.pem", Reason: safefile.NotRegular, Mode: fs.ModeNamedPipe},
		&safefile.Error{Path: "/tmp/ca.pem", Reason: safefile.Replaced}}
	errs = append(errs, unsafe...)
	for _, cause := range append(unsafe, httpclient.ErrNoPEM, fs.ErrNotExist, fs.ErrPermission, failed) {
		errs = append(errs, &config.SettingError{Env: config.EnvCAFile, Source: config.FromSaved, Err: &httpclient.CAFileError{File: "/tmp/ca.pem", Err: cause}})
	}
	for _, what := range []string{"zone", "API base", "scopes"} {
		errs = append(errs, &config.SettingError{Env: config.EnvZone, Source: config.FromSaved, Err: &config.NotAllowedError{What: what, Key: "AllowedZones",
			Source: "/etc/make-connect/policy.json", Values: []string{"us1.make.com"}, Allowed: []string{"eu1.make.com"}}})
	}
	errs = append(errs, &config.ZoneError{Value: "garbage"}, &auth.NotTheCallbackError{Redirect: "http://127.0.0.1:1/callback"},
		&auth.NotTheCallbackError{WrongState: true}, &auth.NotTheCallbackError{Finished: true})
	for _, s := range []keychain.Situation{keychain.NoSessionBus, keychain.NoSecretService, keychain.NotRunning,
		keychain.LockedKeyring, keychain.NoKeyring, keychain.StillLocked} {
		errs = append(errs, &keychain.SituationError{Kind: keychain.ErrUnavailable, Situation: s})
	}
	for _, name := range slices.Sorted(maps.Keys(samples)) {
		errs = append(errs, samples[name])
	}
	var out []string
	for _, err := range errs {
		out = append(out, Plain(err, f))
	}
	out = append(out, Connected(&session.Result{Conn: ada, AskedFor: bob, Replaced: true, RevokeErr: failed, DefaultKept: bob}, f)...)
	out = append(out, Connected(&session.Result{Conn: ada, Replaced: true, DefaultErr: failed}, f)...)
	out = append(out, Disconnected(&accounts.Disconnected{Conn: ada, RevokeErr: failed, WasDefault: true, DefaultErr: failed}, f, now)...)
	out = append(out, Disconnected(&accounts.Disconnected{Conn: ada, WasDefault: true}, f, now)...)
	out = append(out,
		Compromised(&session.Compromise{Conn: ada, Err: failed}, f),
		Compromised(&session.Compromise{Conn: ada, Disconnected: &accounts.Disconnected{Conn: ada, RevokeErr: failed}}, f),
		Compromised(&session.Compromise{Conn: ada, Disconnected: &accounts.Disconnected{Conn: ada}}, f),
		ChangedElsewhere([]*account.Connected{bob}, []*account.Connected{ada}),
		Zone(ada, "eu2"), Zone(bob, "eu1"), Zone(&account.Connected{Profile: account.Profile{ZonesChecked: true}}, "eu1"),
		Identity(&account.Connected{Profile: account.Profile{IdentityGap: account.IdentityNoScope}}), Identity(&account.Connected{Profile: account.Profile{IdentityGap: account.IdentityNotTold}}),
		Check(session.Account{Conn: ada, Check: &session.CheckStatus{Running: true}}, now),
		Check(session.Account{Conn: ada, Check: &session.CheckStatus{Verdict: account.Accepted}}, now),
		Check(session.Account{Conn: ada, Check: &session.CheckStatus{Err: failed}}, now),
		Renewal(session.Account{Conn: bob}, now),
		Renewal(session.Account{Conn: &account.Connected{Connection: auth.Connection{ExpiresAt: now.Add(2 * time.Minute)}}}, now),
		Renewal(session.Account{Conn: &account.Connected{Connection: auth.Connection{ExpiresAt: now.Add(time.Hour), RefreshToken: "r"}}}, now),
		Renewal(session.Account{Conn: ada, Refresh: &session.RefreshStatus{Err: failed}}, now),
		PolicyRule(config.Rule{Key: "DisableTokenCopy", Value: "on", Source: "policy.json"}),
		PolicyRule(config.Rule{Key: "DisableTokenCopy", Value: "off", Source: "policy.json"}),
		IgnoredSetting(config.Ignored{Env: config.EnvZone, Key: "Zone", Source: "policy.json"}),
		IgnoredSetting(config.Ignored{Env: config.EnvZone, Key: "Zone", Source: "policy.json", Saved: true}),
		OtherUser(""), OtherUser("65534"), ManagedBy("ACME"), Accounts(1), Accounts(2), Accounts(5),
		DescribeExpiry(ada, now), DescribeExpiry(bob, now), DescribeExpiry(&account.Connected{}, now),
	)
	for _, k := range []accounts.Notice{accounts.NoticeExpiresSoon, accounts.NoticeExpired} {
		title, text := Notification(session.Notice{Kind: k, Conn: ada})
		out = append(out, title, text)
	}
	return out
}

// TestEveryLanguage: whatever explain says, in every language, has each
// placeholder filled in, and the window's words are translated: in a
// language other than English, none of its sentences is left English.
func TestEveryLanguage(t *testing.T) {
	defer i18n.Use()
	english := everything(Window)
	for _, lang := range []string{"de", "fr", "es", "pt-BR", "cs"} {
		i18n.Use(lang)
		if i18n.Language() != lang {
			t.Fatalf("%s is not spoken: %s", lang, i18n.Language())
		}
		for _, f := range []Face{Window, CommandLine} {
			for i, s := range everything(f) {
				if s == "" || strings.Contains(s, "<no value>") || strings.Contains(s, "{{") {
					t.Errorf("%s: %q", lang, s)
				}
				if f.IsWindow() && s == english[i] {
					t.Errorf("%s: %q is not translated", lang, s)
				}
			}
		}
	}
}

// TestInGerman: the window's sentences in German name its buttons as the
// German window labels them; the command line, which never chooses a
// language, stays English.
func TestInGerman(t *testing.T) {
	defer i18n.Use()
	i18n.Use("de_DE.UTF-8")
	cases := []struct{ got, want string }{
		{Plain(auth.ErrTimedOut, Window), "Die Anmeldung in Ihrem Browser wurde nicht rechtzeitig abgeschlossen, daher wurde nichts verbunden. " +
			"Klicken Sie auf „Mit Make verbinden“, um es erneut zu versuchen."},
		{Plain(auth.ErrTimedOut, Window.ConnectButton("Weiteres Konto verbinden")), "Die Anmeldung in Ihrem Browser wurde nicht rechtzeitig abgeschlossen, " +
			"daher wurde nichts verbunden. Klicken Sie auf „Weiteres Konto verbinden“, um es erneut zu versuchen."},
		{Accounts(1), "1 Konto"},
		{Accounts(3), "3 Konten"},
	}
	for _, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("%q\nwant %q", tc.got, tc.want)
		}
	}
	i18n.Use()
	if got := Plain(auth.ErrTimedOut, CommandLine); got != `The sign-in in your browser did not finish in time, so nothing was connected. Run "make-connect connect" to try again.` {
		t.Errorf("the command line says %q", got)
	}
}

// TestCzechPlurals: Czech has a form for two to four, and another from
// five (and for 22, by the CLDR's rule).
func TestCzechPlurals(t *testing.T) {
	defer i18n.Use()
	i18n.Use("cs")
	for n, want := range map[int]string{1: "1 účet", 2: "2 účty", 4: "4 účty", 5: "5 účtů", 22: "22 účtů", 100: "100 účtů"} {
		if got := Accounts(n); got != want {
			t.Errorf("%d: %q, want %q", n, got, want)
		}
	}
}

// TestZonesListed: two zones are joined with "and", more with commas too.
func TestZonesListed(t *testing.T) {
	c := &account.Connected{Profile: account.Profile{ZonesChecked: true, Organizations: []account.Organization{{Zone: "eu1"}, {Zone: "us1"}, {Zone: "us2"}}}}
	if got, want := Zone(c, "eu2"), "This account's organizations are in eu1, us1 and us2; the zone setting says eu2."; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	c.Organizations = c.Organizations[:1]
	if got, want := Zone(c, "eu2"), "This account's organizations are in eu1; the zone setting says eu2."; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}
