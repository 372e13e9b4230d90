package cli

import (
	"encoding/json"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/make-connect/make-connect/internal/testkit/sandbox"
)

// doctorJSON runs "doctor --json" and returns its exit code and checks.
func doctorJSON(t *testing.T, h *harness) (int, map[string]string, string) {
	t.Helper()
	code, out, errOut := h.run("doctor", "--json")
	var v struct {
		Checks []struct{ Name, Status, Message string } `json:"checks"`
		OK     bool                                     `json:"ok"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("doctor --json printed %q (%s): %v", out, errOut, err)
	}
	if v.OK != (code == ExitOK) {
		t.Errorf("ok is %v but the exit code %d", v.OK, code)
	}
	got := map[string]string{}
	for _, c := range v.Checks {
		got[c.Name] = c.Status + ": " + c.Message
	}
	return code, got, out
}

func TestDoctor(t *testing.T) {
	closed, _ := net.Listen("tcp", "127.0.0.1:0")
	unreachable := "http://" + closed.Addr().String()
	closed.Close()
	cases := []struct {
		name     string
		opts     sandbox.Options
		env      map[string]string
		store    func(h *harness)
		connect  bool
		wantCode int
		want     map[string]string // check name → start of "status: message"
	}{
		{"healthy", sandbox.Options{}, map[string]string{"DISPLAY": ":0"}, nil, true, ExitOK, map[string]string{
			"client ID":        "ok: make-connect-test (set by MAKE_CONNECT_CLIENT_ID in the environment)",
			"sign-in server":   "ok: http://127.0.0.1:",
			"clock":            "ok: within ",
			"redirect port":    "ok: any free port of 127.0.0.1 will do",
			"keychain":         "ok: system answered in ",
			"keychain kind":    "ok: system: the operating system's keychain (Secret Service, Keychain, Credential Manager) (the default)",
			"scopes":           "ok: [openid user:read organizations:read] (the default)",
			"CA file":          "ok: none: the system's certificates only (the default)",
			"keychain service": "ok: com.makeconnect.test.",
			"default account":  "ok: Ada Lovelace <ada@example.com> (",
		}},
		{"no client ID, no display", sandbox.Options{}, map[string]string{"MAKE_CONNECT_CLIENT_ID": ""}, nil, false, ExitFailure, map[string]string{
			"client ID": "failure: No client ID is set",
			"browser":   "warning: This computer has no display",
		}},
		{"unreachable issuer", sandbox.Options{}, map[string]string{"MAKE_CONNECT_ISSUER": unreachable}, nil, false, ExitFailure, map[string]string{
			"sign-in server": "failure: " + unreachable + " could not be reached directly: Make could not be reached.",
		}},
		{"skewed clock", sandbox.Options{ClockSkew: 10 * time.Minute}, nil, nil, false, ExitOK, map[string]string{
			"clock": "warning: this computer's clock is about 10m0s behind the server's",
		}},
		{"keychain that cannot be read", sandbox.Options{}, nil, func(h *harness) { h.store = brokenStore{} }, false, ExitFailure, map[string]string{
			"keychain": "failure: Something unexpected went wrong: The keychain is broken.",
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, tc.opts)
			if tc.connect {
				h.connectAs("ada@example.com")
			}
			for k, v := range tc.env {
				h.env[k] = v
			}
			if tc.store != nil {
				tc.store(h)
			}
			code, checks, out := doctorJSON(t, h)
			if code != tc.wantCode {
				t.Errorf("exit %d, want %d: %s", code, tc.wantCode, out)
			}
			for name, want := range tc.want {
				if !strings.HasPrefix(checks[name], want) {
					t.Errorf("%s: %q, want %q…", name, checks[name], want)
				}
			}
			if tc.connect {
				found := false
				for name, c := range checks {
					found = found || strings.HasPrefix(name, "account ") && strings.HasPrefix(c, "ok: Ada Lovelace <ada@example.com>: expires ")
				}
				if !found {
					t.Errorf("no line for the stored account: %v", checks)
				}
			}
		})
	}
	// The text form: one line a check, the verdict first.
	h := newHarness(t, sandbox.Options{})
	_, out, _ := h.run("doctor")
	if !strings.HasPrefix(out, "ok       client ID: make-connect-test") || !strings.Contains(out, "\nok       sign-in server: ") {
		t.Errorf("doctor printed:\n%s", out)
	}
}
