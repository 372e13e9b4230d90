package explain

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/platform/httpclient"
	"github.com/make-connect/make-connect/internal/platform/safefile"
	"github.com/make-connect/make-connect/internal/words/i18n"
)

// TestProblem: each rule a setting's value can break is said in words,
// without where it was set (Settings shows it beside the field), from the
// real checks' errors; Plain adds where it was set.
func TestProblem(t *testing.T) {
	_, zoneErr := config.Load(nil, func(k string) string {
		return map[string]string{config.EnvZone: "garbage"}[k]
	}, nil, config.Policy{})
	_, caErr := config.Config{CAFile: "/nonexistent/ca.pem"}.HTTPClient(func(string) string { return "" }, nil)
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"localhost", config.CheckRedirectURI("http://localhost:8080/callback"),
			"Write http://127.0.0.1 instead of localhost in the redirect URI: the name localhost can be sent elsewhere."},
		{"no port", config.CheckRedirectURI("http://127.0.0.1/callback"), "The redirect URI needs a port, such as http://127.0.0.1:8080/callback (0 for any free one)."},
		{"bad port", config.CheckRedirectURI("http://127.0.0.1:99999/callback"), "There is no port 99999: a port is a number from 1 to 65535 (0 for any free one)."},
		{"no path", config.CheckRedirectURI("http://127.0.0.1:0"), "The redirect URI needs a path, such as /callback."},
		{"query", config.CheckRedirectURI("http://127.0.0.1:0/cb?x=1"), "The redirect URI must not have anything after a ? or #."},
		{"another scheme", config.CheckRedirectURI("ftp://127.0.0.1:1/cb"), "The redirect URI must be one of three kinds: this computer's own address"},
		{"https page with a user", config.CheckRedirectURI("https://u:p@intranet.example/cb"), "Redirect URI: the address must not hold a user name or password."},
		{"not loopback", config.CheckRedirectURI("http://10.0.0.1:0/cb"), "The redirect URI must be on this computer's own address, 127.0.0.1 or [::1]"},
		{"issuer not https", config.CheckEndpoint("issuer", "http://make.example.com"),
			"Sign-in server (issuer): “http://make.example.com” must start with https://, so that what is sent there is encrypted."},
		{"no scope", config.CheckScopes(nil), "Enter at least one scope."},
		{"bad scope", config.CheckScopes([]string{`a"b`}), `“a"b” is not a scope: scopes are written without quotes, backslashes or other special characters.`},
		{"zone", zoneErr, "“garbage” is not one of Make's zones (eu1.make.com, "},
		{"CA file missing", caErr, "There is no CA certificate file /nonexistent/ca.pem. Check its name and folder."},
		{"CA file without PEM", &httpclient.CAFileError{File: "/tmp/ca.pem", Err: httpclient.ErrNoPEM},
			"The CA certificate file /tmp/ca.pem holds no certificate in PEM form (-----BEGIN CERTIFICATE-----). Ask IT for the PEM file."},
		{"CA file of another user", &httpclient.CAFileError{File: "/tmp/ca.pem", Err: &safefile.Error{Path: "/tmp/ca.pem", Reason: safefile.OtherOwner, Owner: "uid 1000"}},
			"/tmp/ca.pem belongs to another user, who could change the CA certificate file"},
		{"scopes not allowed", &config.NotAllowedError{What: "scopes", Key: "AllowedScopes", Source: "policy.json", Values: []string{"scenarios:write"}, Allowed: []string{"openid", "user:read"}},
			"Your organization's policy does not allow these scopes: scenarios:write. It allows only openid, user:read (AllowedScopes in policy.json)."},
		{"anything else", errors.New("the disk is full"), "The disk is full."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil {
				t.Fatal("the check found nothing wrong")
			}
			var setting *config.SettingError
			inner := tc.err
			if errors.As(tc.err, &setting) {
				inner = setting.Err
			}
			if got := Problem(inner); !strings.HasPrefix(got, tc.want) {
				t.Errorf("Problem: %q\nwant %q", got, tc.want)
			}
		})
	}
	// Plain says where the value was set, after the problem.
	if got := Plain(zoneErr, Window); !strings.HasSuffix(got, "(Set by MAKE_CONNECT_ZONE in the environment.)") || !strings.HasPrefix(got, "“garbage”") {
		t.Errorf("Plain: %q", got)
	}
	// A server URL with a password in it is not repeated.
	if got := Problem(config.CheckEndpoint("API base", "https://me:hunter2@eu1.make.com/api/v2")); strings.Contains(got, "hunter2") ||
		got != "API address (API base): the address must not hold a user name or password." {
		t.Errorf("user info: %q", got)
	}
	// The technical text, for logs and the command line's details, is
	// unchanged English.
	if got := fmt.Sprint(config.CheckRedirectURI("http://localhost:8080/callback")); got != `the redirect URI "http://localhost:8080/callback" uses localhost: use http://127.0.0.1 instead (RFC 8252 §8.3)` {
		t.Errorf("Error(): %q", got)
	}
	if !errors.Is(caErr, httpclient.ErrCAFile) || !errors.Is(caErr, fs.ErrNotExist) {
		t.Errorf("the CA file's error is not ErrCAFile wrapping fs.ErrNotExist: %v", caErr)
	}
}

// TestProblemInGerman: the words beside a Settings field, and the policy's
// lines, are the chosen language's.
func TestProblemInGerman(t *testing.T) {
	defer i18n.Use()
	i18n.Use("de")
	cases := []struct{ got, want string }{
		{Problem(config.CheckRedirectURI("http://127.0.0.1:0")), "Die Weiterleitungs-URI braucht einen Pfad, etwa /callback."},
		{Problem(&httpclient.CAFileError{File: "/tmp/ca.pem", Err: fs.ErrNotExist}), "Es gibt keine CA-Zertifikatsdatei /tmp/ca.pem. Prüfen Sie Namen und Ordner."},
		{PolicyRule(config.Rule{Key: "DisableTokenCopy", Value: "on", Source: "policy.json"}), "DisableTokenCopy: Das Fenster kopiert keine Zugriffstoken (policy.json)"},
		{IgnoredSetting(config.Ignored{Env: config.EnvZone, Key: "Zone", Source: "policy.json"}),
			"MAKE_CONNECT_ZONE in der Umgebung wird nicht beachtet: Die Richtlinie Ihrer Organisation legt den Wert fest (Zone in policy.json)."},
		{Plain(&auth.NotTheCallbackError{Finished: true}, Window), "Diese Anmeldung ist bereits abgeschlossen, die Adresse wird nicht mehr gebraucht."},
		{Problem(&config.ZoneError{Value: "x"}), "„x“ ist weder eine der Zonen von Make"},
	}
	for _, tc := range cases {
		if !strings.HasPrefix(tc.got, tc.want) {
			t.Errorf("%q\nwant %q", tc.got, tc.want)
		}
	}
}
