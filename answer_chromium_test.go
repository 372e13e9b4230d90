//go:build !headless

package main

import (
	"bufio"
	"context"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/testkit/chromium"
	"github.com/make-connect/make-connect/internal/testkit/sandbox"
	"github.com/make-connect/make-connect/internal/testkit/secretservice"
)

// TestRedirectKindsInChromium signs in with headless Chromium through the
// sandbox's consent page, with "make-connect connect" (the command-line
// build, as shipped) waiting in a terminal, for the two redirect URIs that
// are not loopback:
//
//   - the app's scheme: Chromium cannot open it (no app is registered in
//     the test), so the test catches the sandbox's redirect to it and
//     starts the program with that address, as the operating system
//     would. First, as root, a process of another user (nobody) is
//     started with it: it hands nothing over and the sign-in goes on.
//     Then the person's own: it ends at once, and connect connects.
//   - an https page of the organization's: Chromium ends there (the page
//     does not exist), and the address is pasted into connect.
//
// The address carries the code and state: neither process prints it.
func TestRedirectKindsInChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium, the sandbox and the program")
	}
	if !secretservice.Private() {
		t.Skip(secretservice.Skip)
	}
	browser := startChromium(t)
	bin := buildCommandLine(t)
	sb := sandbox.Start(t, sandbox.Options{})
	cases := []struct {
		name, redirect string
		otherUser      bool
	}{
		{"scheme", "com.makeconnect.app:/callback", true},
		{"https page", "https://make-connect.example/callback", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			runtime := filepath.Join(t.TempDir(), "runtime")
			if err := os.Mkdir(runtime, 0o700); err != nil {
				t.Fatal(err)
			}
			env := append(os.Environ(), "XDG_RUNTIME_DIR="+runtime,
				config.EnvClientID+"=make-connect-redirect-test", config.EnvIssuer+"="+sb.Issuer(),
				config.EnvAPIBase+"="+sb.Issuer()+"/api/v2", config.EnvConfigDir+"="+t.TempDir(),
				config.EnvKeyringService+"=com.makeconnect.redirect-test."+strings.ReplaceAll(tc.name, " ", "-"),
				config.EnvRedirectURI+"="+tc.redirect, config.EnvTimeout+"=2m")
			connect := exec.Command(bin, "connect", "--no-browser")
			connect.Env = env
			stdin, _ := connect.StdinPipe()
			var stdout strings.Builder
			connect.Stdout = &stdout
			stderr, _ := connect.StderrPipe()
			if err := connect.Start(); err != nil {
				t.Fatal(err)
			}
			defer connect.Process.Kill()
			var said strings.Builder
			lines := bufio.NewScanner(stderr)
			authURL := ""
			for authURL == "" && lines.Scan() {
				said.WriteString(lines.Text() + "\n")
				if line := strings.TrimSpace(lines.Text()); strings.Contains(line, "/oauth/v2/authorize?") {
					authURL = line
				}
			}
			rest := make(chan string)
			go func() { b, _ := io.ReadAll(stderr); rest <- string(b) }()
			if authURL == "" {
				t.Fatalf("connect printed no address to visit:\n%s", said.String())
			}

			answer := approve(t, browser, authURL, tc.redirect)
			q, _ := url.Parse(answer)
			secrets := []string{q.Query().Get("code"), q.Query().Get("state")}
			if tc.otherUser {
				handOverAsNobody(t, bin, runtime, answer, secrets)
			}
			if strings.HasPrefix(answer, "https:") {
				io.WriteString(stdin, answer+"\n")
			} else {
				handOver := exec.Command(bin, answer)
				handOver.Env = env
				out, err := handOver.CombinedOutput()
				if err != nil || len(out) != 0 {
					t.Fatalf("the program started with the address: %v, said %q", err, out)
				}
			}
			err := connect.Wait()
			said.WriteString(<-rest)
			if err != nil || !strings.Contains(stdout.String(), "Connected: Ada Lovelace <ada@example.com>") {
				t.Fatalf("connect: %v\n%s\n%s", err, stdout.String(), said.String())
			}
			// The sign-in address it printed carries the state (as asked
			// with --no-browser); nothing else may.
			printed := strings.Replace(said.String(), authURL, "", 1) + stdout.String()
			for _, s := range secrets {
				if s == "" || strings.Contains(printed, s) {
					t.Errorf("connect printed the answer's code or state (or it had none)")
				}
			}
		})
	}
}

