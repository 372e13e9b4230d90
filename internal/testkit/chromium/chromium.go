// Package chromium starts the real browser the tests drive: one headless
// Chromium per test, through chromedp.
package chromium

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Required names the variable make test sets: there a missing Chromium
// fails the test, which exists to drive a real browser; elsewhere it is
// skipped.
const Required = "MAKE_TEST_CHROMIUM"

// Start starts one headless Chromium for t, with flags beside the usual
// ones (no proxy from the environment: loopback and the sandbox only), and
// returns its first tab; each further tab is a chromedp.NewContext of it.
// It is stopped when t ends, and gives up after 3 minutes.
func Start(t testing.TB, flags ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv(Required) != "" {
			t.Fatalf("make test drives a real browser, and there is no chromium on PATH (bash .ci/deps test installs it): %v", err)
		}
		t.Skip("no chromium on PATH: bash .ci/deps test installs it (make test requires it)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1000, 700),
		chromedp.Flag("no-proxy-server", true),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // Chromium refuses root otherwise
	}
	opts = append(opts, flags...)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	t.Cleanup(cancelBrowser)
	// Start it now, so a browser that cannot start fails here, once.
	if err := chromedp.Do(browser); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	return browser
}
