// Package sandbox starts the sandbox Make, the dev module's authorization
// server on github.com/ory/fosite (dev/sandbox), for the app's tests: as a
// process, dev/cmd/make-sandbox, built once per test binary. So the app's
// tests run the connect flow against the real server library while the
// app's module never requires it (`go list -m all` lists what ships).
//
// A package whose tests start it runs them through Run:
//
//	func TestMain(m *testing.M) { os.Exit(sandbox.Run(m)) }
//
// and each test starts its own server with Start, stopped when the test
// ends. It is test code: the shipped app never imports it.
package sandbox

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Options are the make-sandbox flags the tests use, named as the sandbox's
// own Options (dev/sandbox); the zero value is a server that behaves like
// Make as documented.
type Options struct {
	// Addr is the listen address. Default 127.0.0.1:0, a free port; a
	// sandbox started on the address of one just closed stands for a
	// Make that forgot every token it issued.
	Addr string
	// TokenDelay holds every token-endpoint response back this long, for
	// "slow server" tests; a client that goes away meanwhile gets nothing.
	TokenDelay time.Duration
	// RefreshTokens also issues (rotating) refresh tokens.
	RefreshTokens bool
	// TokenEntropy is how many random bytes each token and code carries.
	// Default 32.
	TokenEntropy int
	// AccessTokenLifespan is how long access tokens live. Default one hour.
	AccessTokenLifespan time.Duration
	// TLS serves https with a certificate signed by a CA of the sandbox's
	// own (Server.CA).
	TLS bool
	// Host is the host name in the issuer URL and, with TLS, the
	// certificate. Default 127.0.0.1.
	Host string
	// ClockSkew sets the Date header of every answer this far from the real
	// time.
	ClockSkew time.Duration
	// TamperIDToken is a fault: every id_token's signature has a byte
	// flipped.
	TamperIDToken bool
	// OrganizationZones gives every user one organization in each zone.
	// Default (nil) one, in eu1.make.com; an empty list, none.
	OrganizationZones []string
	// RateLimited makes every API call answer 429.
	RateLimited bool
	// Secrets records every code, verifier and token the token endpoint
	// sees or hands out, for Server.Secrets.
	Secrets bool
}

// args are the make-sandbox flags for o.
func (o Options) args(dir string) []string {
	addr := o.Addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	args := []string{"-addr", addr, "-log", filepath.Join(dir, "log")}
	flags := []struct {
		set  bool
		args []string
	}{
		{o.TokenDelay != 0, []string{"-token-delay", o.TokenDelay.String()}},
		{o.RefreshTokens, []string{"-refresh-tokens"}},
		{o.TokenEntropy != 0, []string{"-token-bytes", strconv.Itoa(o.TokenEntropy)}},
		{o.AccessTokenLifespan != 0, []string{"-access-token-lifespan", o.AccessTokenLifespan.String()}},
		{o.TLS, []string{"-tls", "-ca-file", filepath.Join(dir, "ca.pem")}},
		{o.Host != "", []string{"-host", o.Host}},
		{o.ClockSkew != 0, []string{"-clock-skew", o.ClockSkew.String()}},
		{o.TamperIDToken, []string{"-tamper-id-token"}},
		{o.OrganizationZones != nil, []string{"-org-zones", strings.Join(o.OrganizationZones, ",")}},
		{o.RateLimited, []string{"-rate-limited"}},
		{o.Secrets, []string{"-secrets-file", filepath.Join(dir, "secrets")}},
	}
	for _, f := range flags {
		if f.set {
			args = append(args, f.args...)
		}
	}
	return args
}

// Server is a running sandbox, stopped by Close or when the test that
// started it ends.
type Server struct {
	issuer string
	ca     []byte
	dir    string // its log, secrets and CA files
	cmd    *exec.Cmd
	close  sync.Once
}

