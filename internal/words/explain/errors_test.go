package explain

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/adapters/keychain"
	"github.com/make-connect/make-connect/internal/adapters/makeapi"
	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/accounts"
	"github.com/make-connect/make-connect/internal/core/session"
	"github.com/make-connect/make-connect/internal/platform/httpclient"
	"github.com/make-connect/make-connect/internal/platform/instance"
	"github.com/make-connect/make-connect/internal/platform/peeruser"
	"github.com/make-connect/make-connect/internal/platform/safefile"
	"github.com/make-connect/make-connect/internal/platform/secretclip"
	"github.com/make-connect/make-connect/internal/platform/userdir"
)

// errFailed is an error nobody foresaw, for the wrappers to wrap.
var errFailed = errors.New("disk full")

// samples holds an error of each type and each sentinel the app's
// packages return, by "package.Name": TestEveryErrorExplained checks it
// against what the source declares, so a new error is added here, and
// its words in explain, or the test fails.
var samples = map[string]error{
	"auth.AuthorizeError":      &auth.AuthorizeError{Code: "invalid_scope"},
	"auth.DiscoveryError":      &auth.DiscoveryError{Issuer: "https://www.make.com", Err: errFailed},
	"auth.ErrCancelled":        auth.ErrCancelled,
	"auth.ErrCompromised":      auth.ErrCompromised,
	"auth.ErrDeclined":         auth.ErrDeclined,
	"auth.ErrInvalidIDToken":   auth.ErrInvalidIDToken,
	"auth.ErrIssuerMismatch":   auth.ErrIssuerMismatch,
	"auth.ErrNoClientID":       auth.ErrNoClientID,
	"auth.ErrNoRefreshToken":   auth.ErrNoRefreshToken,
	"auth.ErrNoRevocation":     auth.ErrNoRevocation,
	"auth.ErrNotTheCallback":   auth.ErrNotTheCallback,
	"auth.ErrPortInUse":        auth.ErrPortInUse,
	"auth.ErrRefreshRefused":   auth.ErrRefreshRefused,
	"auth.ErrTimedOut":         auth.ErrTimedOut,
	"auth.NotTheCallbackError": &auth.NotTheCallbackError{Redirect: "http://127.0.0.1:1/callback"},
	"auth.HandOverError":       &auth.HandOverError{Err: errFailed},
	"auth.PortError":           &auth.PortError{Port: "53682", Why: auth.PortInUse, Err: errFailed},
	"auth.TokenError":          &auth.TokenError{Status: 400, Code: "invalid_client"},
	"auth.NotKeptError":        &auth.NotKeptError{Err: errFailed},

	"account.DefaultGoneError":      &accounts.DefaultGoneError{Ref: "x", Source: config.FromSaved},
	"account.ErrAccountGone":        accounts.ErrAccountGone,
	"accounts.ErrExpired":           accounts.ErrExpired,
	"account.ErrNoAccount":          accounts.ErrNoAccount,
	"accounts.ErrNoIdentity":        accounts.ErrNoIdentity,
	"accounts.ErrNoSettings":        accounts.ErrNoSettings,
	"accounts.ErrNotStored":         accounts.ErrNotStored,
	"accounts.ErrTokenNotForShell":  accounts.ErrTokenNotForShell,
	"accounts.ErrTooShort":          accounts.ErrTooShort,
	"account.ErrWhichAccount":       accounts.ErrWhichAccount,
	"accounts.NotStoredError":       &accounts.NotStoredError{Err: errFailed},
	"accounts.TooManyAccountsError": &accounts.TooManyAccountsError{Max: 3, Source: "policy"},
	"accounts.TooShortError":        &accounts.TooShortError{Left: time.Minute, Wanted: 5 * time.Minute},
	"account.UnknownAccountError":   &accounts.UnknownAccountError{Ref: "x"},
	"account.WhichAccountError":     &accounts.WhichAccountError{IDs: []string{"a", "b"}},
	"session.BrowserError":          &session.BrowserError{Err: errFailed},
	"accounts.NotReadyError":        &accounts.NotReadyError{Err: errFailed},
	"accounts.DefaultNotSavableError": &accounts.DefaultNotSavableError{Err: &config.SettingsFileError{Path: "/nonexistent/.config/make-connect/settings.json", Save: true,
		Err: &fs.PathError{Op: "mkdir", Path: "/nonexistent", Err: syscall.EACCES}}},
	"accounts.GoneError": &accounts.GoneError{Gone: account.Gone{ID: "0123456789ab", Email: "grace@example.com", Why: keychain.Restarted}},
	"keychain.NoKeychainError": &keychain.NoKeychainError{System: &keychain.SituationError{Kind: keychain.ErrUnavailable, Situation: keychain.NoSessionBus},
		Kernel: &keychain.KernelError{Op: "find the persistent keyring", Err: syscall.EPERM}},
	"keychain.NoRoomError": &keychain.NoRoomError{Quota: keychain.Quota{Keys: 20, MaxKeys: 200, Bytes: 19000, MaxBytes: 20000}, Need: keychain.Usage{Keys: 3, Bytes: 2055}},
	"userdir.CacheError":   &userdir.CacheError{Tried: []string{"/nonexistent/.cache/make-connect"}, Errs: []error{errFailed}},

	"config.ErrNotAllowed":            config.ErrNotAllowed,
	"config.ErrSetByPolicy":           config.ErrSetByPolicy,
	"config.NotAllowedError":          &config.NotAllowedError{What: "zone", Key: "AllowedZones", Source: "policy.json", Values: []string{"us1.make.com"}, Allowed: []string{"eu1.make.com"}},
	"config.PolicyError":              &config.PolicyError{Source: "/etc/make-connect/policy.json", Key: "Zone", Err: errFailed},
	"config.SettingError":             &config.SettingError{Env: config.EnvZone, Source: config.FromSaved, Err: errFailed},
	"config.SettingsFileError":        &config.SettingsFileError{Path: "/home/ada/.config/make-connect/settings.json", Err: errFailed},
	"keychain.AccountError":           &keychain.AccountError{Op: "save", ID: "0123456789ab", Err: errFailed},
	"keychain.CleanupUnfinishedError": &keychain.CleanupUnfinishedError{Waited: 5 * time.Second},
	"keychain.ErrBusy":                keychain.ErrBusy,
	"keychain.ErrCorrupt":             keychain.ErrCorrupt,
	"keychain.ErrNoService":           keychain.ErrNoService,
	"config.Problems":                 config.Problems{&config.PolicyError{Source: "/etc/make-connect/policy.json", Key: "Zone", Err: errFailed}},
	"config.SetByPolicyError":         &config.SetByPolicyError{Key: "Zone", Source: "/etc/make-connect/policy.json"},
	"keychain.ErrLocked":              keychain.ErrLocked,
	"keychain.ErrNoKernelKeyring":     keychain.ErrNoKernelKeyring,
	"keychain.ErrNotFound":            keychain.ErrNotFound,
	"keychain.ErrQuota":               keychain.ErrQuota,
	"keychain.ErrTimeout":             keychain.ErrTimeout,
	"keychain.ErrUnavailable":         keychain.ErrUnavailable,
	"keychain.KernelError":            &keychain.KernelError{Op: "add a key", Err: errFailed, Unsupported: true},
	"keychain.SituationError":         &keychain.SituationError{Kind: keychain.ErrUnavailable, Situation: keychain.NoSessionBus},
	"makeapi.Error":                   &makeapi.Error{Status: 500, Message: "oops"},
	"makeapi.ErrMissingScope":         makeapi.ErrMissingScope,
	"makeapi.ErrRateLimited":          makeapi.ErrRateLimited,
	"makeapi.ErrRejected":             makeapi.ErrRejected,
	"config.ZoneError":                &config.ZoneError{Value: "garbage"},
	"config.ValueError":               &config.ValueError{What: "issuer", Value: "x", Problem: config.NotURL},

	"httpclient.CAFileError":      &httpclient.CAFileError{File: "/tmp/ca.pem", Err: errFailed},
	"httpclient.CertificateError": &httpclient.CertificateError{Host: "www.make.com", Err: errFailed},
	"httpclient.ErrBodyTooLarge":  httpclient.ErrBodyTooLarge,
	"httpclient.ErrCAFile":        httpclient.ErrCAFile,
	"httpclient.ErrNoPEM":         httpclient.ErrNoPEM,
	"httpclient.ErrNoSystemRoots": httpclient.ErrNoSystemRoots,
	"httpclient.RedirectError":    &httpclient.RedirectError{Status: 302, To: "https://elsewhere"},
	"instance.ErrHandedOver":      instance.ErrHandedOver,
	"instance.ErrNoSignIn":        instance.ErrNoSignIn,
	"instance.ErrOtherUser":       instance.ErrOtherUser,
	"instance.ErrNotAnswering":    instance.ErrNotAnswering,
	"peeruser.ErrUnknown":         peeruser.ErrUnknown,
	"safefile.Error":              &safefile.Error{File: "/etc/make-connect/policy.json", Path: "/etc/make-connect/policy.json", Reason: safefile.OtherOwner, Owner: "uid 1000"},
	"peeruser.ErrNoLookup":        peeruser.ErrNoLookup,
	"secretclip.ErrUnsupported":   secretclip.ErrUnsupported,
	"userdir.ErrNotPrivate":       userdir.ErrNotPrivate,
	"userdir.NotPrivateError":     &userdir.NotPrivateError{Dir: "/tmp/make-connect", Others: true},
}

