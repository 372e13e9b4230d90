package cli

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/make-connect/make-connect/internal/testkit/person"
	"github.com/make-connect/make-connect/internal/testkit/sandbox"
)

// TestVerboseOutputHoldsNoSecret runs a whole connect, a refresh and a
// disconnect with --verbose, and looks for every secret of the flow in all
// they printed: the code, state, nonce and code verifier, and every token
// the server handed out. The only place a secret may appear is where the
// person asked for it: the address to open (state, nonce) and the token
// "token" prints on stdout.
func TestVerboseOutputHoldsNoSecret(t *testing.T) {
	t.Parallel()
	h := newHarness(t, sandbox.Options{RefreshTokens: true, Secrets: true})
	var printed strings.Builder

	c := h.startConnect(context.Background(), "--verbose")
	u, _ := url.Parse(c.authURL)
	flowSecrets := []string{u.Query().Get("state"), u.Query().Get("nonce")}
	if _, _, err := (person.Person{}).Approve(context.Background(), c.authURL); err != nil {
		t.Fatal(err)
	}
	if code := c.wait(t); code != ExitOK {
		t.Fatalf("connect: exit %d: %s", code, c.errText())
	}
	printed.WriteString(c.stdout.String() + strings.ReplaceAll(c.stderr.String(), c.authURL, ""))

	h.now = func() time.Time { return time.Now().Add(59 * time.Minute) } // inside the refresh margin
	code, _, errOut := h.run("token", "--verbose")
	if code != ExitOK || !strings.Contains(errOut, "/oauth/v2/token → 200") {
		t.Fatalf("token: exit %d: %s", code, errOut)
	}
	printed.WriteString(errOut) // stdout is the token the person asked for
	code, out, errOut := h.run("disconnect", "--verbose")
	if code != ExitOK || !strings.Contains(errOut, "/oauth/v2/revoke → 200") {
		t.Fatalf("disconnect: exit %d: %s", code, errOut)
	}
	printed.WriteString(out + errOut)

	secrets := h.sandbox.Secrets()
	all := append(flowSecrets, secrets...)
	// A code, a verifier, two access tokens, two refresh tokens, id_tokens.
	if len(secrets) < 6 {
		t.Fatalf("the sandbox saw only %d secrets; the test would prove little", len(secrets))
	}
	for i, s := range all {
		if s == "" {
			t.Errorf("secret %d is empty", i)
			continue
		}
		if strings.Contains(printed.String(), s) {
			t.Errorf("secret %d (%d bytes) was printed", i, len(s))
		}
	}
	if !strings.Contains(printed.String(), "http POST ") {
		t.Error("--verbose logged no request; the check proves nothing")
	}
}