// Start starts a sandbox on a free loopback port for t, and stops it when
// t ends. The test fails at once if it cannot start.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	bin, err := binary()
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{dir: t.TempDir()}
	s.cmd = exec.Command(bin, opts.args(s.dir)...)
	stderr, err := s.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.cmd.Start(); err != nil {
		t.Fatalf("start the sandbox: %v", err)
	}
	t.Cleanup(func() {
		s.Close()
		if t.Failed() {
			t.Logf("the sandbox's log:\n%s", s.Log())
		}
	})
	// It says where it listens once it does: "… issuer http://127.0.0.1:PORT".
	var said bytes.Buffer
	sc := bufio.NewScanner(stderr)
	for s.issuer == "" && sc.Scan() {
		said.WriteString(sc.Text() + "\n")
		if _, after, ok := strings.Cut(sc.Text(), "issuer "); ok {
			s.issuer = strings.TrimSpace(after)
		}
	}
	go io.Copy(io.Discard, stderr)
	if s.issuer == "" {
		t.Fatalf("the sandbox did not start:\n%s", said.String())
	}
	if opts.TLS {
		if s.ca, err = os.ReadFile(filepath.Join(s.dir, "ca.pem")); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// Issuer is the server's base URL, such as http://127.0.0.1:8787, without
// a trailing slash: the issuer of its discovery document and id_tokens.
func (s *Server) Issuer() string { return s.issuer }

// CA is the PEM certificate of the CA that signed the server's, with TLS;
// nil without.
func (s *Server) CA() []byte { return s.ca }

// Log is what the server has logged so far, one line per event (never a
// token, code, verifier, nonce or state). A line is written before the
// answer it logs is sent.
func (s *Server) Log() string {
	b, _ := os.ReadFile(filepath.Join(s.dir, "log"))
	return string(b)
}

// Logged reports whether a line of the log holds substr.
func (s *Server) Logged(substr string) bool { return strings.Contains(s.Log(), substr) }

// Secrets are the secrets the token endpoint has seen or handed out so far
// (with Options.Secrets), each written before the answer that carries it
// is sent.
func (s *Server) Secrets() []string {
	b, _ := os.ReadFile(filepath.Join(s.dir, "secrets"))
	return strings.Fields(string(b))
}

// Close stops the server at once, breaking open connections.
func (s *Server) Close() {
	s.close.Do(func() {
		s.cmd.Process.Kill()
		s.cmd.Wait()
	})
}

// The make-sandbox binary, built once per test binary (by the first Start)
// into a directory Run removes.
var (
	build struct {
		once     sync.Once
		dir, bin string
		err      error
	}
	running bool // Run is running the tests
	// buildEnv is the environment the test binary started with: a test may
	// change HOME or XDG_CACHE_HOME before its first Start, and Go's build
	// cache must stay the warm one.
	buildEnv = os.Environ()
)

// Run runs the tests of m, which may Start sandboxes, and removes the
// sandbox binary afterwards. Call it from TestMain.
func Run(m *testing.M) int {
	running = true
	code := m.Run()
	if build.dir != "" {
		os.RemoveAll(build.dir)
	}
	return code
}

// binary builds dev/cmd/make-sandbox of this checkout with the dev
// module's go.mod, once.
func binary() (string, error) {
	if !running {
		return "", errors.New("sandbox.Start needs the tests run through sandbox.Run: func TestMain(m *testing.M) { os.Exit(sandbox.Run(m)) }")
	}
	build.once.Do(func() {
		build.bin, build.err = compile()
	})
	return build.bin, build.err
}

func compile() (string, error) {
	root, err := repoRoot()
	if err != nil {
		return "", err
	}
	if build.dir, err = os.MkdirTemp("", "make-sandbox-"); err != nil {
		return "", err
	}
	bin := filepath.Join(build.dir, "make-sandbox")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	cmd := exec.Command("go", "build", "-C", filepath.Join(root, "dev"), "-o", bin, "./cmd/make-sandbox")
	cmd.Env = append(buildEnv, "GOWORK=off") // dev/go.mod alone says what it is built from
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build the sandbox (dev/cmd/make-sandbox): %v\n%s", err, out)
	}
	return bin, nil
}

// repoRoot is the checkout holding the test's package: the nearest
// directory up from the working directory with dev/go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "dev", "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no dev/go.mod above the test's directory: the sandbox is built from the checkout's dev module")
		}
		dir = parent
	}
}
