package ui

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
)

// settingsForm is the open Settings dialog's controls.
type settingsControls struct {
	clientID, scopes, redirect, caFile *entry
	presets                            *radioList
}

// openedSettings finds the Settings dialog's controls; a setting the
// environment or a policy sets shows no field (its control is nil).
func openedSettings(t *testing.T, c fyne.Canvas) settingsControls {
	t.Helper()
	var f settingsControls
	// Hidden ones too: the scopes' field hides while a preset is chosen.
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *entry:
			switch {
			case v.MultiLine:
				f.scopes = v
			case v.PlaceHolder == auth.DefaultRedirectURI:
				f.redirect = v
			case v.PlaceHolder == "None: only the system's certificates":
				f.caFile = v
			default:
				f.clientID = v
			}
		case *radioList:
			f.presets = v
		case *fyne.Container:
			for _, child := range v.Objects {
				walk(child)
			}
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(v).Objects() {
				walk(child)
			}
		}
	}
	walk(c.Overlays().Top())
	if f.scopes == nil || f.presets == nil {
		t.Fatal("Settings has no scopes, or no scope presets")
	}
	return f
}

func TestSettingsValidation(t *testing.T) {
	svc := &fakeService{}
	h := newHarness(t, svc, withEnv(map[string]string{}))
	c := h.w.win.Canvas()
	test.Tap(buttonNamed(t, c, "Open Settings"))
	f := openedSettings(t, c)
	if c.Focused() != f.clientID {
		t.Error("the client ID field does not have the keyboard")
	}
	if f.presets.Selected != "Who I am" || f.scopes.Text != "openid user:read organizations:read" || !f.scopes.Disabled() {
		t.Errorf("scopes start at %q (%q, editable %v), want the Who I am preset", f.presets.Selected, f.scopes.Text, !f.scopes.Disabled())
	}
	// A preset's scopes are text, not a disabled field: a field would take
	// the mouse wheel and the dialog would stop scrolling under the pointer.
	if f.scopes.Visible() {
		t.Error("the preset's scopes show in a field")
	}
	wantText(t, c, "openid user:read organizations:read")
	f.presets.SetSelected("Custom")
	if !f.scopes.Visible() || f.scopes.Disabled() {
		t.Fatal("Custom does not let the scopes be typed")
	}
	f.scopes.SetText(`openid bad"scope`)
	f.redirect.SetText("http://localhost:8080/callback")
	f.caFile.SetText(filepath.Join(t.TempDir(), "missing-ca.pem"))
	test.Tap(buttonNamed(t, c, "Save"))

	// Every problem at once, each beside its field, the first with the
	// keyboard.
	wantText(t, c,
		"Enter the client ID Make gave your organization for this app.",
		`“bad"scope” is not a scope: scopes are written without quotes, backslashes or other special characters.`,
		"Write http://127.0.0.1 instead of localhost in the redirect URI: the name localhost can be sent elsewhere.",
		"missing-ca.pem")
	if c.Focused() != f.clientID {
		t.Errorf("the keyboard is on %T, not the first field with a problem", c.Focused())
	}
	f.caFile.SetText("")
	test.Tap(buttonNamed(t, c, "Save"))
	test.AssertRendersToMarkup(t, "settings-invalid.xml", c)
	if len(h.savedSettings()) != 0 {
		t.Error("invalid settings were saved")
	}

	f.scopes.SetText("")
	test.Tap(buttonNamed(t, c, "Save"))
	wantText(t, c, "Enter at least one scope.")
	dontWantText(t, c, "is not a scope")
	f.scopes.SetText("scenarios:read")
	test.Tap(buttonNamed(t, c, "Save"))
	wantText(t, c, "Include openid or user:read, so Make Connect can tell who connected.")

	test.Type(f.clientID, "my-client")
	f.presets.SetSelected("Run scenarios")
	f.redirect.SetText("http://127.0.0.1:53682/callback")
	f.redirect.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter saves, as Save does
	h.settle()

	if len(c.Overlays().List()) != 0 {
		t.Fatalf("Settings stayed open after a valid save:\n%s", screenText(c))
	}
	saved := h.savedSettings()
	// What the person changed, and nothing else: the zone and CA file
	// they left as shown are not written, as if chosen.
	for key, want := range map[string]string{
		config.EnvClientID: "my-client", config.EnvScopes: "openid user:read organizations:read scenarios:read scenarios:run",
		config.EnvRedirectURI: "http://127.0.0.1:53682/callback",
	} {
		if got := saved[key]; got != want {
			t.Errorf("saved %s = %q, want %q", key, got, want)
		}
	}
	for _, key := range []string{config.EnvZone, config.EnvCAFile} {
		if v, ok := saved[key]; ok {
			t.Errorf("saved %s = %q, which the person did not change", key, v)
		}
	}
	if svc.cfg.Auth.ClientID != "my-client" || svc.cfg.Auth.RedirectURI != "http://127.0.0.1:53682/callback" {
		t.Errorf("the service was not rebuilt with the new settings: %+v", svc.cfg.Auth)
	}
	wantText(t, c, "Settings saved. The new scopes apply when an account is connected or reconnected.", "[Connect to Make]")
	if c.Focused() != h.w.panels.idle.connect {
		t.Error("after saving a client ID, Connect to Make does not have the keyboard")
	}
}