// declaredErrors finds, by parsing the source, every exported error type
// (a type with an Error() string method) and every exported sentinel
// (var ErrX = errors.New or fmt.Errorf) of auth and the core, adapter and
// platform packages, as "package.Name".
func declaredErrors(t *testing.T) []string {
	t.Helper()
	root := filepath.Join("..", "..", "..")
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("the module's root is not %s: %v", root, err)
	}
	dirs := []string{filepath.Join(root, "auth")}
	for _, layer := range []string{"core", "adapters", "platform"} {
		found, _ := filepath.Glob(filepath.Join(root, "internal", layer, "*"))
		dirs = append(dirs, found...)
	}
	var names []string
	fset := token.NewFileSet()
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range f.Decls {
				switch d := d.(type) {
				case *ast.FuncDecl:
					if d.Recv != nil && d.Name.Name == "Error" && len(d.Type.Params.List) == 0 {
						typ := d.Recv.List[0].Type
						if star, ok := typ.(*ast.StarExpr); ok {
							typ = star.X
						}
						if id, ok := typ.(*ast.Ident); ok && id.IsExported() {
							names = append(names, f.Name.Name+"."+id.Name)
						}
					}
				case *ast.GenDecl:
					for _, spec := range d.Specs {
						vs, ok := spec.(*ast.ValueSpec)
						if !ok || d.Tok != token.VAR {
							continue
						}
						for i, id := range vs.Names {
							if id.IsExported() && i < len(vs.Values) && isNewError(vs.Values[i]) {
								names = append(names, f.Name.Name+"."+id.Name)
							}
						}
					}
				}
			}
		}
	}
	slices.Sort(names)
	if len(names) < 50 {
		t.Fatalf("only %d errors found: the scan is broken: %v", len(names), names)
	}
	return slices.Compact(names)
}