// handOverAsNobody starts the program with the answer as another user of
// the computer (nobody), aimed at the person's sign-in channel: it must
// hand nothing over, and say nothing of the address.
func handOverAsNobody(t *testing.T, bin, runtime, answer string, secrets []string) {
	t.Helper()
	setpriv, err := exec.LookPath("setpriv")
	if os.Geteuid() != 0 || err != nil {
		t.Log("not root, or no setpriv: another user's hand-over is not tried")
		return
	}
	other := exec.Command(setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", bin, answer)
	other.Env = []string{"XDG_RUNTIME_DIR=" + runtime, "HOME=/nonexistent", "PATH=" + os.Getenv("PATH")}
	out, err := other.CombinedOutput()
	if err == nil || other.ProcessState.ExitCode() != 1 {
		t.Fatalf("another user's hand-over: %v, %s; want it refused (exit 1)", err, out)
	}
	for _, s := range secrets {
		if strings.Contains(string(out), s) {
			t.Errorf("the other user's process printed the answer's code or state")
		}
	}
	t.Logf("another user's hand-over: %s", strings.TrimSpace(string(out)))
}

// approve opens the sign-in page in a new tab, presses Allow, and returns
// the address the sandbox sent the browser on to, which starts with
// redirect. That request is caught (Fetch, at the response stage) and
// failed: neither the app's scheme nor the page is anything Chromium can
// open here.
func approve(t *testing.T, browser context.Context, authURL, redirect string) string {
	t.Helper()
	tab, closeTab := chromedp.NewContext(browser)
	defer closeTab()
	found := make(chan string, 1)
	paused := make(chan *fetch.EventRequestPaused, 16)
	chromedp.Listen(tab, func(ev any) {
		if e, ok := ev.(*fetch.EventRequestPaused); ok {
			paused <- e
		}
	})
	ctx, cancel := context.WithCancel(tab)
	defer cancel()
	go func() {
		for {
			select {
			case e := <-paused:
				location := ""
				for _, h := range e.ResponseHeaders {
					if strings.EqualFold(h.Name, "Location") && strings.HasPrefix(h.Value, redirect+"?") {
						location = h.Value
					}
				}
				if location == "" {
					chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: e.RequestID})
					continue
				}
				select {
				case found <- location:
				default:
				}
				chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: e.RequestID, ErrorReason: network.ErrorReasonAborted})
			case <-ctx.Done():
				return
			}
		}
	}()
	if _, err := chromedp.Call(tab, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*", RequestStage: fetch.RequestStageResponse}}}); err != nil {
		t.Fatalf("intercepting the browser's requests: %v", err)
	}
	if err := chromedp.Do(tab, chromedp.Navigate(authURL), chromedp.WaitVisible(chromedp.CSS(`button[value="allow"]`)),
		chromedp.Click(chromedp.CSS(`button[value="allow"]`))); err != nil {
		t.Fatalf("the consent page: %v", err)
	}
	select {
	case location := <-found:
		return location
	case <-time.After(30 * time.Second):
		t.Fatalf("the sandbox did not send the browser to %s", redirect)
	}
	return ""
}

// buildCommandLine builds the command-line build of the program, as
// shipped (CGO_ENABLED=0, -tags headless), into a folder every user may
// read, so that another user's process can be started from it too.
func buildCommandLine(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "make-connect-bin")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	os.Chmod(dir, 0o755)
	bin := filepath.Join(dir, "make-connect")
	build := exec.Command("go", "build", "-tags", "headless", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build the command line: %v\n%s", err, out)
	}
	return bin
}

// startChromium starts one headless Chromium for the test (testkit/chromium).
func startChromium(t *testing.T) context.Context { return chromium.Start(t) }
