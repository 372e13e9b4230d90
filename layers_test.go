package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"reflect"
	"strings"
	"testing"

	"github.com/make-connect/make-connect/auth"
)

// The layers of the app, top to bottom, by where a package lives. A
// package's layer decides what it may import: arrows point down (faces →
// core → adapters → platform helpers), and the few sideways arrows that
// are allowed are named in forbidden below.
const (
	layerProgram  = "program"  // package main: wires the faces to the app
	layerFace     = "face"     // ui/, cli/: show what the core reports
	layerApp      = "app"      // internal/app: the one composition root
	layerWords    = "words"    // internal/words: the sentences a person reads
	layerCore     = "core"     // internal/core: the account model, the session, the doctor
	layerProtocol = "protocol" // auth/: OAuth and OpenID Connect
	layerAdapter  = "adapter"  // internal/adapters: the keychain, Make's API, the configuration
	layerPlatform = "platform" // internal/platform: small helpers over the OS and the network
	layerTestkit  = "testkit"  // internal/testkit: what tests start (never shipped)
)

// layerOf is the layer of an import path of this module, and "" for any
// other (the standard library, third-party modules).
func layerOf(module, path string) string {
	rel, ok := strings.CutPrefix(path, module)
	if !ok || rel != "" && rel[0] != '/' {
		return ""
	}
	rel = strings.TrimPrefix(rel, "/")
	top, _, _ := strings.Cut(rel, "/")
	switch {
	case rel == "":
		return layerProgram
	case top == "ui" || top == "cli":
		return layerFace
	case top == "auth":
		return layerProtocol
	case top == "assets":
		return layerPlatform
	case top == "packaging" || top == "scripts":
		return layerTestkit // their Go files are checks and test programs
	case strings.HasPrefix(rel, "internal/app"):
		return layerApp
	case strings.HasPrefix(rel, "internal/words/"):
		return layerWords
	case strings.HasPrefix(rel, "internal/core/"):
		return layerCore
	case strings.HasPrefix(rel, "internal/adapters/"):
		return layerAdapter
	case strings.HasPrefix(rel, "internal/platform/"):
		return layerPlatform
	case strings.HasPrefix(rel, "internal/testkit/"):
		return layerTestkit
	}
	return "unplaced"
}

// forbidden says why the arrow from → to breaks the layering, or "" when
// it is allowed. from and to are import paths of this module.
func forbidden(module, from, to string) string {
	lf, lt := layerOf(module, from), layerOf(module, to)
	rel := func(p string) string { return strings.TrimPrefix(strings.TrimPrefix(p, module), "/") }
	switch {
	case lf == "unplaced":
		return "the package is in no layer: put it under internal/core, adapters, words, platform or app"
	case lt == layerProgram:
		return "nothing imports the program"
	case lt == layerTestkit && lf != layerTestkit:
		return "only tests use the test kit" // checked for non-test imports only; see below
	case lf == layerFace && (lt == layerAdapter && rel(to) != "internal/adapters/config" || lt == layerPlatform && rel(to) != "internal/platform/sanitize"):
		// (config: a face shows and saves settings; sanitize: every face
		// prints server text through it.)
		return "a face reaches a store, Make's API or a platform helper directly: ask the core, or let internal/app hand it over"
	case lf == layerFace && lt == layerFace:
		return "one face imports another"
	case lf == layerApp && lt == layerFace:
		return "the composition root imports a face: faces take what it builds"
	case lf == layerWords && (lt == layerFace || lt == layerApp):
		return "the words import a face or the wiring"
	case lf == layerCore && (lt == layerFace || lt == layerApp || lt == layerWords):
		return "the core imports a face, the wiring or the words: it reports data, the faces word it"
	case (lf == layerAdapter || lf == layerProtocol) && (lt == layerCore || lt == layerFace || lt == layerApp || lt == layerWords):
		return "an adapter imports the core, a face, the wiring or the words: arrows point down"
	case rel(from) == "internal/adapters/config" && (lt == layerProtocol || rel(to) == "internal/adapters/makeapi"):
		return "the configuration imports the protocol or Make's API: a setting's check lives with the setting"
	case lf == layerPlatform && lt != layerPlatform && lt != "":
		return "a platform helper imports something above it"
	}
	return ""
}

// forbiddenInTest is forbidden for an arrow from a package's tests. Tests
// may use the test kit, and a face's tests may import
// internal/platform/earlylocale: a face's test binary shows Fyne's words
// as the program does, so it needs earlylocale's init to run before Fyne's
// as main's import makes it run in the program (else every run under
// LANG=C.UTF-8 prints "Fyne error: Error parsing user locale C").
func forbiddenInTest(module, from, to string) string {
	switch {
	case layerOf(module, to) == layerTestkit:
		return ""
	case layerOf(module, from) == layerFace && to == module+"/internal/platform/earlylocale":
		return ""
	}
	return forbidden(module, from, to)
}