// isNewError reports whether e is a call of errors.New or fmt.Errorf.
func isNewError(e ast.Expr) bool {
	call, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && (pkg.Name == "errors" && sel.Sel.Name == "New" || pkg.Name == "fmt" && sel.Sel.Name == "Errorf")
}

// TestEveryErrorExplained: every error type and sentinel the app's
// packages declare has a sample here and words of its own in explain,
// in both faces: none is "unexpected", and none blames the network.
func TestEveryErrorExplained(t *testing.T) {
	declared := declaredErrors(t)
	for _, name := range declared {
		if samples[name] == nil {
			t.Errorf("%s has no sample in samples: add one, and its words in explain", name)
		}
	}
	for name := range samples {
		if !slices.Contains(declared, name) {
			t.Errorf("samples holds %s, which the source no longer declares", name)
		}
	}
	for name, err := range samples {
		for _, f := range []Face{Window, CommandLine} {
			got := classify(err, f)
			if got == "" {
				t.Errorf("%s: explain has no words for it", name)
			}
			if strings.Contains(got, "could not be reached") {
				t.Errorf("%s blames the network: %q", name, got)
			}
			wrapped := Plain(fmt.Errorf("some step: %w", err), f)
			if wrapped != got {
				t.Errorf("%s: wrapped, it says %q, not %q", name, wrapped, got)
			}
		}
	}
}

