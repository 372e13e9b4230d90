// Package e2e runs the shipped binaries as a person or a script would:
// make-sandbox as Make, make-connect as the app, sandbox-person as the
// browser, and the real Secret Service as the keychain.
package e2e

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/make-connect/make-connect/internal/testkit/secretservice"
)

var bin string // the directory holding the built binaries

// TestMain builds the binaries, and fails at once without a private Secret
// Service: these tests exist to run against the real keychain, so without
// one they have tested nothing, and must not report ok.
func TestMain(m *testing.M) {
	if !secretservice.Private() {
		fmt.Println("e2e: FAIL: " + secretservice.Skip)
		os.Exit(1)
	}
	dir, err := os.MkdirTemp("", "make-connect-e2e")
	if err != nil {
		panic(err)
	}
	bin = dir
	// The app is built in its own module, from the app's go.mod, as it
	// ships; the tools with dev's.
	builds := []struct {
		name, dir string
		args      []string
		env       []string
	}{
		{"make-connect", "../..", nil, nil},
		{"make-connect-cli", "../..", []string{"-tags", "headless"}, []string{"CGO_ENABLED=0"}}, // no window, no cgo
		{"make-sandbox", "../cmd/make-sandbox", nil, nil},
		{"sandbox-person", "../cmd/sandbox-person", nil, nil},
	}
	for _, b := range builds {
		cmd := exec.Command("go", append(append([]string{"build"}, b.args...), "-o", filepath.Join(dir, b.name), ".")...)
		cmd.Dir = b.dir
		cmd.Env = append(os.Environ(), b.env...)
		if out, err := cmd.CombinedOutput(); err != nil {
			fmt.Printf("build %s: %v\n%s", b.name, err, out)
			os.RemoveAll(dir)
			os.Exit(1)
		}
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// startSandbox starts bin/make-sandbox on addr until the test ends, and
// returns its issuer and what stops it sooner.
func startSandbox(t *testing.T, addr string, args ...string) (issuer string, stop func()) {
	t.Helper()
	sb := exec.Command(filepath.Join(bin, "make-sandbox"), append([]string{"-addr", addr}, args...)...)
	stderr, _ := sb.StderrPipe()
	if err := sb.Start(); err != nil {
		t.Fatal(err)
	}
	stopped := false
	stop = func() {
		if !stopped {
			stopped = true
			sb.Process.Kill()
			sb.Wait()
		}
	}
	t.Cleanup(stop)
	// It says where it listens once it does: "… issuer http://127.0.0.1:PORT".
	sc := bufio.NewScanner(stderr)
	for issuer == "" && sc.Scan() {
		if _, after, ok := strings.Cut(sc.Text(), "issuer "); ok {
			issuer = strings.TrimSpace(after)
		}
	}
	go io.Copy(io.Discard, stderr)
	if issuer == "" {
		t.Fatal("the sandbox did not say where it listens")
	}
	return issuer, stop
}

// forget stands for a Make that forgot every token it issued: the
// sandbox is stopped and a new one started on the same address.
func (w *world) forget() {
	w.t.Helper()
	w.stopSandbox()
	var got string
	if got, w.stopSandbox = startSandbox(w.t, strings.TrimPrefix(w.issuer, "http://")); got != w.issuer {
		w.t.Fatalf("the new sandbox is %s, want %s", got, w.issuer)
	}
}

// world is a running sandbox and the environment that points the app at it.
type world struct {
	t           *testing.T
	issuer      string
	stopSandbox func()
	env         []string
}

func newWorld(t *testing.T, sandboxArgs ...string) *world {
	t.Helper()
	issuer, stop := startSandbox(t, "127.0.0.1:0", sandboxArgs...)
	w := &world{t: t, issuer: issuer, stopSandbox: stop}
	service := "com.makeconnect.e2e." + t.Name()
	w.env = append(os.Environ(),
		"MAKE_CONNECT_CLIENT_ID=make-connect-e2e",
		"MAKE_CONNECT_ISSUER="+w.issuer,
		"MAKE_CONNECT_API_BASE="+w.issuer+"/api/v2",
		"MAKE_CONNECT_KEYRING_SERVICE="+service,
		"MAKE_CONNECT_CONFIG_DIR="+t.TempDir(),
	)
	return w
}

func (w *world) cmd(args ...string) *exec.Cmd {
	c := exec.Command(filepath.Join(bin, "make-connect"), args...)
	c.Env = w.env
	return c
}

// startConnect runs "connect --no-browser" and returns the address it
// told the person to visit.
func (w *world) startConnect() (*exec.Cmd, *bytes.Buffer, string) {
	w.t.Helper()
	c := w.cmd("connect", "--no-browser")
	var stdout bytes.Buffer
	c.Stdout = &stdout
	stderr, _ := c.StderrPipe()
	if err := c.Start(); err != nil {
		w.t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	authURL := ""
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); strings.Contains(line, "/oauth/v2/authorize?") {
			authURL = line
			break
		}
	}
	go io.Copy(io.Discard, stderr)
	if authURL == "" {
		c.Wait()
		w.t.Fatal("connect printed no address to visit")
	}
	return c, &stdout, authURL
}

func exitCode(err error) int {
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

func TestBinaryConnectStatusDisconnect(t *testing.T) {
	w := newWorld(t)
	c, stdout, authURL := w.startConnect()
	person := exec.Command(filepath.Join(bin, "sandbox-person"), authURL)
	if out, err := person.CombinedOutput(); err != nil {
		t.Fatalf("sandbox-person: %v: %s", err, out)
	}
	if code := exitCode(c.Wait()); code != 0 {
		t.Fatalf("connect exited %d", code)
	}
	if !strings.Contains(stdout.String(), "Connected: Ada Lovelace <ada@example.com>") {
		t.Errorf("connect printed %q", stdout.String())
	}

	out, err := w.cmd("status", "--json").Output()
	if err != nil {
		t.Fatalf("status: %v", err)
	}
	var v struct {
		Accounts []struct {
			ID        string     `json:"id"`
			Email     string     `json:"email"`
			Scopes    []string   `json:"scopes"`
			ExpiresAt *time.Time `json:"expires_at"`
		} `json:"accounts"`
	}
	if err := json.Unmarshal(out, &v); err != nil || len(v.Accounts) != 1 {
		t.Fatalf("status --json = %s (%v)", out, err)
	}
	a := v.Accounts[0]
	if a.Email != "ada@example.com" || a.ExpiresAt == nil || time.Until(*a.ExpiresAt) < 58*time.Minute || len(a.Scopes) == 0 {
		t.Errorf("account = %+v", a)
	}

	if err := w.cmd("disconnect").Run(); err != nil {
		t.Fatalf("disconnect: %v", err)
	}
	out, _ = w.cmd("status", "--json").Output()
	if !bytes.Contains(out, []byte(`"accounts": []`)) {
		t.Errorf("after disconnect, status = %s", out)
	}
}

func TestBinaryDenyExits3(t *testing.T) {
	w := newWorld(t)
	c, _, authURL := w.startConnect()
	if err := exec.Command(filepath.Join(bin, "sandbox-person"), "-deny", authURL).Run(); err != nil {
		t.Fatalf("sandbox-person -deny: %v", err)
	}
	if code := exitCode(c.Wait()); code != 3 {
		t.Fatalf("connect exited %d after Deny, want 3", code)
	}
}

func TestBinaryCtrlCExits4AndFreesThePort(t *testing.T) {
	w := newWorld(t)
	c, _, authURL := w.startConnect()
	u, _ := url.Parse(authURL)
	redirect, err := url.Parse(u.Query().Get("redirect_uri"))
	if err != nil || redirect.Port() == "" {
		t.Fatalf("the address to visit names no loopback port (%v)", err)
	}
	c.Process.Signal(syscall.SIGINT)
	if code := exitCode(c.Wait()); code != 4 {
		t.Fatalf("connect exited %d after Ctrl-C, want 4", code)
	}
	ln, err := net.Listen("tcp", redirect.Host)
	if err != nil {
		t.Fatalf("port %s still held: %v", redirect.Port(), err)
	}
	ln.Close()
}

// TestNoLocaleNoise: neither build prints Fyne's "Error parsing user
// locale" where the locale names no language (C.UTF-8 is the default of
// Debian and Ubuntu containers), nor anything else on stderr.
func TestNoLocaleNoise(t *testing.T) {
	for _, program := range []string{"make-connect", "make-connect-cli"} {
		for _, lang := range []string{"C.UTF-8", "C", "POSIX", "POSIX.UTF-8", ""} {
			for _, args := range [][]string{{"--version"}, {"status", "--json"}} {
				cmd := exec.Command(filepath.Join(bin, program), args...)
				cmd.Env = slices.DeleteFunc(slices.Clone(os.Environ()), func(kv string) bool {
					return strings.HasPrefix(kv, "LANG=") || strings.HasPrefix(kv, "LC_") || strings.HasPrefix(kv, "LANGUAGE=")
				})
				cmd.Env = append(cmd.Env, "MAKE_CONNECT_CONFIG_DIR="+t.TempDir(), "MAKE_CONNECT_KEYRING_SERVICE=com.makeconnect.e2e.locale")
				if lang != "" {
					cmd.Env = append(cmd.Env, "LANG="+lang)
				}
				var stderr strings.Builder
				cmd.Stderr = &stderr
				cmd.Run()
				if strings.Contains(stderr.String(), "Fyne error") || strings.Contains(stderr.String(), "locale") {
					t.Errorf("%s %v with LANG=%q printed: %s", program, args, lang, stderr.String())
				}
			}
		}
	}
}

// TestCommandLineBuildWithoutACommand: the command-line build, with no
// window program beside it, says in one line what it is (exit 2).
func TestCommandLineBuildWithoutACommand(t *testing.T) {
	var stderr strings.Builder
	cmd := exec.Command(filepath.Join(bin, "make-connect-cli"))
	cmd.Stderr = &stderr
	err := cmd.Run()
	if exitCode(err) != 2 || strings.Count(strings.TrimSpace(stderr.String()), "\n") != 0 ||
		!strings.Contains(stderr.String(), "this is the command-line build") {
		t.Errorf("exit %d: %q", exitCode(err), stderr.String())
	}
}

func TestBinaryVersion(t *testing.T) {
	out, err := exec.Command(filepath.Join(bin, "make-connect"), "--version").Output()
	if err != nil || !strings.HasPrefix(string(out), "Make Connect ") {
		t.Fatalf("--version = %q, %v", out, err)
	}
}

// TestBinaryRejectedEverywhere: once Make forgot an account's token (the
// sandbox started again on its address), the shipped binary's doctor fails
// on that account and names the command that fixes it, and status --check
// does not call it valid.
func TestBinaryRejectedEverywhere(t *testing.T) {
	w := newWorld(t)
	c, _, authURL := w.startConnect()
	if out, err := exec.Command(filepath.Join(bin, "sandbox-person"), authURL).CombinedOutput(); err != nil {
		t.Fatalf("sandbox-person: %v: %s", err, out)
	}
	if code := exitCode(c.Wait()); code != 0 {
		t.Fatalf("connect exited %d", code)
	}
	out, err := w.cmd("doctor").Output()
	if code := exitCode(err); code != 0 {
		t.Fatalf("doctor before Make forgot: exit %d:\n%s", code, out)
	}
	var id string
	for _, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) > 2 && f[0] == "ok" && f[1] == "account" {
			id = strings.TrimSuffix(f[2], ":")
		}
	}
	if id == "" {
		t.Fatalf("doctor has no account line:\n%s", out)
	}

	w.forget()
	out, err = w.cmd("doctor").Output()
	if code := exitCode(err); code != 1 || !strings.Contains(string(out), "make-connect connect --account "+id) {
		t.Errorf("doctor after Make forgot: exit %d, want 1 and a line naming make-connect connect --account %s:\n%s", code, id, out)
	}
	out, _ = w.cmd("status", "--check").Output()
	if strings.Contains(string(out), "State: valid") || !strings.Contains(string(out), "rejected") {
		t.Errorf("status --check after Make forgot:\n%s", out)
	}
}