func TestScopePresets(t *testing.T) {
	h := newHarness(t, &fakeService{})
	c := h.w.win.Canvas()
	test.Tap(buttonNamed(t, c, "Settings"))
	f := openedSettings(t, c)
	if got := f.presets.Options; fmt.Sprint(got) != "[Who I am Read everything Run scenarios Custom]" {
		t.Errorf("presets %q", got)
	}
	f.presets.SetSelected("Read everything")
	for _, want := range []string{"openid", "user:read", "organizations:read", "scenarios:read", "connections:read"} {
		if !slices.Contains(strings.Fields(f.scopes.Text), want) {
			t.Errorf("Read everything lacks %s: %q", want, f.scopes.Text)
		}
	}
	if strings.Contains(f.scopes.Text, ":write") || strings.Contains(f.scopes.Text, ":run") {
		t.Errorf("Read everything asks to change things: %q", f.scopes.Text)
	}
	f.presets.SetSelected("Run scenarios")
	if f.scopes.Text != "openid user:read organizations:read scenarios:read scenarios:run" {
		t.Errorf("Run scenarios = %q", f.scopes.Text)
	}
	// Saving what is in use changes no scope, and says nothing of them.
	f.presets.SetSelected("Who I am")
	test.Tap(buttonNamed(t, c, "Save"))
	h.settle()
	wantText(t, c, "Settings saved.")
	dontWantText(t, c, "The new scopes apply")

	// Scopes saved as typed, in another order, still show as their preset.
	saved := h.savedSettings()
	saved[config.EnvScopes] = "scenarios:run openid scenarios:read organizations:read user:read"
	if err := saved.Write(h.env[config.EnvConfigDir]); err != nil {
		t.Fatal(err)
	}
	h.w.applyConfig()
	h.settle()
	test.Tap(buttonNamed(t, c, "Settings"))
	if f := openedSettings(t, c); f.presets.Selected != "Run scenarios" {
		t.Errorf("saved scenario scopes show as %q", f.presets.Selected)
	}
}