// TestClasses: what net/http reports as the network is the network, and
// nothing else is: a file, a folder, a permission, the settings file or
// the policy is named, with what to do; an error nobody foresaw is
// unexpected, with its text.
func TestClasses(t *testing.T) {
	const network = "Make could not be reached"
	req := func(err error) error { return &url.Error{Op: "Get", URL: "https://www.make.com/api", Err: err} }
	mkdir := &fs.PathError{Op: "mkdir", Path: "/nonexistent", Err: syscall.EACCES}

	// The three that blamed the network: a settings file that cannot be
	// read, a home folder that cannot be made, a policy's missing CA file;
	// each the real adapter's error where the machine allows.
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "settings.json"), 0o700); err != nil {
		t.Fatal(err)
	}
	_, unreadable := config.ReadSettings(dir)
	damagedDir := t.TempDir()
	if err := os.WriteFile(filepath.Join(damagedDir, "settings.json"), []byte(`{"zone": `), 0o600); err != nil {
		t.Fatal(err)
	}
	_, damaged := config.ReadSettings(damagedDir)
	policy, err := config.ParsePolicyJSON("/etc/make-connect/policy.json", []byte(`{"CAFile": "/nonexistent/ca.pem"}`))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(nil, func(string) string { return "" }, nil, policy)
	if err != nil {
		t.Fatal(err)
	}
	_, noCAFile := cfg.HTTPClient(func(string) string { return "" }, nil)
	// A CA file reached through a link that is not root's, as a person
	// would set it: the link is named, not the network.
	caDir := t.TempDir()
	caLink := filepath.Join(caDir, "link.pem")
	if err := os.WriteFile(filepath.Join(caDir, "ca.pem"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("ca.pem", caLink); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		if err := os.Lchown(caLink, 65534, 65534); err != nil {
			t.Fatal(err)
		}
	}
	_, linkedCAFile := config.Config{CAFile: caLink}.HTTPClient(func(string) string { return "" }, nil)

	cases := []struct {
		name string
		err  error
		want []string // parts of what both faces say
	}{
		{"DNS", req(&net.DNSError{Err: "no such host", Name: "www.make.com", IsNotFound: true}), []string{network}},
		{"refused", req(&net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}), []string{network}},
		{"reset", req(&net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}), []string{network}},
		{"timeout", req(timeout{}), []string{network}},
		{"deadline of a request", req(fmt.Errorf("dial: %w", errDeadline)), []string{network}},
		{"closed mid-answer", req(errors.Join(errors.New("read"), errEOF)), []string{network}},
		{"certificate", req(&httpclient.CertificateError{Host: "www.make.com", Err: errFailed}), []string{"The secure connection to www.make.com could not be trusted"}},
		{"certificate, no system roots", req(&httpclient.CertificateError{Host: "www.make.com", Err: errFailed, NoSystemRoots: true}),
			[]string{"The secure connection to www.make.com could not be checked: this computer has no trusted root certificates", "sudo apt install ca-certificates", "sudo dnf install ca-certificates"}},
		{"no system roots", httpclient.ErrNoSystemRoots, []string{"This computer has no trusted root certificates", "sudo apt install ca-certificates"}},

		{"unreadable settings.json", unreadable, []string{"could not read its settings file " + filepath.Join(dir, "settings.json")}},
		{"settings.json denied", &config.SettingsFileError{Path: "/home/ada/.config/make-connect/settings.json",
			Err: &fs.PathError{Op: "open", Path: "/home/ada/.config/make-connect/settings.json", Err: syscall.EACCES}},
			[]string{"could not read its settings file /home/ada/.config/make-connect/settings.json", "Check that it belongs to you"}},
		{"damaged settings.json", damaged, []string{"The settings file " + filepath.Join(damagedDir, "settings.json") + " is damaged", "delete it"}},
		{"settings not saved", &config.SettingsFileError{Path: "/nonexistent/.config/make-connect/settings.json", Save: true, Err: mkdir},
			[]string{"could not be saved", "could not create the folder /nonexistent", "home folder exists"}},
		{"mkdir /nonexistent after the sign-in", &auth.NotKeptError{Err: fmt.Errorf("store the connection: lock the keychain store: %w", mkdir)},
			[]string{"could not create the folder /nonexistent", "Check that your home folder exists and that you can write to it"}},
		{"policy CA file missing", noCAFile, []string{"There is no CA certificate file /nonexistent/ca.pem", "policy sets it (CAFile in /etc/make-connect/policy.json)", "ask whoever manages this computer"}},
		{"CA file through a link", linkedCAFile, []string{caLink + " is a symbolic link that is not root's", "Name the file by its real path"}},
		{"policy", &config.PolicyError{Source: "/etc/make-connect/policy.json", Key: "MaxAccounts", Err: errFailed},
			[]string{"MaxAccounts in /etc/make-connect/policy.json", "Ask whoever manages this computer"}},
		{"disk full", &fs.PathError{Op: "write", Path: "/home/ada/x", Err: syscall.ENOSPC}, []string{"no space left on the disk that holds /home/ada/x"}},
		{"read-only", &os.LinkError{Op: "rename", Old: "/a", New: "/home/ada/x", Err: syscall.EROFS}, []string{"/home/ada/x is on a disk that can only be read"}},
		{"not there", &fs.PathError{Op: "open", Path: "/home/ada/x", Err: syscall.ENOENT}, []string{"/home/ada/x does not exist"}},
		{"a lock folder of others", &userdir.NotPrivateError{Dir: "/tmp/mc"}, []string{"The folder /tmp/mc belongs to another user"}},
		{"a keychain's timeout", fmt.Errorf("list: %w", keychain.ErrTimeout), []string{"The system keychain did not answer in time"}},
		{"a deadline outside a request", fmt.Errorf("wait: %w", errDeadline), []string{"Something unexpected went wrong: Wait: context deadline exceeded."}},
		{"an errno alone", syscall.EIO, []string{"Something unexpected went wrong: "}},
		{"unforeseen", errors.New("the moon is full"), []string{"Something unexpected went wrong: The moon is full."}},
		{"an unforeseen request error", req(errFailed), []string{"Something unexpected went wrong: Get \"https://www.make.com/api\": disk full."}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil {
				t.Fatal("no error to explain")
			}
			for _, f := range []Face{Window, CommandLine} {
				got := Plain(tc.err, f)
				for _, want := range tc.want {
					if !strings.Contains(got, want) {
						t.Errorf("%q lacks %q", got, want)
					}
				}
				if tc.want[0] != network && strings.Contains(got, network) {
					t.Errorf("%q blames the network", got)
				}
			}
		})
	}
}

// timeout is a net.Error that timed out, as net/http's client timeout.
type timeout struct{}

func (timeout) Error() string   { return "Client.Timeout exceeded while awaiting headers" }
func (timeout) Timeout() bool   { return true }
func (timeout) Temporary() bool { return true }

var (
	errDeadline = context.DeadlineExceeded
	errEOF      = io.ErrUnexpectedEOF
)
