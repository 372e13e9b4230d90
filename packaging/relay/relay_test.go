// Package relay holds the relay page (index.html) an organization hosts at
// its https redirect URI: it sends Make's answer on to the app's
// private-use URI scheme (docs/admin.md, "The relay page"). These tests
// read it as a host serves it and open it in headless Chromium.
package relay

import (
	"crypto/sha256"
	"encoding/base64"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// pageFile is the page, served as it is.
const pageFile = "index.html"

// readPage returns the page's text.
func readPage(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(pageFile)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// appID returns FyneApp.toml's [Details] ID: the app's URI scheme.
func appID(t *testing.T) string {
	t.Helper()
	var meta struct{ Details struct{ ID string } }
	if _, err := toml.DecodeFile("../../FyneApp.toml", &meta); err != nil || meta.Details.ID == "" {
		t.Fatalf("FyneApp.toml's [Details] ID: %v", err)
	}
	return meta.Details.ID
}

// metaContent returns the content of the page's <meta> whose attr is value.
func metaContent(t *testing.T, page, attr, value string) string {
	t.Helper()
	m := regexp.MustCompile(`<meta ` + attr + `="` + regexp.QuoteMeta(value) + `" content="([^"]*)">`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("the page has no <meta %s=%q content=…>", attr, value)
	}
	return m[1]
}

// TestPageHeaders reads the page as a browser does before running it: its
// policy allows exactly its own script and style (by their SHA-256, so an
// edit to either must update the policy, with the hash this test prints),
// nothing from anywhere else, and no referrer; and it hands over to the
// app's ID, the scheme the installers register.
func TestPageHeaders(t *testing.T) {
	page := readPage(t)
	csp := metaContent(t, page, "http-equiv", "Content-Security-Policy")
	directives := map[string]string{}
	for d := range strings.SplitSeq(csp, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
		directives[name] = value
	}
	for _, tag := range []string{"script", "style"} {
		blocks := regexp.MustCompile(`(?s)<`+tag+`>(.*?)</`+tag+`>`).FindAllStringSubmatch(page, -1)
		if len(blocks) != 1 {
			t.Fatalf("the page has %d <%s> blocks; the policy allows one, by its hash", len(blocks), tag)
		}
		sum := sha256.Sum256([]byte(blocks[0][1]))
		want := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
		if got := directives[tag+"-src"]; got != want {
			t.Errorf("%s-src is %s; the page's <%s> needs exactly %s", tag, got, tag, want)
		}
	}
	for name, want := range map[string]string{"default-src": "'none'", "base-uri": "'none'", "form-action": "'none'"} {
		if directives[name] != want {
			t.Errorf("%s is %q, want %q", name, directives[name], want)
		}
	}
	if len(directives) != 5 {
		t.Errorf("the policy has %d directives, want default-src, script-src, style-src, base-uri and form-action: %s", len(directives), csp)
	}
	if got := metaContent(t, page, "name", "referrer"); got != "no-referrer" {
		t.Errorf("referrer policy %q, want no-referrer", got)
	}
	for _, attr := range []string{" src=", " href=\"http", "on" + "click=", "on" + "load="} {
		if strings.Contains(page, attr) {
			t.Errorf("the page has %q: it loads nothing and has no inline handlers", attr)
		}
	}
	if want := `var target = "` + appID(t) + `:/callback";`; !strings.Contains(page, want) {
		t.Errorf("the page does not hand over to FyneApp.toml's ID: it lacks %s", want)
	}
}

// regexpCSP finds the page's policy, for the control that goes without it.
var regexpCSP = regexp.MustCompile(`<meta http-equiv="Content-Security-Policy"[^>]*>`)
