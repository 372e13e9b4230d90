package ui

import (
	"errors"
	"fmt"
	"image/color"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/core/account"
)

// Every state of the window, with golden markup (and images of the main
// ones, in the light default theme) under testdata/. Regenerate a golden
// by deleting it and copying testdata/failed/… over after a look.

func TestEmptyState(t *testing.T) {
	h := newHarness(t, &fakeService{})
	c := h.w.win.Canvas()
	wantText(t, c, whatItDoes(), "[Connect to Make]")
	dontWantText(t, c, "Open Settings")
	connect := buttonNamed(t, c, "Connect to Make")
	if connect.Importance != widget.HighImportance {
		t.Error("Connect to Make is not the primary button")
	}
	if c.Focused() != connect {
		t.Errorf("focus is on %v, not Connect to Make: Enter should connect", c.Focused())
	}
	test.AssertRendersToMarkup(t, "empty.xml", c)
	assertImage(t, h, "empty.png")
}

func TestAccountsAreReadOnceTheWindowHasPainted(t *testing.T) {
	svc := &fakeService{stored: []*account.Connected{ada(time.Hour)}}
	h := newHarness(t, svc, unpainted())
	c := h.w.win.Canvas()
	if svc.listCalls() != 0 {
		t.Fatal("the keychain was read before the window's first frame")
	}
	c.Capture() // the first frame
	h.settle()
	if svc.listCalls() != 1 {
		t.Fatalf("the keychain was read %d times after the first frame, want 1", svc.listCalls())
	}
	wantText(t, c, "Ada Lovelace", "Valid")
	c.Capture() // later frames read nothing again
	h.settle()
	if svc.listCalls() != 1 {
		t.Errorf("the keychain was read %d times after two frames, want 1", svc.listCalls())
	}
}

func TestAboutShowsTheVersion(t *testing.T) {
	h := newHarness(t, &fakeService{})
	c := h.w.win.Canvas()
	test.Tap(buttonNamed(t, c, "About"))
	// What make-connect --version prints, and where the accounts are.
	wantText(t, c, config.AppName+" "+config.FullVersion(), config.AppID,
		"keychain under the name "+config.AppID+".")
	if c.Focused() != buttonNamed(t, c, "Close") {
		t.Error("Close does not have the keyboard in the About box")
	}
	test.Tap(buttonNamed(t, c, "Close"))
	dontWantText(t, c, config.AppName+" "+config.FullVersion())
}

func TestNoClientIDLeadsToSettings(t *testing.T) {
	h := newHarness(t, &fakeService{}, withEnv(map[string]string{}))
	c := h.w.win.Canvas()
	wantText(t, c, needsClientID(), "[Open Settings]")
	if hasButton(c, "Connect to Make") {
		t.Error("Connect to Make is offered without a client ID")
	}
	test.AssertRendersToMarkup(t, "no-client-id.xml", c)
	test.Tap(buttonNamed(t, c, "Open Settings"))
	wantText(t, c, "Client ID", "Redirect URI", "[Save]")
}

func TestWaiting(t *testing.T) {
	svc := &fakeService{}
	h := newHarness(t, svc)
	c := h.w.win.Canvas()
	test.Tap(buttonNamed(t, c, "Connect to Make"))
	h.settle()
	a := svc.lastAttempt()
	wantText(t, c, waitingText(), "Make's sign-in page should open in your browser.", "5:00 left",
		"[Cancel]", "[Copy link]", "[Open browser again]", "Paste the address your browser ended on")
	dontWantText(t, c, "has opened")
	if opened := h.browsed(); len(opened) != 1 || opened[0] != "http://127.0.0.1:53682/launch/1" {
		t.Errorf("the browser was sent to %q, want the attempt's launch link once", opened)
	}
	dontWantText(t, c, "s3cr3t") // the link is copied, never shown
	test.AssertRendersToMarkup(t, "waiting.xml", c)

	test.Tap(buttonNamed(t, c, "Copy link"))
	if got := h.app.Clipboard().Content(); got != a.url {
		t.Errorf("clipboard = %q, want the authorize URL", got)
	}
	test.Tap(buttonNamed(t, c, "Open browser again"))
	h.settle()
	if opened := h.browsed(); len(opened) != 2 || opened[1] != "http://127.0.0.1:53682/launch/2" {
		t.Errorf("Open browser again sent the browser to %q, want a new launch link", opened)
	}
}