// TestLayers keeps the arrows pointing down, for every package of the app
// and its tests: a face never reaches a store, Make's API or a platform
// helper, the core never a face, an adapter never the core, config never
// auth. The failure names the arrow and why it is wrong.
func TestLayers(t *testing.T) {
	const module = "github.com/make-connect/make-connect"
	out, err := exec.Command("go", "list", "-e", "-tags", "", "-f",
		"{{.ImportPath}}\t{{join .Imports \" \"}}\t{{join .TestImports \" \"}} {{join .XTestImports \" \"}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	arrows := 0
	for sc := bufio.NewScanner(bytes.NewReader(out)); sc.Scan(); {
		from, rest, _ := strings.Cut(sc.Text(), "\t")
		imports, testImports, _ := strings.Cut(rest, "\t")
		for _, set := range []struct {
			list string
			test bool
		}{{imports, false}, {testImports, true}} {
			for _, to := range strings.Fields(set.list) {
				if layerOf(module, to) == "" || to == from {
					continue
				}
				arrows++
				why := forbidden(module, from, to)
				if set.test {
					why = forbiddenInTest(module, from, to)
				}
				if why == "" {
					continue
				}
				arrow := strings.TrimPrefix(from, module+"/") + " → " + strings.TrimPrefix(to, module+"/")
				if set.test {
					arrow += " (in a test)"
				}
				t.Errorf("%s: %s", arrow, why)
			}
		}
	}
	if arrows < 50 { // finding no arrow would prove nothing
		t.Fatalf("only %d arrows between the app's packages: go list did not list the app", arrows)
	}
}

// TestLayersNameTheArrow: the rules catch each kind of wrong arrow (and
// TestLayers would name it), and let the right ones through.
func TestLayersNameTheArrow(t *testing.T) {
	const m = "example.com/app"
	cases := []struct {
		from, to string
		wrong    bool
	}{
		{m + "/ui", m + "/internal/adapters/keychain", true},
		{m + "/cli", m + "/internal/adapters/makeapi", true},
		{m + "/ui", m + "/internal/platform/logfile", true},
		{m + "/ui", m + "/internal/platform/earlylocale", true}, // allowed in its tests only
		{m + "/ui", m + "/cli", true},
		{m + "/internal/core/session", m + "/ui", true},
		{m + "/internal/core/accounts", m + "/internal/words/i18n", true},
		{m + "/internal/adapters/keychain", m + "/internal/core/accounts", true},
		{m + "/auth", m + "/internal/core/session", true},
		{m + "/internal/adapters/config", m + "/auth", true},
		{m + "/internal/adapters/config", m + "/internal/adapters/makeapi", true},
		{m + "/internal/platform/httpclient", m + "/auth", true},
		{m + "/internal/app", m + "/ui", true},
		{m + "/internal/stray", m + "/auth", true},
		{m + "", m + "/ui", false},
		{m + "/ui", m + "/internal/app", false},
		{m + "/ui", m + "/internal/core/session", false},
		{m + "/ui", m + "/internal/adapters/config", false},
		{m + "/ui", m + "/internal/words/explain", false},
		{m + "/cli", m + "/internal/platform/sanitize", false},
		{m + "/cli", m + "/internal/platform/webbrowser", true},
		{m + "/internal/core/session", m + "/auth", false},
		{m + "/internal/core/accounts", m + "/internal/adapters/keychain", false},
		{m + "/auth", m + "/internal/platform/httpclient", false},
		{m + "/internal/adapters/keychain", m + "/internal/platform/userdir", false},
		{m + "/internal/app", m + "/internal/platform/logfile", false},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%s→%s", tc.from, tc.to), func(t *testing.T) {
			if why := forbidden(m, tc.from, tc.to); (why != "") != tc.wrong {
				t.Errorf("forbidden = %q, want wrong=%v", why, tc.wrong)
			}
		})
	}
	// Arrows from a package's tests: the exceptions hold there only.
	testCases := []struct {
		from, to string
		wrong    bool
	}{
		{m + "/ui", m + "/internal/platform/earlylocale", false},
		{m + "/cli", m + "/internal/platform/earlylocale", false},
		{m + "/ui", m + "/internal/testkit/sandbox", false},
		{m + "/ui", m + "/internal/platform/logfile", true},
		{m + "/internal/adapters/keychain", m + "/cli", true},
	}
	for _, tc := range testCases {
		t.Run(fmt.Sprintf("%s→%s (in a test)", tc.from, tc.to), func(t *testing.T) {
			if why := forbiddenInTest(m, tc.from, tc.to); (why != "") != tc.wrong {
				t.Errorf("forbiddenInTest = %q, want wrong=%v", why, tc.wrong)
			}
		})
	}
}

// TestAuthReturnsProtocolResultsOnly: what a sign-in or a refresh gives
// (auth.Connection) carries the protocol's results — who issued the tokens
// to which client, the tokens, the verified subject, the scopes, the
// expiry — and nothing Make's API says of the person: that is
// makeapi.Profile, and the account model (internal/core/account) holds
// both. A field outside this list fails here with where it belongs.
func TestAuthReturnsProtocolResultsOnly(t *testing.T) {
	protocol := map[string]bool{
		"Issuer": true, "ClientID": true, "Subject": true,
		"AccessToken": true, "TokenType": true, "RefreshToken": true,
		"Scopes": true, "ScopesConfirmed": true, "ObtainedAt": true, "ExpiresAt": true,
	}
	for f := range reflect.TypeFor[auth.Connection]().Fields() {
		if !protocol[f.Name] {
			t.Errorf("auth.Connection has %s: is it a result of the protocol (RFC 6749, OpenID Connect)? "+
				"If Make's API says it, it belongs in makeapi.Profile", f.Name)
		}
	}
}
