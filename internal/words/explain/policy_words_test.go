package explain

import (
	"strings"
	"testing"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/adapters/keychain"
)

// TestPolicyWording: what an administrator reads about a policy value
// that cannot be used, from the real reader and resolver, in each face:
// it names the key and the registry key or file it is in, a number out of
// range says the range and the number given, and no message sends them
// to a variable (MAKE_CONNECT_…) or says only "(Set by your
// organization's policy.)".
func TestPolicyWording(t *testing.T) {
	const hklm = `HKLM\Software\Policies\MakeConnect`
	const file = "/etc/make-connect/policy.json"
	cases := []struct {
		name, source, doc string
		want              []string
	}{
		{"MaxAccounts 0", hklm, `{"MaxAccounts": 0}`,
			[]string{"MaxAccounts in " + hklm + ": it must be a whole number from 1 to 1000, not 0", "no account can be connected"}},
		{"MaxAccounts 1001", file, `{"MaxAccounts": 1001}`,
			[]string{"MaxAccounts in " + file + ": it must be a whole number from 1 to 1000, not 1001"}},
		{"MaxAccounts 1.5", hklm, `{"MaxAccounts": 1.5}`,
			[]string{"MaxAccounts in " + hklm + ": it must be a whole number from 1 to 1000, not 1.5"}},
		{"MaxAccounts a text", hklm, `{"MaxAccounts": "many"}`,
			[]string{"MaxAccounts in " + hklm + ": it must be a whole number from 1 to 1000, not a text"}},
		{"DisableTokenCopy 2", hklm, `{"DisableTokenCopy": 2}`,
			[]string{"DisableTokenCopy in " + hklm + ": it must be true or false (1 or 0), not 2", "does not copy access tokens"}},
		{"Issuer a number", hklm, `{"Issuer": 1}`,
			[]string{"Issuer in " + hklm + ": it must be a text that is not empty, not 1"}},
		{"Issuer not https", hklm, `{"Issuer": "http://sso.example.com"}`, []string{"Issuer in " + hklm}},
		{"Zone not a zone", hklm, `{"Zone": "not a zone"}`, []string{"Zone in " + hklm}},
		{"Zone outside AllowedZones", hklm, `{"Zone": "us1.make.com", "AllowedZones": ["eu2.make.com"]}`,
			[]string{"AllowedZones in " + hklm, "(Zone in " + hklm + "): ask whoever manages this computer"}},
		{"Scopes outside AllowedScopes", file, `{"Scopes": "openid admin:write", "AllowedScopes": ["openid"]}`,
			[]string{"AllowedScopes in " + file, "(Scopes in " + file + "): ask whoever manages this computer"}},
		{"Keychain not one", hklm, `{"Keychain": "vault"}`, []string{"Keychain in " + hklm, "the keychain is not opened"}},
		{"an unknown key", hklm, `{"Zoen": "eu2.make.com"}`, []string{"Zoen in " + hklm, "Everything else in it applies"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := config.ParsePolicyJSON(tc.source, []byte(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := config.Load(nil, func(string) string { return "" }, nil, p)
			problems := config.ProblemsIn(err)
			for _, pe := range cfg.Policy.Problems {
				problems = append(problems, pe)
			}
			if len(problems) == 0 {
				t.Fatal("no problem")
			}
			var said []string
			for _, face := range []Face{CommandLine, Window} {
				for _, e := range problems {
					said = append(said, Plain(e, face))
				}
			}
			all := strings.Join(said, "\n")
			for _, want := range tc.want {
				if !strings.Contains(all, want) {
					t.Errorf("does not say %q:\n%s", want, all)
				}
			}
			checkPolicyWords(t, said, tc.source)
		})
	}
}

// TestPolicyKernelKeyring: a kernel keyring the policy chooses where
// there is none (Windows, macOS) or where the kernel forbids it is the
// policy's key to correct, not a variable to unset.
func TestPolicyKernelKeyring(t *testing.T) {
	const hklm = `HKLM\Software\Policies\MakeConnect`
	p, err := config.ParsePolicyJSON(hklm, []byte(`{"Keychain": "kernel"}`))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(nil, func(string) string { return "" }, nil, p)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"no kernel keyring", keychain.ErrNoKernelKeyring, "The kernel keyring is only on Linux, but your organization's policy chooses it (Keychain in " + hklm + ")"},
		{"forbidden", &keychain.KernelError{Op: "get the persistent keyring", Err: keychain.ErrNoKernelKeyring},
			"your organization's policy chooses it (Keychain in " + hklm + ")"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			said := []string{Plain(cfg.SettingError(config.EnvKeychain, tc.err), CommandLine), Plain(cfg.SettingError(config.EnvKeychain, tc.err), Window)}
			if !strings.Contains(said[0], tc.want) {
				t.Errorf("does not say %q: %s", tc.want, said[0])
			}
			checkPolicyWords(t, said, hklm)
		})
	}
}

// checkPolicyWords fails on a message about the policy that does not
// name source, names a variable, or says only that the policy set it.
func checkPolicyWords(t *testing.T, said []string, source string) {
	t.Helper()
	for _, s := range said {
		if !strings.Contains(s, source) {
			t.Errorf("does not name %s: %s", source, s)
		}
		if strings.Contains(s, "MAKE_CONNECT_") || strings.Contains(s, "unset") {
			t.Errorf("names a variable: %s", s)
		}
		if strings.Contains(s, "(Set by your organization's policy.)") || strings.Contains(s, "not a number") {
			t.Errorf("says too little: %s", s)
		}
	}
}

// TestAlsoSet: Settings names what the policy sets by its key and where,
// what the environment sets by its variable, and never a variable the
// policy overrides.
func TestAlsoSet(t *testing.T) {
	const hklm = `HKLM\Software\Policies\MakeConnect`
	p, err := config.ParsePolicyJSON(hklm, []byte(`{"Keychain": "system", "Zone": "eu2.make.com"}`))
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{config.EnvKeychain: "kernel", config.EnvTimeout: "2m", config.EnvAPIBase: "https://elsewhere.example/api/v2"}
	got := AlsoSet(p, func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	want := "Also set: MAKE_CONNECT_TIMEOUT=2m (in the environment), Keychain=system (by your organization's policy, in " + hklm + ")"
	if got != want {
		t.Errorf("AlsoSet:\n got %s\nwant %s", got, want)
	}
	if got := AlsoSet(config.Policy{}, func(string) (string, bool) { return "", false }); got != "" {
		t.Errorf("nothing set: %q", got)
	}
}