func TestConnected(t *testing.T) {
	svc := &fakeService{}
	h := newHarness(t, svc)
	c := h.w.win.Canvas()
	test.Tap(buttonNamed(t, c, "Connect to Make"))
	h.settle()
	svc.lastAttempt().complete(ada(time.Hour), nil)
	h.settle()
	wantText(t, c,
		"Connected Ada Lovelace <ada@example.com>.",
		"Ada Lovelace", "ada@example.com (confirmed by Make)",
		"Valid", "· expires 2026-11-25 15:04 CET (in 1h 00m)",
		"Zone: eu1.make.com · Sign-in server: https://www.make.com",
		"Scopes: openid, user:read — as requested; Make did not confirm them",
		"[Reconnect]", "[Copy access token]", "[Disconnect]", "[Connect another account]")
	if c.Focused() != h.w.panels.idle.connect {
		t.Error("after connecting, the keyboard is not back on the connect button")
	}
	test.AssertRendersToMarkup(t, "connected.xml", c)
	assertImage(t, h, "connected.png")
}

func TestConfirmedScopesAreNotMarked(t *testing.T) {
	a := ada(time.Hour)
	a.Scopes, a.ScopesConfirmed = []string{"openid", "user:read", "scenarios:read"}, true
	h := newHarness(t, &fakeService{stored: []*account.Connected{a}})
	wantText(t, h.w.win.Canvas(), "Scopes: openid, user:read, scenarios:read\n")
	dontWantText(t, h.w.win.Canvas(), "did not confirm")
}

func TestExpiringSoon(t *testing.T) {
	h := newHarness(t, &fakeService{stored: []*account.Connected{ada(4*time.Minute + 30*time.Second)}})
	c := h.w.win.Canvas()
	wantText(t, c, "Expiring soon", "(in 4m)", "Its access runs out soon. Press Reconnect")
	if buttonNamed(t, c, "Reconnect").Importance != widget.HighImportance {
		t.Error("Reconnect is not prominent for an account about to expire")
	}
	test.AssertRendersToMarkup(t, "expiring.xml", c)
}

func TestExpired(t *testing.T) {
	h := newHarness(t, &fakeService{stored: []*account.Connected{ada(-3 * time.Minute)}})
	c := h.w.win.Canvas()
	wantText(t, c, "Expired", "· expired 2026-11-25 14:01 CET", "Make gave it no way to renew itself. Press Reconnect")
	dontWantText(t, c, "(in ")
	if !buttonNamed(t, c, "Copy access token").Disabled() {
		t.Error("an expired token can still be copied")
	}
	if h.clock.Pending() != 0 {
		t.Errorf("%d timers run though nothing counts down", h.clock.Pending())
	}
	test.AssertRendersToMarkup(t, "expired.xml", c)
	assertImage(t, h, "expired.png")
}

