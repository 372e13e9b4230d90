package relay

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/make-connect/make-connect/internal/testkit/chromium"
)

// relayPath is where the test server hosts the page: an organization's
// redirect URI.
const relayPath = "/make-connect/callback"

// injected stands for markup an attacker got into the page (a compromised
// host, a proxy): the policy must keep it from running.
const injected = `<script>document.title = "injected";</script>`

// TestRelayPage opens the page in headless Chromium, served over https as
// an organization hosts it, with the query Make sends. Chromium cannot
// open the app's scheme, so the test catches the navigation the page asks
// for (Page.frameRequestedNavigation) and, as nothing answers, sees the
// fallback. Every case checks that no request but the page's own carried
// the query, to the host or anywhere else.
func TestRelayPage(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Chromium")
	}
	browser := startChromium(t)
	scheme := appID(t)
	original := readPage(t)
	cases := []struct {
		name  string
		query string // as Make sends it
		// page is what the server sends: the page, or a tampered copy.
		page func(string) string
		// forward: the page hands the query to the scheme and offers the
		// fallback; otherwise it says there is nothing to hand over.
		forward   bool
		wantTitle string
	}{
		{name: "code", query: "code=abc.DEF-123_~%2B%2F%3D&state=S7a-x_Y&iss=https%3A%2F%2Fwww.make.com",
			forward: true, wantTitle: "Make Connect"},
		{name: "error", query: "error=access_denied&error_description=The+user+declined.&state=S7a-x_Y",
			forward: true, wantTitle: "Make Connect"},
		// Markup in the query is data: it lands in the field, never in the page.
		{name: "markup in the query", query: "code=%3Cimg+src%3Dx+onerror%3D%22document.title%3D1%22%3E&state=%3Cscript%3E",
			forward: true, wantTitle: "Make Connect"},
		{name: "an injected inline script", query: "code=c&state=s",
			page:    func(p string) string { return strings.Replace(p, "</main>", "</main>"+injected, 1) },
			forward: true, wantTitle: "Make Connect"},
		// The control: without the policy the same injection runs, so the
		// case above proves the policy stopped it.
		{name: "an injected inline script, no policy", query: "code=c&state=s",
			page: func(p string) string {
				p = strings.Replace(p, "</main>", "</main>"+injected, 1)
				return regexpCSP.ReplaceAllString(p, "")
			},
			forward: true, wantTitle: "injected"},
		{name: "no query", query: "", wantTitle: "Make Connect"},
		{name: "no state", query: "code=abc", wantTitle: "Make Connect"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body := original
			if tc.page != nil {
				body = tc.page(body)
			}
			var mu sync.Mutex
			var served []string // what the server was asked for: path?query
			srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				served = append(served, r.URL.RequestURI())
				mu.Unlock()
				if r.URL.Path != relayPath {
					http.NotFound(w, r)
					return
				}
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				_, _ = w.Write([]byte(body))
			}))
			defer srv.Close()
			address := srv.URL + relayPath
			if tc.query != "" {
				address += "?" + tc.query
			}

			tab, closeTab := chromedp.NewContext(browser)
			defer closeTab()
			navigations := make(chan string, 4)
			var requests []string // every request Chromium made, by URL
			if _, err := chromedp.Call(tab, network.Enable, network.EnableParams{}); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Listen(tab, func(ev any) {
				switch ev := ev.(type) {
				case *page.EventFrameRequestedNavigation:
					select {
					case navigations <- ev.URL:
					default:
					}
				case *network.EventRequestWillBeSent:
					mu.Lock()
					requests = append(requests, ev.Request.URL)
					mu.Unlock()
				}
			}); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(tab, chromedp.Navigate(address)); err != nil {
				t.Fatalf("opening the page: %v", err)
			}

			if tc.forward {
				select {
				case got := <-navigations:
					if want := scheme + ":/callback?" + tc.query; got != want {
						t.Errorf("the page went to\n%s\nwant\n%s", got, want)
					}
				case <-tab.Done():
					t.Fatal("the page asked for no navigation to the app's scheme")
				}
				// Nothing answers the scheme here: after 2 s the fallback.
				if err := chromedp.Do(tab, chromedp.WaitVisible(chromedp.CSS("#fallback")),
					chromedp.WaitVisible(chromedp.CSS("#copy")), chromedp.WaitVisible(chromedp.CSS("#open"))); err != nil {
					t.Fatalf("the fallback: %v", err)
				}
				field, err1 := chromedp.Run(tab, chromedp.Value(chromedp.CSS("#address")))
				link, err2 := chromedp.Run(tab, chromedp.AttributeValue(chromedp.CSS("#open"), "href"))
				if err := errors.Join(err1, err2); err != nil {
					t.Fatal(err)
				}
				if field != address {
					t.Errorf("the fallback offers\n%s\nwant the page's whole address\n%s", field, address)
				}
				if want := scheme + ":/callback?" + tc.query; link.Value != want {
					t.Errorf("Open Make Connect links to %s, want %s", link.Value, want)
				}
			} else if err := chromedp.Do(tab, chromedp.WaitVisible(chromedp.CSS("#nothing"))); err != nil {
				t.Fatalf("the page does not say there is nothing to hand over: %v", err)
			}
			location, err1 := chromedp.Run(tab, chromedp.Location())
			title, err2 := chromedp.Run(tab, chromedp.Title())
			history, err3 := chromedp.Call(tab, page.GetNavigationHistory, cdp.Empty{})
			if err := errors.Join(err1, err2, err3); err != nil {
				t.Fatal(err)
			}
			if title != tc.wantTitle {
				t.Errorf("title %q, want %q", title, tc.wantTitle)
			}
			if !tc.forward {
				select {
				case got := <-navigations:
					t.Errorf("the page went to %s", strings.SplitN(got, "?", 2)[0])
				default:
				}
				return
			}
			// The query is out of the address bar and the history.
			if location != srv.URL+relayPath {
				t.Errorf("the address bar shows %s, want %s", location, srv.URL+relayPath)
			}
			for _, e := range history.Entries {
				if strings.Contains(e.URL, "?") {
					t.Errorf("the history keeps %s", e.URL)
				}
			}
			// Only the page's own request and the hand-over to the app
			// carried the query: Chromium tries the scheme as a request too.
			mu.Lock()
			defer mu.Unlock()
			for i, r := range requests {
				u, err := url.Parse(r)
				switch {
				case r == scheme+":/callback?"+tc.query:
				case err != nil || u.Host != strings.TrimPrefix(srv.URL, "https://"):
					t.Errorf("the page made a request to %s", strings.SplitN(r, "?", 2)[0])
				case i > 0 && u.RawQuery != "":
					t.Errorf("a request after the page's own carried a query: %s", u.Path)
				}
			}
			for i, s := range served {
				if i > 0 && strings.Contains(s, "?") {
					t.Errorf("the host was asked again with a query: %s", strings.SplitN(s, "?", 2)[0])
				}
			}
		})
	}
}

// startChromium starts one headless Chromium for the test, which trusts
// the test server's certificate (httptest's, made up for it); each tab is
// a chromedp.NewContext of it.
func startChromium(t *testing.T) context.Context {
	return chromium.Start(t, chromedp.Flag("ignore-certificate-errors", true))
}