// TestCAFileSetting: the CA file is saved like the other settings, a file
// that cannot be used is explained beside its field, scrolled to, and
// the environment's value wins.
func TestCAFileSetting(t *testing.T) {
	h := newHarness(t, &fakeService{})
	c := h.w.win.Canvas()
	test.Tap(buttonNamed(t, c, "Settings"))
	f := openedSettings(t, c)
	missing := filepath.Join(t.TempDir(), "corp-ca.pem")
	f.caFile.SetText(missing)
	test.Tap(buttonNamed(t, c, "Save"))
	wantText(t, c, "There is no CA certificate file "+missing+". Check its name and folder.")
	if h.savedSettings()[config.EnvCAFile] != "" {
		t.Error("a CA file that cannot be used was saved")
	}
	var scroll *container.Scroll
	walkObject(c.Overlays().Top(), func(o fyne.CanvasObject) {
		if s, ok := o.(*container.Scroll); ok && scroll == nil {
			scroll = s
		}
	})
	if scroll == nil || scroll.Offset.Y == 0 {
		t.Error("the dialog did not scroll to the CA file's problem")
	}

	caFile := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caFile, selfSignedCA(t), 0o600); err != nil {
		t.Fatal(err)
	}
	f.caFile.SetText(caFile)
	test.Tap(buttonNamed(t, c, "Save"))
	h.settle()
	if got := h.savedSettings()[config.EnvCAFile]; got != caFile {
		t.Errorf("saved CA file = %q, want %q", got, caFile)
	}
	if h.svc.cfg.CAFile != caFile {
		t.Errorf("the service runs with CA file %q, want %q", h.svc.cfg.CAFile, caFile)
	}

	h.env[config.EnvCAFile] = "/etc/ssl/from-env.pem"
	test.Tap(buttonNamed(t, c, "Settings"))
	if f = openedSettings(t, c); f.caFile != nil {
		t.Errorf("the CA file is a field (%q) while the environment sets it", f.caFile.Text)
	}
	if _, ok := showing(c, "/etc/ssl/from-env.pem").(*widget.Label); !ok {
		t.Errorf("the CA file the environment sets shows in a %T, want text", showing(c, "/etc/ssl/from-env.pem"))
	}
	wantText(t, c, "Set by MAKE_CONNECT_CA_FILE in the environment, which overrides this setting.")
}

// TestSavedSettingsAreUsedAndEnvironmentWins: the window resolves the
// settings file every command reads, under the environment.
func TestSavedSettingsAreUsedAndEnvironmentWins(t *testing.T) {
	env := map[string]string{config.EnvZone: "eu2.make.com", config.EnvConfigDir: t.TempDir()}
	if err := (config.Settings{config.EnvClientID: "saved-client", config.EnvZone: "us1.make.com"}).Write(env[config.EnvConfigDir]); err != nil {
		t.Fatal(err)
	}
	s := newSettingsStore(func(k string) (string, bool) { v, ok := env[k]; return v, ok }, nil)
	l, err := s.load()
	if err != nil {
		t.Fatal(err)
	}
	cfg, saved := l.Config, l.Saved
	if saved[config.EnvClientID] != "saved-client" {
		t.Errorf("read %v, want the file's settings", saved)
	}
	if cfg.Auth.ClientID != "saved-client" {
		t.Errorf("client ID = %q, want the saved one", cfg.Auth.ClientID)
	}
	if cfg.Zone != "eu2.make.com" || cfg.APIBase != "https://eu2.make.com/api/v2" {
		t.Errorf("zone = %q (API %s), want the environment's eu2.make.com", cfg.Zone, cfg.APIBase)
	}
	if !s.overridden(config.EnvZone) || s.overridden(config.EnvClientID) {
		t.Error("overridden() does not follow the environment")
	}
}

func TestZoneChoiceSetsAPIBase(t *testing.T) {
	svc := &fakeService{}
	h := newHarness(t, svc)
	c := h.w.win.Canvas()
	test.Tap(buttonNamed(t, c, "Settings"))
	var zone *widget.Select
	visible(c, func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok {
			zone = s
		}
	})
	if len(zone.Options) != 6 {
		t.Errorf("the zone list has %d zones, want Make's six", len(zone.Options))
	}
	zone.SetSelected("us2.make.com")
	test.Tap(buttonNamed(t, c, "Save"))
	h.settle()
	if svc.cfg.APIBase != "https://us2.make.com/api/v2" {
		t.Errorf("API base = %q after choosing us2.make.com", svc.cfg.APIBase)
	}
}

