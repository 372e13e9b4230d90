package explain

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"testing"

	"github.com/make-connect/make-connect/accounts"
	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/httpclient"
)

func TestPlain(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("connect: %w", err) }
	cases := []struct {
		name   string
		err    error
		window string // what the window says (a part of it)
		cli    string // what the command line says, when it differs
	}{
		{"no client ID", wrap(auth.ErrNoClientID), "open Settings and enter the client ID", "set MAKE_CONNECT_CLIENT_ID or pass --client-id"},
		{"declined", wrap(auth.ErrDeclined), "You pressed Deny in the browser, so nothing was connected.", ""},
		{"timed out", wrap(auth.ErrTimedOut), "did not finish in time, so nothing was connected. Press Connect to Make to try again.", `Run "make-connect connect" to try again.`},
		{"refresh refused", wrap(&auth.TokenError{Refresh: true, Code: "invalid_grant"}), "Make no longer renews this account's access. Press Reconnect to sign in again.", `Run "make-connect connect" to sign in again.`},
		{"expired", fmt.Errorf("Ada: %w", accounts.ErrExpired), "This account's access has expired. Press Reconnect to sign in again.", `Run "make-connect connect" to sign in again.`},
		{"certificate", &url.Error{Op: "Get", URL: "https://www.make.com/x", Err: &httpclient.CertificateError{Host: "www.make.com", Err: errors.New("x509: certificate signed by unknown authority")}},
			"The secure connection to www.make.com could not be trusted. Something on this network may intercept", "set MAKE_CONNECT_CA_FILE or pass --ca-file"},
		{"authorize error", wrap(&auth.AuthorizeError{Code: "invalid_scope", Description: "code=SECRET"}), "Make refused the sign-in. Try again; if it keeps happening, check the client ID and scopes in Settings.", "check the client ID and scopes (--client-id and --scopes"},
		{"token error", wrap(&auth.TokenError{Status: 400, Code: "invalid_client"}), "Make refused the sign-in. Try again", ""},
		{"unreachable", &url.Error{Op: "Get", URL: "https://www.make.com", Err: &net.OpError{Op: "dial", Err: errors.New("connection refused")}}, "Make could not be reached", ""},
		{"deadline", wrap(context.DeadlineExceeded), "Make could not be reached", ""},
		{"our own words", errors.New(`the zone "x" is not one of Make's zones (set by --zone)`), `The zone "x" is not one of Make's zones (set by --zone).`, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w, c := Plain(tc.err, Window), Plain(tc.err, CommandLine)
			if !strings.Contains(w, tc.window) {
				t.Errorf("window: %q, want %q", w, tc.window)
			}
			want := tc.cli
			if want == "" {
				want = tc.window
			}
			if !strings.Contains(c, want) {
				t.Errorf("command line: %q, want %q", c, want)
			}
			for _, s := range []string{w, c} {
				if strings.Contains(s, "SECRET") {
					t.Errorf("%q repeats what the server said", s)
				}
				if strings.Contains(strings.ToLower(s), "something went wrong") || !strings.HasSuffix(s, ".") || s[0] < 'A' || s[0] > 'Z' {
					t.Errorf("%q is not a plain sentence", s)
				}
			}
		})
	}
}
