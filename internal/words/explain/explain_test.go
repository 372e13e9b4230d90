package explain

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/adapters/keychain"
	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/accounts"
	"github.com/make-connect/make-connect/internal/platform/httpclient"
)

// port is a redirect port that cannot be opened, set where source says.
func port(why auth.PortProblem, source config.Source) error {
	return &config.SettingError{Env: config.EnvRedirectURI, Source: source, Err: &auth.PortError{Port: "53682", Why: why, Err: syscall.EADDRINUSE}}
}

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
		{"deadline", wrap(&url.Error{Op: "Post", URL: "https://www.make.com/oauth/v2/token", Err: context.DeadlineExceeded}), "Make could not be reached", ""},
		{"unforeseen", errors.New(`the zone "x" is not one of Make's zones (set by --zone)`), `Something unexpected went wrong: The zone "x" is not one of Make's zones (set by --zone).`, ""},
		{"port in use, saved", port(auth.PortInUse, config.FromSaved),
			"Port 53682 is in use by another program. Close that program, or use another port: choose another redirect URI registered with Make in Settings.",
			"choose another redirect URI registered with Make in the window's Settings, or pass --redirect-uri."},
		{"port in use, environment", port(auth.PortInUse, config.FromEnvironment),
			"set MAKE_CONNECT_REDIRECT_URI in the environment to another redirect URI registered with Make.", ""},
		{"port in use, flag", port(auth.PortInUse, config.FromFlag), "", "pass --redirect-uri with another redirect URI registered with Make."},
		{"port that cannot be opened", port(auth.PortUnusable, config.FromSaved), "The redirect port 53682 cannot be opened on this computer. Use another port", ""},
		{"default gone, saved", &accounts.DefaultGoneError{Ref: "0123456789ab", Source: config.FromSaved},
			"The default account, 0123456789ab, is no longer connected, so it is not clear which account is meant: press Make default",
			"choose one with --account ID, or make one the default: make-connect use ID."},
		{"default gone, environment", &accounts.DefaultGoneError{Ref: "x", Source: config.FromEnvironment},
			"MAKE_CONNECT_ACCOUNT is set to x, which is not a connected account. Unset it", ""},
		{"account gone", &accounts.UnknownAccountError{Ref: "0123456789ab"}, "This account is no longer connected on this computer",
			`No connected account has the ID or email "0123456789ab"`},
		{"not kept", &auth.NotKeptError{Err: fmt.Errorf("store the connection: %w", keychain.ErrLocked)},
			"You signed in, but Make Connect could not keep the connection. The system keychain is locked. Unlock it, then try again. Make was told to withdraw", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w, c := Plain(tc.err, Window), Plain(tc.err, CommandLine)
			if tc.window == "" {
				tc.window = tc.cli
			}
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

// TestKeychainWords: where the Secret Service cannot be used, the words
// offer the kernel keyring first (one variable, nothing to install), then
// the Secret Service's commands; as root they never say sudo.
func TestKeychainWords(t *testing.T) {
	defer func(was func() bool) { isRoot = was }(isRoot)
	for _, root := range []bool{false, true} {
		isRoot = func() bool { return root }
		for _, s := range []keychain.Situation{keychain.NoSessionBus, keychain.NoSecretService, keychain.NotRunning,
			keychain.LockedKeyring, keychain.NoKeyring, keychain.StillLocked} {
			err := fmt.Errorf("list: %w", &keychain.SituationError{Kind: keychain.ErrUnavailable, Situation: s})
			got := Plain(err, CommandLine)
			kernel := strings.Index(got, "export MAKE_CONNECT_KEYCHAIN=kernel")
			or := strings.Index(got, "\nOr ")
			if kernel < 0 || or < 0 || kernel > or {
				t.Errorf("%s: the kernel keyring is not offered first:\n%s", s, got)
			}
			if root && strings.Contains(got, "sudo") {
				t.Errorf("%s, as root: %q says sudo", s, got)
			}
			if !root && strings.Contains(got, "apt install") && !strings.Contains(got, "sudo apt install") {
				t.Errorf("%s: %q installs without sudo", s, got)
			}
		}
	}
	if got := Plain(&keychain.SituationError{Kind: keychain.ErrLocked, Situation: keychain.LockedKeyring}, Window); !strings.Contains(got, "start Make Connect with MAKE_CONNECT_KEYCHAIN=kernel") {
		t.Errorf("the window's words: %q", got)
	}
}

// TestKernelQuotaWords: a full kernel keyring is said as such, with what
// is allowed and what to do, never as "disk quota exceeded".
func TestKernelQuotaWords(t *testing.T) {
	err := fmt.Errorf("store the connection: %w", &keychain.AccountError{Op: "save", ID: "0123456789ab",
		Err: &keychain.KernelError{Op: "add a key", Err: errors.New("disk quota exceeded"), Full: true,
			Quota: &keychain.Quota{Keys: 12, MaxKeys: 200, Bytes: 19800, MaxBytes: 20000}}})
	got := Plain(err, CommandLine)
	for _, want := range []string{"no room left", "Nothing was lost", "at most 20000 bytes in 200 keys", "sysctl -w kernel.keys.maxbytes", "Disconnect an account"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
	if strings.Contains(got, "disk quota") {
		t.Errorf("%q speaks of a disk", got)
	}
}

// TestWordsThatFitWhatIsLeft: where neither keychain works, the words say
// so once and what works instead, never to switch to the other keychain;
// a connect stopped before the sign-in says how much room an account
// needs and that nothing was spent; a gone account says to connect again.
func TestWordsThatFitWhatIsLeft(t *testing.T) {
	neither := &keychain.NoKeychainError{System: &keychain.SituationError{Kind: keychain.ErrUnavailable, Situation: keychain.NoSessionBus},
		Kernel: &keychain.KernelError{Op: "find the persistent keyring", Err: errors.New("operation not permitted")}}
	cases := []struct {
		name      string
		err       error
		want, not []string
	}{
		{"neither keychain", fmt.Errorf("check the keychain: %w", neither),
			[]string{"Neither keychain", "keyctl", "make-connect token", "lives an hour", "API tokens"},
			[]string{"unset", "export", "MAKE_CONNECT_KEYCHAIN", "--keychain"}},
		{"neither, as connect meets it", &accounts.NotReadyError{Err: neither},
			[]string{"Neither keychain", "no sign-in was wasted"}, []string{"MAKE_CONNECT_KEYCHAIN"}},
		{"no room before the sign-in", &accounts.NotReadyError{Err: fmt.Errorf("check the keychain: %w", &keychain.NoRoomError{
			Quota: keychain.Quota{Keys: 12, MaxKeys: 200, Bytes: 19000, MaxBytes: 20000}, Need: keychain.Usage{Keys: 3, Bytes: 2055}})},
			[]string{"no room for another account", "at most 20000 bytes in 200 keys", "yours hold 19000 bytes in 12 keys",
				"about 2055 bytes in 3 keys", "about 1200 bytes", "sysctl -w", "no sign-in was wasted"},
			[]string{"Nothing was lost", "disk"}},
		{"no folder for the default", &accounts.NotReadyError{Err: &accounts.DefaultNotSavableError{Err: &config.SettingsFileError{
			Path: "/nonexistent/.config/make-connect/settings.json", Save: true, Err: &fs.PathError{Op: "mkdir", Path: "/nonexistent", Err: syscall.EACCES}}}},
			[]string{"/nonexistent/.config/make-connect/settings.json", "MAKE_CONNECT_CONFIG_DIR", "no sign-in was wasted"}, []string{"network", "reached"}},
		{"a gone account", &accounts.GoneError{Gone: account.Gone{ID: "0123456789ab", Email: "grace@example.com", Why: keychain.TimedOut,
			Until: time.Date(2026, 3, 1, 13, 0, 0, 0, time.UTC)}},
			[]string{"grace@example.com (0123456789ab) was connected until 2026-03-01", "timed out", `Run "make-connect connect" to connect it again.`},
			[]string{"choose", "--account ID"}},
		{"a stale default, none left", accounts.ErrNoAccount,
			[]string{`No Make account is connected. Run "make-connect connect"`}, []string{"choose"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Plain(tc.err, CommandLine)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("%q lacks %q", got, w)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("%q says %q", got, n)
				}
			}
		})
	}
}
