package doctor

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/platform/httpclient"
)

// The zone line says where the zone and the API base each came from when
// they differ: the API base from MAKE_CONNECT_API_BASE is not "saved in
// Settings" because the zone was saved.
func TestZoneSaysEachSource(t *testing.T) {
	for _, tc := range []struct {
		name  string
		env   map[string]string
		saved config.Settings
		want  string
	}{
		{"the zone's own API", nil, config.Settings{config.EnvZone: "us1"},
			"us1.make.com, API https://us1.make.com/api/v2 (saved in Settings)"},
		{"an API base of its own", map[string]string{config.EnvAPIBase: "http://127.0.0.1:8787/api/v2"}, config.Settings{config.EnvZone: "us1"},
			"us1.make.com (saved in Settings), API http://127.0.0.1:8787/api/v2 (set by MAKE_CONNECT_API_BASE in the environment)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := config.Load(nil, func(k string) string { return tc.env[k] }, tc.saved, config.Policy{})
			if err != nil {
				t.Fatal(err)
			}
			if got := zone(c); got != tc.want {
				t.Errorf("zone = %q\nwant %q", got, tc.want)
			}
		})
	}
}

// The policy's lines: each rule, each value that cannot be used — a
// failure when it stops something, a warning when it is only ignored —
// and each setting it overrides.
func TestPolicyLines(t *testing.T) {
	p, err := config.ParsePolicyJSON("policy.json", []byte(`{"Zone": "eu2", "Zoen": "x", "MaxAccounts": "many", "ManagedByOrganization": "Example Ltd"}`))
	if err != nil {
		t.Fatal(err)
	}
	c, err := config.Load(nil, func(k string) string {
		return map[string]string{config.EnvAPIBase: "https://attacker.example/api/v2"}[k]
	}, nil, p)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ck := range policy(Inputs{Config: c}) {
		line := ck.Name + " " + ck.Status.String() + ": " + ck.Message
		if ck.Err != nil {
			line += string(ck.Err.(*config.PolicyError).Key)
		}
		got = append(got, line)
	}
	want := []string{
		"policy ok: ManagedByOrganization: Example Ltd (policy.json)",
		"policy failure: MaxAccounts",
		"policy warning: Zoen",
		"ignored warning: MAKE_CONNECT_API_BASE in the environment is ignored: your organization's policy sets it (Zone in policy.json).",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("lines\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if z := zone(c); z != "eu2.make.com, API https://eu2.make.com/api/v2 (set by your organization's policy: Zone in policy.json)" {
		t.Errorf("zone = %q", z)
	}
}

// The CA file line is not ok when the system trusts no root certificate:
// without a CA file nothing can be verified (a failure); with one, only
// its certificates are trusted (a warning).
func TestCAFileLineWithoutSystemRoots(t *testing.T) {
	for _, tc := range []struct {
		name    string
		env     map[string]string
		noRoots bool
		want    string
	}{
		{"system roots, no CA file", nil, false, "ok: none: the system's certificates only (the default) <nil>"},
		{"no system roots, no CA file", nil, true, "failure: none (the default) " + httpclient.ErrNoSystemRoots.Error()},
		{"no system roots, a CA file", map[string]string{config.EnvCAFile: "/etc/corp.pem"}, true,
			"warning: /etc/corp.pem (set by MAKE_CONNECT_CA_FILE in the environment) " + httpclient.ErrNoSystemRoots.Error()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := config.Load(nil, func(k string) string { return tc.env[k] }, nil, config.Policy{})
			if err != nil {
				t.Fatal(err)
			}
			for _, ck := range settings(Inputs{Config: c, NoSystemRoots: tc.noRoots}) {
				if ck.Name != "CA file" {
					continue
				}
				if got := fmt.Sprintf("%s: %s %v", ck.Status, ck.Message, ck.Err); got != tc.want {
					t.Errorf("CA file line = %q\nwant %q", got, tc.want)
				}
				return
			}
			t.Fatal("no CA file line")
		})
	}
}

// TestRedirectKinds: the redirect line says which of the three kinds is
// configured, checks what that kind needs (the port, this user's sign-in
// channel) and what to register at Make; a channel in a folder others
// may write to fails; on macOS, where the scheme's address does not reach
// the waiting sign-in, the scheme is a warning that names what works.
func TestRedirectKinds(t *testing.T) {
	defer func(id string) { config.AppID = id }(config.AppID)
	config.AppID = "com.makeconnect.app"
	private := t.TempDir()
	open := t.TempDir()
	os.Mkdir(filepath.Join(open, "make-connect"), 0o700)
	os.Chmod(filepath.Join(open, "make-connect"), 0o777)
	cases := []struct {
		redirect, runtime string
		goos              string
		status            Status
		says              string
	}{
		{config.DefaultRedirectURI, private, "linux", OK, "loopback, the kind to try first; register http://127.0.0.1/callback at Make; if Make takes no loopback address, use the app's scheme com.makeconnect.app:/callback"},
		{"com.makeconnect.app:/callback", private, "linux", OK, "the app's scheme: after Allow the browser asks the system to start Make Connect with com.makeconnect.app:/callback"},
		{"com.makeconnect.app:/callback", private, "windows", OK, "which hands the answer to the waiting sign-in"},
		{"com.makeconnect.app:/callback", private, "darwin", Warning, "on macOS the system gives the browser's answer to Make Connect as an Apple event, which this version does not take yet"},
		{"com.makeconnect.app:/callback", open, "linux", Failure, "the sign-in cannot wait for the browser's answer here"},
		{"https://intranet.example/cb", private, "darwin", OK, "your organization's page: after Allow the browser ends on https://intranet.example/cb; paste its address"},
	}
	for _, tc := range cases {
		t.Setenv("XDG_RUNTIME_DIR", tc.runtime)
		c, err := config.Load(&config.Flags{RedirectURI: tc.redirect}, func(string) string { return "" }, nil, config.Policy{})
		if err != nil {
			t.Fatal(err)
		}
		ck := redirect(Inputs{Config: c, GOOS: tc.goos})
		if ck.Status != tc.status || !strings.Contains(ck.Message, tc.says) {
			t.Errorf("%s in %s on %s: %s %q\nwant %s saying %q", tc.redirect, tc.runtime, tc.goos, ck.Status, ck.Message, tc.status, tc.says)
		}
	}
}
