package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/config"
)

// settingsControls finds the Settings dialog's entries and checks.
func settingsControls(t *testing.T, c fyne.Canvas) (entries []*widget.Entry, checks map[string]*widget.Check) {
	t.Helper()
	checks = map[string]*widget.Check{}
	visible(c, func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Entry:
			entries = append(entries, v)
		case *widget.Check:
			checks[v.Text] = v
		}
	})
	if len(entries) != 3 {
		t.Fatalf("found %d entries in Settings, want client ID, other scopes and redirect URI", len(entries))
	}
	return entries, checks
}

func TestSettingsValidation(t *testing.T) {
	svc := &fakeService{}
	h := newHarness(t, svc, withEnv(map[string]string{}))
	c := h.w.win.Canvas()
	test.Tap(buttonNamed(t, c, "Open Settings"))
	entries, checks := settingsControls(t, c)
	clientID, other, redirect := entries[0], entries[1], entries[2]
	if c.Focused() != clientID {
		t.Error("the client ID field does not have the keyboard")
	}
	test.Tap(checks["openid"])
	test.Tap(checks["user:read"])
	test.Tap(checks["organizations:read"])
	test.Type(other, `bad"scope`)
	redirect.SetText("http://localhost:8080/callback")
	test.Tap(buttonNamed(t, c, "Save"))

	wantText(t, c,
		"Enter the client ID Make gave your organisation for this app.",
		`"bad\"scope" is not a scope`,
		"uses localhost: use http://127.0.0.1 instead (RFC 8252 §8.3).")
	test.AssertRendersToMarkup(t, "settings-invalid.xml", c)
	if len(h.savedSettings()) != 0 {
		t.Error("invalid settings were saved")
	}

	other.SetText("")
	test.Tap(buttonNamed(t, c, "Save"))
	wantText(t, c, "None chosen", "Choose at least one scope.")
	dontWantText(t, c, "is not a scope")
	test.Tap(checks["scenarios:read"])
	test.Tap(buttonNamed(t, c, "Save"))
	wantText(t, c, "Chosen: scenarios:read", "Choose openid or user:read, so Make Connect can tell who connected.")

	test.Type(clientID, "my-client")
	test.Tap(checks["openid"])
	redirect.SetText("http://127.0.0.1:53682/callback")
	redirect.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter saves, as Save does
	h.settle()

	if len(c.Overlays().List()) != 0 {
		t.Fatalf("Settings stayed open after a valid save:\n%s", screenText(c))
	}
	saved := h.savedSettings()
	for key, want := range map[string]string{
		config.EnvClientID: "my-client", config.EnvScopes: "openid scenarios:read",
		config.EnvZone: "eu1.make.com", config.EnvRedirectURI: "http://127.0.0.1:53682/callback",
	} {
		if got := saved[key]; got != want {
			t.Errorf("saved %s = %q, want %q", key, got, want)
		}
	}
	if svc.cfg.Auth.ClientID != "my-client" || svc.cfg.Auth.RedirectURI != "http://127.0.0.1:53682/callback" {
		t.Errorf("the service was not rebuilt with the new settings: %+v", svc.cfg.Auth)
	}
	wantText(t, c, "Settings saved.", "[Connect to Make]")
	if c.Focused() != h.w.idle.connect {
		t.Error("after saving a client ID, Connect to Make does not have the keyboard")
	}
}

// TestSavedSettingsAreUsedAndEnvironmentWins also moves the settings an
// earlier version kept in Fyne's preferences to the file every command
// reads.
func TestSavedSettingsAreUsedAndEnvironmentWins(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetString("settings.clientID", "saved-client")
	a.Preferences().SetString("settings.zone", "us1.make.com")
	env := map[string]string{config.EnvZone: "eu2.make.com", config.EnvConfigDir: t.TempDir()}
	s := newSettingsStore(a.Preferences(), func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	cfg, err := s.load()
	if err != nil {
		t.Fatal(err)
	}
	saved, err := config.ReadSettings(env[config.EnvConfigDir])
	if err != nil || saved[config.EnvClientID] != "saved-client" || saved[config.EnvZone] != "us1.make.com" {
		t.Errorf("the settings file holds %v (%v), want the preferences' settings", saved, err)
	}
	if a.Preferences().String("settings.clientID") != "" {
		t.Error("the old preference was left behind")
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
	test.Tap(buttonNamed(t, c, "Open Settings"))
	test.Tap(buttonNamed(t, c, "Save"))
	wantText(t, c, "Refusing the issuer http://make.example.com: it must use https (set by MAKE_CONNECT_ISSUER in the environment).")
	if len(c.Overlays().List()) == 0 {
		t.Error("Settings closed though the issuer cannot be used")
	}
	if len(h.savedSettings()) != 0 {
		t.Error("settings were saved despite the issuer")
	}
}