// TestSettingsReportEnvironmentProblems: a setting only the environment
// makes, here the issuer, is checked too, and stops the save.
func TestSettingsReportEnvironmentProblems(t *testing.T) {
	h := newHarness(t, &fakeService{}, withEnv(map[string]string{
		config.EnvClientID: "x", config.EnvIssuer: "http://make.example.com",
	}))
	c := h.w.win.Canvas()
	dontWantText(t, c, "[Open Settings]") // the idle panel: Settings cannot change the environment
	test.Tap(buttonNamed(t, c, "Settings"))
	test.Tap(buttonNamed(t, c, "Save"))
	wantText(t, c, "Sign-in server (issuer): “http://make.example.com” must start with https://, so that what is sent there is encrypted. (Set by MAKE_CONNECT_ISSUER in the environment.)")
	if len(c.Overlays().List()) == 0 {
		t.Error("Settings closed though the issuer cannot be used")
	}
	if len(h.savedSettings()) != 0 {
		t.Error("settings were saved despite the issuer")
	}
}

// selfSignedCA is a CA certificate in PEM, made for the test.
func selfSignedCA(t *testing.T) []byte {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Test Corp CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

// TestScopesProblemIsOutlined: a scope list that cannot be used rings its
// field in the error colour while the field has the keyboard, as Save
// leaves it (Fyne's own red border shows only without the keyboard); a
// good list takes the ring away.
func TestScopesProblemIsOutlined(t *testing.T) {
	h := newHarness(t, &fakeService{})
	c := h.w.win.Canvas()
	test.Tap(buttonNamed(t, c, "Settings"))
	f := openedSettings(t, c)
	f.presets.SetSelected("Custom")
	f.scopes.SetText(`openid bad"scope`)
	test.Tap(buttonNamed(t, c, "Save"))
	if c.Focused() != f.scopes {
		t.Fatalf("the keyboard is on %q, not in the scopes with the problem", controlName(c.Focused()))
	}
	if !f.scopes.problem.Visible() {
		t.Error("the scopes field with a problem has no error outline")
	}
	f.scopes.SetText("openid")
	test.Tap(buttonNamed(t, c, "Save"))
	h.settle()
	if f.scopes.problem.Visible() {
		t.Error("the error outline stays after the problem was put right")
	}
}

// TestSettingsRedirectKinds: Settings takes each of the three kinds of
// redirect URI and says, beside the field, which rule a value breaks.
func TestSettingsRedirectKinds(t *testing.T) {
	cases := []struct{ value, says string }{
		{"com.makeconnect.app:/callback", ""},
		{"https://intranet.example/make-connect/callback", ""},
		{"http://127.0.0.1:53682/callback", ""},
		{"com.makeconnect.app://callback", "Write the app's scheme with a single slash after the colon, such as com.makeconnect.app:/callback."},
		{"ftp://intranet.example/cb", "The redirect URI must be one of three kinds"},
		{"https://intranet.example/cb#x", "The redirect URI must not have anything after a ? or #."},
	}
	for _, tc := range cases {
		t.Run(tc.value, func(t *testing.T) {
			h := newHarness(t, &fakeService{}, withEnv(map[string]string{config.EnvClientID: "my-client"}))
			c := h.w.win.Canvas()
			test.Tap(buttonNamed(t, c, "Settings"))
			f := openedSettings(t, c)
			f.redirect.SetText(tc.value)
			test.Tap(buttonNamed(t, c, "Save"))
			h.settle()
			if tc.says != "" {
				wantText(t, c, tc.says)
				if len(h.savedSettings()) != 0 {
					t.Error("a redirect URI that cannot work was saved")
				}
				return
			}
			if got := h.savedSettings()[config.EnvRedirectURI]; got != tc.value {
				t.Errorf("saved %q, want %q:\n%s", got, tc.value, screenText(c))
			}
		})
	}
}
