package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/accounts"
	"github.com/make-connect/make-connect/internal/testkit/keychaintest"
)

// "make-connect repair" on a damaged account list, as support staff would
// run it: plain words first, a dry run that says how to apply, exit 1 until
// the list is written and 0 once it is. What Repair finds and writes is
// tested next to it (internal/adapters/keychain); this is what the command
// prints from its report.
func TestRepairCommand(t *testing.T) {
	const service = "com.makeconnect.test.repair-cli"
	store, m := keychaintest.Memory(service)
	var ids []string
	for _, sub := range []string{"ada", "grace"} {
		c := &account.Connected{Connection: auth.Connection{Issuer: "https://www.make.com", Subject: sub, AccessToken: "SECRET-" + sub}}
		if err := store.Save(c); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID())
	}
	if err := m.Set(service, "index", "{"); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (int, string) {
		var out, errOut bytes.Buffer
		code := Run(context.Background(), Env{
			Stdout: &out, Stderr: &errOut,
			Getenv:   func(k string) string { return map[string]string{"MAKE_CONNECT_KEYRING_SERVICE": service}[k] },
			NewStore: func(config.Config) (accounts.Store, error) { return store, nil },
		}, append([]string{"repair"}, args...))
		return code, out.String() + errOut.String()
	}
	named := []string{"--account", ids[0], "--account", ids[1]}
	cases := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"dry run, nothing found", nil, 1, []string{
			"The account list in the keychain is damaged, so no account can be added",
			"Repair would write a new account list of no accounts.",
			`Nothing was changed; run "make-connect repair --apply" to write it.`,
			"What repair cannot know: ", "--account ID"}},
		{"dry run, accounts named", named, 1, []string{
			ids[0] + "  stored (named by you)",
			"Repair would write a new account list of 2 accounts: " + ids[0] + " " + ids[1] + ".",
			`run "make-connect repair --apply --account ` + ids[0] + " --account " + ids[1] + `" to write it`}},
		{"apply", append([]string{"--apply"}, named...), 0, []string{
			"Wrote a new account list of 2 accounts: " + ids[0] + " " + ids[1] + "."}},
		{"nothing left to do", nil, 0, []string{
			"The account list in the keychain reads, and nothing needs repairing.",
			ids[1] + "  stored (in the account list)"}},
		{"not an id", []string{"--account", "../x"}, 1, []string{`"../x" is not an account ID`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out := run(tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d", code, tc.code)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if strings.Contains(out, "SECRET") {
				t.Errorf("output holds a token:\n%s", out)
			}
		})
	}
	if conns, _, err := store.List(); err != nil || len(conns) != 2 {
		t.Errorf("after repair, List = %d accounts, %v", len(conns), err)
	}
}
