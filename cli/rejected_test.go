package cli

import (
	"flag"
	"io"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/session"
	"github.com/make-connect/make-connect/internal/core/session/sessiontest"
	"github.com/make-connect/make-connect/internal/testkit/sandbox"
)

// TestRejectedEverywhere: once Make forgets an account's token (here the
// sandbox, started again on the same address, has never issued it), its
// API answers 401, and every face says the same: doctor fails with a line
// that names the command that fixes it, status --check does not call the
// account valid, and a session's view — what the window shows — has it
// rejected.
func TestRejectedEverywhere(t *testing.T) {
	h := newHarness(t, sandbox.Options{})
	h.connectAs("ada@example.com")
	id := h.status()[0].ID
	if code, checks, out := doctorJSON(t, h); code != ExitOK || !strings.HasPrefix(checks["account "+id], "ok: ") {
		t.Fatalf("before the sandbox forgot: doctor exit %d: %s", code, out)
	}

	u, err := url.Parse(h.sandbox.Issuer())
	if err != nil {
		t.Fatal(err)
	}
	h.sandbox.Close()
	h.sandbox = sandbox.Start(t, sandbox.Options{Addr: u.Host})

	code, checks, out := doctorJSON(t, h)
	line := checks["account "+id]
	if code != ExitFailure || !strings.HasPrefix(line, "failure: ") || !strings.Contains(line, "make-connect connect --account "+id) {
		t.Errorf("doctor exit %d, account line %q; want a failure naming make-connect connect --account %s:\n%s", code, line, id, out)
	}

	_, out, errOut := h.run("status", "--check")
	if !strings.Contains(out, "State:     rejected by Make") || strings.Contains(out, "State:     valid") {
		t.Errorf("status --check printed:\n%s%s", out, errOut)
	}

	if st := sessionState(t, h); st != account.RejectedState {
		t.Errorf("the session's view has the account %v, want %v", st, account.RejectedState)
	}
}

// sessionState is the state a session, as the window runs it, shows for
// the one stored account once Make has answered about its token.
func sessionState(t *testing.T, h *harness) account.State {
	t.Helper()
	svc, _, err := setup(h.cliEnv(io.Discard, io.Discard), flag.NewFlagSet("status", flag.ContinueOnError), nil, command{name: "status"})
	if err != nil {
		t.Fatal(err)
	}
	changed := make(chan struct{}, 1)
	// The clock's timers fire only when told: nothing runs after the test.
	s := session.New(session.Options{Clock: sessiontest.NewClock(time.Now()), Changed: func() {
		select {
		case changed <- struct{}{}:
		default:
		}
	}})
	s.Use(session.Live(svc.Accounts))
	s.Reload()
	deadline := time.After(30 * time.Second)
	for {
		v := s.View()
		if len(v.Accounts) == 1 && v.Accounts[0].Check != nil && !v.Accounts[0].Check.Running {
			return v.Accounts[0].Model().State(v.Now)
		}
		select {
		case <-changed:
		case <-deadline:
			t.Fatalf("Make was never asked about the account: %+v", v)
		}
	}
}
