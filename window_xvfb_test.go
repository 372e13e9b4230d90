//go:build !headless

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/testkit/sandbox"
)

// The real window in a process of its own: this test binary, started
// again with childWindow set, runs the program's window (runWindow) under
// the policy in the file childPolicy names — the one thing a test cannot
// give the real program, whose policy file is root's.
const (
	childWindow = "MAKE_CONNECT_TEST_CHILD_WINDOW"
	childPolicy = "MAKE_CONNECT_TEST_CHILD_POLICY"
	// childArg runs the program's main with this one argument instead.
	childArg = "MAKE_CONNECT_TEST_CHILD_ARG"
)

func TestMain(m *testing.M) {
	if arg := os.Getenv(childArg); arg != "" {
		os.Args = []string{os.Args[0], arg}
		main()
	}
	if os.Getenv(childWindow) == "1" {
		loadMetadata()
		os.Exit(runWindow(func() (config.Policy, error) {
			path := os.Getenv(childPolicy)
			if path == "" {
				return config.Policy{}, nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return config.Policy{}, err
			}
			return config.ParsePolicyJSON(path, b)
		}, nil))
	}
	os.Exit(sandbox.Run(m)) // for TestRedirectKindsInChromium
}

// TestTheRealWindowSurvivesABrokenConfiguration starts the real window
// under Xvfb over a damaged settings file, an unreadable one, and policies
// with an unknown key, a value of the wrong type and a value that cannot
// work: each time the window appears and stays, says in its log why it
// cannot connect, and nothing panics (the window died with "keychain: a
// store needs a service name" before). make test runs it
// (MAKE_TEST_XVFB=1); it then fails if Xvfb cannot start. Screenshots go
// to build/screenshots/broken-config-*.png.
func TestTheRealWindowSurvivesABrokenConfiguration(t *testing.T) {
	if os.Getenv("MAKE_TEST_XVFB") != "1" {
		t.Skip("set MAKE_TEST_XVFB=1 to start the real window under Xvfb (make test does)")
	}
	display := startXvfb(t)
	bus := sessionBus(t)
	cases := []struct {
		name, settings, policy, says string
		dirAsFile                    bool
		degrades                     bool // the policy's value is ignored: nothing stops connecting
	}{
		{name: "damaged-settings", settings: `{"zone": `, says: "settings"},
		{name: "unreadable-settings", dirAsFile: true, says: "settings"},
		{name: "unknown-policy-key", policy: `{"Zoen": "eu2.make.com"}`, says: "Zoen", degrades: true},
		{name: "wrong-policy-type", policy: `{"MaxAccounts": "many"}`, says: "MaxAccounts"},
		{name: "bad-policy-value", policy: `{"Zone": "not a zone"}`, says: "not a zone"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tmp := t.TempDir()
			cfgDir, cache := filepath.Join(tmp, "config"), filepath.Join(tmp, "cache")
			for _, d := range []string{cfgDir, cache, filepath.Join(tmp, "runtime")} {
				if err := os.MkdirAll(d, 0o700); err != nil {
					t.Fatal(err)
				}
			}
			switch {
			case tc.dirAsFile:
				if err := os.Mkdir(config.SettingsPath(cfgDir), 0o700); err != nil {
					t.Fatal(err)
				}
			case tc.settings != "":
				if err := os.WriteFile(config.SettingsPath(cfgDir), []byte(tc.settings), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			env := append(os.Environ(), childWindow+"=1", "DISPLAY="+display, "LANG=en_US.UTF-8", "DBUS_SESSION_BUS_ADDRESS="+bus,
				config.EnvConfigDir+"="+cfgDir, "XDG_CACHE_HOME="+cache, "XDG_CONFIG_HOME="+filepath.Join(tmp, "xdg-config"),
				"XDG_DATA_HOME="+filepath.Join(tmp, "data"), "XDG_RUNTIME_DIR="+filepath.Join(tmp, "runtime"),
				config.EnvKeyringService+"=com.makeconnect.window-test."+tc.name, config.EnvClientID+"=make-connect-window-test")
			if tc.policy != "" {
				path := filepath.Join(tmp, "policy.json")
				if err := os.WriteFile(path, []byte(tc.policy), 0o600); err != nil {
					t.Fatal(err)
				}
				env = append(env, childPolicy+"="+path)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = env
			var stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stderr, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			stop := func() {
				_ = cmd.Process.Kill()
				<-exited
			}
			log := filepath.Join(cache, "make-connect", "window.log")
			logged := func() bool {
				b, _ := os.ReadFile(log)
				return (tc.degrades || strings.Contains(string(b), "connecting is stopped")) && strings.Contains(string(b), tc.says)
			}
			window := func() bool {
				search := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^Make Connect$")
				search.Env = append(os.Environ(), "DISPLAY="+display)
				out, err := search.Output()
				return err == nil && len(bytes.TrimSpace(out)) > 0
			}
			for deadline := time.Now().Add(60 * time.Second); !(window() && logged()); {
				select {
				case err := <-exited:
					t.Fatalf("the window ended (%v) before it showed the problem:\n%s", err, stderr.String())
				case <-time.After(200 * time.Millisecond):
				}
				if time.Now().After(deadline) {
					b, _ := os.ReadFile(log)
					stop()
					t.Fatalf("after 60 s: window shown %v; its log:\n%s\nits output:\n%s", window(), b, stderr.String())
				}
			}
			time.Sleep(time.Second) // it stays up: nothing later panics
			shot := filepath.Join("build", "screenshots", "broken-config-"+tc.name+".png")
			_ = os.MkdirAll(filepath.Dir(shot), 0o755)
			if out, err := exec.Command("import", "-display", display, "-window", "root", shot).CombinedOutput(); err != nil {
				t.Logf("no screenshot: %v %s", err, out)
			}
			select {
			case err := <-exited:
				t.Fatalf("the window ended (%v):\n%s", err, stderr.String())
			default:
			}
			stop()
			if strings.Contains(stderr.String(), "panic") {
				t.Errorf("the window panicked:\n%s", stderr.String())
			}
		})
	}
}

// sessionBus is the session bus the windows use: the test's own (make
// test runs under .ci/with-secret-service), or a private one started for
// it. Never none: with a display and no bus, godbus would autolaunch one
// with dbus-launch for each window, left running after it.
func sessionBus(t *testing.T) string {
	t.Helper()
	if bus := os.Getenv("DBUS_SESSION_BUS_ADDRESS"); bus != "" {
		return bus
	}
	cmd := exec.Command("dbus-daemon", "--session", "--nofork", "--print-address=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("a session bus for the windows: %v", err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	var addr [512]byte
	n, err := out.Read(addr[:])
	if err != nil || n == 0 {
		t.Fatalf("dbus-daemon did not say its address: %v", err)
	}
	return strings.TrimSpace(string(addr[:n]))
}

// startXvfb starts a virtual X server of the test's own, on the first
// display from :99 up that has no lock or socket (as scripts/lib-window.sh
// does), and returns its display once a client can open it; it is stopped
// when the test ends.
func startXvfb(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("Xvfb"); err != nil {
		t.Fatalf("Xvfb is needed (make deps installs it): %v", err)
	}
	n := 99
	for ; n < 199; n++ {
		_, lockErr := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n))
		_, sockErr := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n))
		if os.IsNotExist(lockErr) && os.IsNotExist(sockErr) {
			break
		}
	}
	d := fmt.Sprintf(":%d", n)
	var log bytes.Buffer
	// -noreset: a server that resets when its last client leaves refuses
	// the next window for a moment.
	cmd := exec.Command("Xvfb", d, "-screen", "0", "1024x768x24", "-nolisten", "tcp", "-noreset")
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatalf("Xvfb: %v", err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM) // it removes its lock and socket
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
	})
	for deadline := time.Now().Add(20 * time.Second); ; {
		out, err := exec.Command("xdpyinfo", "-display", d).CombinedOutput()
		if err == nil {
			return d
		}
		select {
		case <-exited:
			t.Fatalf("Xvfb %s ended: %s", d, log.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no X client can open the display %s: %v\n%s\nXvfb: %s", d, err, out, log.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestAnAnswerNobodyWaitsFor starts the real program under Xvfb as the
// operating system starts it for the app's scheme, with no sign-in
// waiting: the window opens and says that sign-in had already ended (its
// log notes what it told, without the address), and stays. A screenshot
// goes to build/screenshots/answer-nobody-waits.png.
func TestAnAnswerNobodyWaitsFor(t *testing.T) {
	if os.Getenv("MAKE_TEST_XVFB") != "1" {
		t.Skip("set MAKE_TEST_XVFB=1 to start the real window under Xvfb (make test does)")
	}
	display := startXvfb(t)
	bus := sessionBus(t)
	tmp := t.TempDir()
	cache, runtime := filepath.Join(tmp, "cache"), filepath.Join(tmp, "runtime")
	for _, d := range []string{cache, runtime} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	const answer = "com.makeconnect.app:/callback?code=the-code&state=the-state"
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childArg+"="+answer, "DISPLAY="+display, "LANG=en_US.UTF-8", "DBUS_SESSION_BUS_ADDRESS="+bus,
		config.EnvConfigDir+"="+filepath.Join(tmp, "config"), "XDG_CACHE_HOME="+cache, "XDG_RUNTIME_DIR="+runtime,
		"XDG_CONFIG_HOME="+filepath.Join(tmp, "xdg-config"), "XDG_DATA_HOME="+filepath.Join(tmp, "data"),
		config.EnvKeyringService+"=com.makeconnect.window-test.answer", config.EnvClientID+"=make-connect-window-test")
	var output lockedBuffer // the program writes it while the test reads
	cmd.Stdout, cmd.Stderr = &output, &output
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() { _ = cmd.Process.Kill(); <-exited }()
	log := filepath.Join(cache, "make-connect", "window.log")
	for deadline := time.Now().Add(60 * time.Second); ; {
		b, _ := os.ReadFile(log)
		if strings.Contains(string(b), "told at start: "+"no sign-in is waiting for this address") {
			if strings.Contains(string(b)+output.String(), "the-code") || strings.Contains(string(b)+output.String(), "the-state") {
				t.Errorf("the address is in the window's log or output:\n%s\n%s", b, output.String())
			}
			break
		}
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("the program ended (%v) without opening the window:\n%s", err, output.String())
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 60 s the window had not said the sign-in ended; its log:\n%s\nits output:\n%s", b, output.String())
		}
	}
	time.Sleep(time.Second) // painted
	shot := filepath.Join("build", "screenshots", "answer-nobody-waits.png")
	_ = os.MkdirAll(filepath.Dir(shot), 0o755)
	if out, err := exec.Command("import", "-display", display, "-window", "root", shot).CombinedOutput(); err != nil {
		t.Logf("no screenshot: %v %s", err, out)
	}
}

// lockedBuffer is a bytes.Buffer a child process's output is copied into
// while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
