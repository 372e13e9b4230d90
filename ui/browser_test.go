package ui

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"github.com/chromedp/chromedp"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/testkit/chromium"
	"github.com/make-connect/make-connect/internal/testkit/keychaintest"
	"github.com/make-connect/make-connect/internal/testkit/sandbox"
)

// screenshotDir is where TestBrowserPages saves each final page, as
// browser-<case>-<lang>.png.
const screenshotDir = "../build/screenshots/browser" // ui-e2e.sh clears the PNGs directly in build/screenshots

// TestBrowserPages drives a real browser, headless Chromium, the way a
// person does: from the window's single-use launch link through the
// sandbox's consent page (Allow or Deny) to the loopback listener's page,
// with the window under Fyne's test app and the real account service
// against the sandbox. The Cancel case presses Cancel in the window while
// the browser is on the consent page, then Allow. Each final page's words
// are checked and a screenshot of it saved. One browser serves every case,
// a tab each.
//
// lang is the language the app speaks in a row (as the system would
// choose it, see speak), and each row carries the words expected in it,
// on the page and in the window; the page's html element names it too.
func TestBrowserPages(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium and the sandbox")
	}
	browser := startChromium(t)
	cases := []struct {
		name, lang string
		// cancelFirst: Cancel is pressed in the window before press.
		cancelFirst bool
		press       string // the consent page's button: allow or deny
		wantStatus  int64
		wantTitle   string
		wantText    []string
		// window is what the window shows at the end.
		window []string
		stored int // accounts in the keychain at the end
	}{
		{name: "success", lang: "en", press: "allow", wantStatus: 200, wantTitle: "Connected – Make Connect",
			wantText: []string{"Connected Ada Lovelace <ada@example.com> to Make Connect. You can close this tab."},
			window:   []string{"Connected Ada Lovelace <ada@example.com>."}, stored: 1},
		{name: "deny", lang: "en", press: "deny", wantStatus: 200, wantTitle: "Not connected – Make Connect",
			wantText: []string{"You declined the connection, so nothing was connected. You can close this tab and return to Make Connect."},
			window:   []string{"You pressed Deny in the browser, so nothing was connected."}},
		{name: "cancel", lang: "en", cancelFirst: true, press: "allow", wantStatus: 410, wantTitle: "Sign-in cancelled – Make Connect",
			wantText: []string{"This sign-in was cancelled in Make Connect, so nothing was connected. To connect, start again from Make Connect."},
			window:   []string{"Connecting was cancelled."}},
		{name: "success", lang: "de", press: "allow", wantStatus: 200, wantTitle: "Verbunden – Make Connect",
			wantText: []string{"Ada Lovelace <ada@example.com> wurde mit Make Connect verbunden. Sie können diesen Tab schließen."},
			window:   []string{"Ada Lovelace <ada@example.com> ist verbunden."}, stored: 1},
		{name: "deny", lang: "de", press: "deny", wantStatus: 200, wantTitle: "Nicht verbunden – Make Connect",
			wantText: []string{"Sie haben die Verbindung abgelehnt, daher wurde nichts verbunden. Sie können diesen Tab schließen und zu Make Connect zurückkehren."},
			window:   []string{"Sie haben die Anfrage im Browser abgelehnt, daher wurde nichts verbunden."}},
		{name: "cancel", lang: "de", cancelFirst: true, press: "allow", wantStatus: 410, wantTitle: "Anmeldung abgebrochen – Make Connect",
			wantText: []string{"Diese Anmeldung wurde in Make Connect abgebrochen, daher wurde nichts verbunden. Um sich zu verbinden, beginnen Sie erneut in Make Connect."},
			window:   []string{"Das Verbinden wurde abgebrochen."}},
	}
	if err := os.MkdirAll(screenshotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.name+"/"+tc.lang, func(t *testing.T) {
			if tc.lang != "en" {
				speak(t, tc.lang) // English again after the case
			}
			sw := newSandboxWorld(t, sandbox.Options{})
			store, _ := keychaintest.Memory(sw.env[config.EnvKeyringService])
			h := newHarness(t, &fakeService{}, withEnv(sw.env), withBackend(sw.backend(store)))
			c := h.w.win.Canvas()
			test.Tap(h.w.panels.idle.connect)
			h.pumpUntil("the browser to be sent to Make", func() bool { return len(h.browsed()) == 1 })

			tab, closeTab := chromedp.NewContext(browser)
			defer closeTab()
			if err := chromedp.Do(tab, chromedp.Navigate(h.browsed()[0]),
				chromedp.WaitVisible(chromedp.CSS(`button[value="`+tc.press+`"]`))); err != nil {
				t.Fatalf("the consent page: %v", err)
			}
			if tc.cancelFirst {
				test.Tap(buttonNamed(t, c, lang.L("Cancel")))
				// Until the attempt is closed, Allow would still connect.
				h.pumpUntil("the attempt to be closed", func() bool { return h.inflight.Load() == 0 })
			}
			resp, err := chromedp.RunResponse(tab, chromedp.Click(chromedp.CSS(`button[value="`+tc.press+`"]`)))
			if err != nil {
				t.Fatalf("pressing %s: %v", tc.press, err)
			}
			if tc.wantStatus != 0 && resp.Status != tc.wantStatus {
				t.Errorf("the page came with HTTP %d, want %d", resp.Status, tc.wantStatus)
			}
			title, err1 := chromedp.Run(tab, chromedp.Title())
			text, err2 := chromedp.Run(tab, chromedp.Text(chromedp.CSS("main")))
			html, err3 := chromedp.Run(tab, chromedp.OuterHTML(chromedp.CSS("html")))
			where, err4 := chromedp.Run(tab, chromedp.Location())
			png, err5 := chromedp.Run(tab, chromedp.FullScreenshot(100))
			for _, err := range []error{err1, err2, err3, err4, err5} {
				if err != nil {
					t.Fatalf("reading the page: %v", err)
				}
			}
			shot := filepath.Join(screenshotDir, "browser-"+tc.name+"-"+tc.lang+".png")
			if err := os.WriteFile(shot, png, 0o644); err != nil {
				t.Fatal(err)
			}

			launch, _ := url.Parse(h.browsed()[0])
			end, err := url.Parse(where)
			if err != nil || end.Host != launch.Host || end.Path != "/callback" {
				// Without the query: it holds the code and the state.
				t.Fatalf("the browser ended on %s, not the app's loopback callback", strings.SplitN(where, "?", 2)[0])
			}
			if !strings.HasPrefix(html, `<html lang="`+tc.lang+`"`) {
				t.Errorf("the page does not say it is in %s: %.40s…", tc.lang, html)
			}
			if title != tc.wantTitle {
				t.Errorf("title %q, want %q", title, tc.wantTitle)
			}
			for _, w := range tc.wantText {
				if !strings.Contains(text, w) {
					t.Errorf("the page says %q; want %q in it", text, w)
				}
			}
			for k, v := range end.Query() {
				if v[0] != "" && strings.Contains(html, v[0]) {
					t.Errorf("the page shows the address's %s", k)
				}
			}
			h.pumpUntil("the window to show the outcome", func() bool {
				got := screenText(c)
				for _, w := range tc.window {
					if !strings.Contains(got, w) {
						return false
					}
				}
				return true
			})
			if conns, _, _ := store.List(); len(conns) != tc.stored {
				t.Errorf("%d accounts stored, want %d", len(conns), tc.stored)
			}
			if tc.cancelFirst && sw.logged("sandbox: token:") {
				t.Error("a code was exchanged after Cancel")
			}
		})
	}
}

// startChromium starts one headless Chromium for the test (testkit/chromium).
func startChromium(t *testing.T) context.Context { return chromium.Start(t) }