func TestErrorDialog(t *testing.T) {
	svc := &fakeService{beginErr: &auth.TokenError{Status: 400, Code: "invalid_request",
		Description: "bad code=SECRETCODE&state=SECRETSTATE, token eyJhbGciOi.eyJzdWIi.sig"}}
	h := newHarness(t, svc)
	c := h.w.win.Canvas()
	test.Tap(buttonNamed(t, c, "Connect to Make"))
	h.settle()
	wantText(t, c, "Could not start connecting", "Make refused the sign-in.", "Technical details", "[Copy details]\n[Close]")
	dontWantText(t, c, "invalid_request") // the details are closed until asked for
	test.AssertRendersToMarkup(t, "error.xml", c)

	var details *widget.Button
	visible(c, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Technical details" {
			details = b
		}
	})
	test.Tap(details)
	wantText(t, c, "invalid_request")
	test.Tap(buttonNamed(t, c, "Copy details"))
	copied := h.app.Clipboard().Content()
	for _, secret := range []string{"SECRETCODE", "SECRETSTATE", "eyJhbGciOi"} {
		if strings.Contains(copied, secret) || strings.Contains(screenText(c), secret) {
			t.Errorf("the details show or copy %q: %q", secret, copied)
		}
	}
	if !strings.Contains(copied, "invalid_request") {
		t.Errorf("copied details %q lack the error", copied)
	}
	test.Tap(buttonNamed(t, c, "Close"))
	if len(c.Overlays().List()) != 0 {
		t.Error("Close left the dialog open")
	}
	wantText(t, c, "[Connect to Make]")
}

func TestKeychainFailureIsReported(t *testing.T) {
	h := newHarness(t, &fakeService{listErr: errors.New("the system keychain did not answer within 10 s")})
	c := h.w.win.Canvas()
	wantText(t, c, "Your accounts could not be read from the system keychain.", "[Details]")
	test.Tap(buttonNamed(t, c, "Details"))
	wantText(t, c, "Technical details")
}

func TestSettingsShowsEnvironmentOverrides(t *testing.T) {
	h := newHarness(t, &fakeService{}, withEnv(map[string]string{
		config.EnvClientID: "from-env", config.EnvZone: "us2.make.com", config.EnvIssuer: "http://127.0.0.1:8787",
	}))
	c := h.w.win.Canvas()
	test.Tap(buttonNamed(t, c, "Settings"))
	wantText(t, c, "from-env", "us2.make.com",
		"Set by MAKE_CONNECT_CLIENT_ID in the environment, which overrides this setting.",
		"Set by MAKE_CONNECT_ZONE in the environment, which overrides this setting.",
		"Also set: MAKE_CONNECT_ISSUER=http://127.0.0.1:8787 (in the environment)")
	// What the environment sets is text, not a field that cannot be typed in.
	for _, v := range []string{"from-env", "us2.make.com"} {
		if _, ok := showing(c, v).(*widget.Label); !ok {
			t.Errorf("%q shows in a %T, want text", v, showing(c, v))
		}
	}
	if c.Focused() != buttonNamed(t, c, "Cancel") {
		t.Errorf("the keyboard is on %T, want Cancel: the client ID cannot be changed", c.Focused())
	}
	test.AssertRendersToMarkup(t, "settings-env.xml", c)
}

// assertImage compares the window with a golden image in the light theme.
func assertImage(t *testing.T, h *harness, name string) {
	t.Helper()
	h.app.Settings().SetTheme(lightTheme{theme.DefaultTheme()})
	content := h.w.win.Content()
	// At its own size from the start: laid out narrower first, wrapped
	// labels would keep the height of their narrow layout.
	test.AssertObjectRendersToImage(t, name, container.NewGridWrap(content.Size(), content))
}

// lightTheme is the default theme in its light variant, whatever the
// test app's settings say, for images a person can look at.
type lightTheme struct{ fyne.Theme }

func (l lightTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return l.Theme.Color(n, theme.VariantLight)
}

// TestAboutShowsTheLicences: About's Licences opens the notices the app
// carries, which scroll: the first lines show, the last one is reached.
func TestAboutShowsTheLicences(t *testing.T) {
	h := newHarness(t, &fakeService{})
	lines := []string{"Make Connect is free software under the licence below.", "MIT License"}
	for i := range 500 {
		lines = append(lines, fmt.Sprintf("notice line %d", i))
	}
	h.w.opts.Notices = strings.Join(lines, "\n") + "\n"
	c := h.w.win.Canvas()
	test.Tap(buttonNamed(t, c, "About"))
	test.Tap(buttonNamed(t, c, "Licences"))
	wantText(t, c, "Make Connect is free software under the licence below.", "MIT License")
	var list *widget.List
	visible(c, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.List); ok {
			list = l
		}
	})
	if list == nil || list.Length() != len(lines) {
		t.Fatalf("no list of %d lines", len(lines))
	}
	list.ScrollToBottom()
	wantText(t, c, "notice line 499")
}

// An organization's policy names itself in the header, Settings and About,
// locks what it sets with the words that say so, offers only the zones it
// allows, and takes Copy access token away.
func TestPolicyLocksSettingsAndTakesCopyAway(t *testing.T) {
	policy, err := config.ParsePolicyJSON("/etc/make-connect/policy.json", []byte(`{
		"ManagedByOrganization": "Example Ltd", "Zone": "eu2.make.com",
		"AllowedZones": ["eu2.make.com", "us2.make.com"], "DisableTokenCopy": true}`))
	if err != nil {
		t.Fatal(err)
	}
	svc := &fakeService{stored: []*account.Connected{ada(time.Hour)}, token: "eyJ.the-access-token"}
	h := newHarness(t, svc, withPolicy(policy), withEnv(map[string]string{config.EnvZone: "us1.make.com"}))
	c := h.w.win.Canvas()
	wantText(t, c, "Managed by Example Ltd", "Reconnect")
	if hasButton(c, "Copy access token") {
		t.Error("DisableTokenCopy left Copy access token on the card")
	}
	test.Tap(buttonNamed(t, c, "Settings"))
	wantText(t, c, "Set by your organization (Zone in /etc/make-connect/policy.json); it cannot be changed here.",
		"Your organization's policy: AllowedZones: eu2.make.com, us2.make.com (/etc/make-connect/policy.json)",
		"MAKE_CONNECT_ZONE in the environment is ignored: your organization's policy sets it (Zone in /etc/make-connect/policy.json).")
	if _, ok := showing(c, "eu2.make.com").(*widget.Label); !ok {
		t.Errorf("the zone shows in a %T, want eu2.make.com as text: it is locked", showing(c, "eu2.make.com"))
	}
	test.Tap(buttonNamed(t, c, "Cancel"))
	test.Tap(buttonNamed(t, c, "About"))
	wantText(t, c, "Your organization's policy sets some settings")
}

// A policy that cannot be read is said, with its source, instead of
// connecting under settings the organization did not mean; a key of it
// that cannot be used is said too, and stops connecting alone.
func TestPolicyThatCannotBeReadIsSaid(t *testing.T) {
	for _, tc := range []struct{ name, body, says string }{
		{"not JSON", `{"MaxAccounts": `, "Your organization's policy for Make Connect cannot be used, so nothing was done " +
			"(/etc/make-connect/policy.json: it is not a JSON object of policies: unexpected EOF). Ask whoever manages this computer to correct it."},
		{"a key that cannot be used", `{"MaxAccounts": "two"}`, "Your organization's policy has a value Make Connect cannot use, MaxAccounts, " +
			"so no account can be connected until it is corrected (MaxAccounts in /etc/make-connect/policy.json: it must be a whole number from 1 to 1000, not a text). " +
			"Ask whoever manages this computer to correct it."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := config.ParsePolicyJSON("/etc/make-connect/policy.json", []byte(tc.body))
			h := newHarness(t, &fakeService{}, func(h *harness) { h.policy, h.policyErr = p, err })
			c := h.w.win.Canvas()
			wantText(t, c, tc.says)
			if hasButton(c, "Connect to Make") || hasButton(c, "Open Settings") {
				t.Error("the window offers to connect, or Settings, under a policy that cannot be used")
			}
		})
	}
}
