package ui

import (
	"errors"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/config"
	"github.com/make-connect/make-connect/makeapi"
)

// settingsForm is the Settings dialog: the client ID, the scopes, the zone
// and the redirect URI, each with a line for why it cannot be saved and a
// line saying when the environment decides it instead. It is given the
// settings store and what to do once saved, not the window.
type settingsForm struct {
	store    *settingsStore
	saved    func() // applies the saved settings
	d        *dialog.CustomDialog
	clientID *widget.Entry
	zone     *widget.Select
	scopes   *scopePicker
	redirect *widget.Entry
	problems map[string]*widget.Label // by environment variable; "" for the form
}

// openSettings shows the Settings dialog.
func (w *Window) openSettings() {
	s, cfg := w.settings, w.setup.cfg
	f := &settingsForm{
		store: s, clientID: widget.NewEntry(), redirect: widget.NewEntry(),
		saved: func() {
			w.applyConfig()
			w.notice.set("Settings saved.", nil)
		},
		zone:     widget.NewSelect(makeapi.Zones, nil),
		scopes:   newScopePicker(cfg.Auth.Scopes),
		problems: map[string]*widget.Label{},
	}
	f.clientID.SetText(s.saved(config.EnvClientID))
	if config.BuiltInClientID != "" {
		f.clientID.SetPlaceHolder("Built in: " + config.BuiltInClientID)
	}
	f.zone.SetSelected(cfg.Zone)
	f.redirect.SetText(cfg.Auth.RedirectURI)
	f.redirect.SetPlaceHolder(auth.DefaultRedirectURI)
	for _, e := range []*widget.Entry{f.clientID, f.redirect, f.scopes.other} {
		e.OnSubmitted = func(string) { f.save() }
	}

	form := container.New(layout.NewFormLayout(),
		widget.NewLabel("Client ID"), f.field(config.EnvClientID, f.clientID, "The ID of the OAuth client your organisation registered with Make."),
		widget.NewLabel("Zone"), f.field(config.EnvZone, f.zone, "Where your Make organisation lives; it is in the address you use, e.g. eu1.make.com."),
		widget.NewLabel("Scopes"), f.field(config.EnvScopes, f.scopes.box, "What tools may do with the account. openid and user:read let Make Connect show who connected."),
		widget.NewLabel("Redirect URI"), f.field(config.EnvRedirectURI, f.redirect, "Where the browser comes back to. Port 0 takes any free port; use a fixed one only if Make registered it."),
	)
	f.problems[""] = problemLabel()
	content := container.NewVBox(form, f.problems[""])
	if others := f.otherOverrides(); others != "" {
		content.Add(wrapped(others))
	}

	f.d = dialog.NewCustomWithoutButtons("Settings", container.NewVScroll(content), w.win)
	cancel := newButton("Cancel", widget.MediumImportance, f.d.Hide)
	save := newButton("Save", widget.HighImportance, f.save)
	f.d.SetButtons([]fyne.CanvasObject{cancel, save})
	size := w.win.Canvas().Size()
	f.d.Resize(fyne.NewSize(min(640, size.Width-16), min(620, size.Height-16)))
	f.d.Show()
	if !f.clientID.Disabled() {
		w.win.Canvas().Focus(f.clientID)
	} else {
		w.win.Canvas().Focus(cancel)
	}
}

// field is a setting's control with its explanation and problem lines.
// When the environment sets it, the control shows that value and is
// disabled, and the explanation says which variable decides.
func (f *settingsForm) field(env string, control fyne.CanvasObject, help string) fyne.CanvasObject {
	if v, ok := f.store.env(env); ok {
		switch c := control.(type) {
		case *widget.Entry:
			c.SetText(v)
			c.Disable()
		case *widget.Select:
			c.Options = append(c.Options, v)
			c.SetSelected(v)
			c.Disable()
		default:
			f.scopes.disable()
		}
		help = "Set by " + env + " in the environment, which overrides this setting."
	}
	note := wrapped(help)
	note.SizeName = theme.SizeNameCaptionText
	f.problems[env] = problemLabel()
	return container.NewVBox(control, note, f.problems[env])
}

func problemLabel() *widget.Label {
	l := wrapped("")
	l.Importance = widget.DangerImportance
	l.Hide()
	return l
}

// otherOverrides lists the settings only the environment can change.
func (f *settingsForm) otherOverrides() string {
	var set []string
	for _, env := range []string{config.EnvIssuer, config.EnvAPIBase, config.EnvKeyringService, config.EnvTimeout} {
		if v, ok := f.store.env(env); ok {
			set = append(set, env+"="+v)
		}
	}
	if len(set) == 0 {
		return ""
	}
	return "Also set by the environment: " + strings.Join(set, ", ")
}

// save checks every setting, shows each problem next to its field, and
// only when there are none stores them and applies them.
func (f *settingsForm) save() {
	s := f.store
	values := map[string]string{
		config.EnvClientID:    strings.TrimSpace(f.clientID.Text),
		config.EnvZone:        f.zone.Selected,
		config.EnvScopes:      strings.Join(f.scopes.selected(), " "),
		config.EnvRedirectURI: strings.TrimSpace(f.redirect.Text),
	}
	for env := range values {
		if s.overridden(env) {
			delete(values, env)
		}
	}
	cfg, err := s.loadWith(values)
	problems := map[string]string{}
	var bad *config.SettingError
	switch {
	case errors.As(err, &bad) && f.problems[bad.Env] != nil:
		problems[bad.Env] = sentence(bad.Err.Error()) // beside its field
	case err != nil:
		problems[""] = sentence(err.Error()) // set elsewhere: says where
	}
	if strings.TrimSpace(cfg.Auth.ClientID) == "" {
		problems[config.EnvClientID] = "Enter the client ID Make gave your organisation for this app."
	}
	scopes := cfg.Auth.Scopes // what the environment sets, when it does
	if !s.overridden(config.EnvScopes) {
		scopes = f.scopes.selected() // none chosen would mean the defaults to config.Load
	}
	if p := scopeProblem(scopes); p != "" {
		problems[config.EnvScopes] = p
	}
	// Loading stops at the first setting that cannot work; the redirect URI
	// is checked on its own too, so every field's problem shows at once.
	if err := auth.CheckRedirectURI(cfg.Auth.RedirectURI); err != nil {
		problems[config.EnvRedirectURI] = sentence(err.Error())
	}
	if len(problems) == 0 {
		if err := s.save(values); err != nil {
			problems[""] = sentence(err.Error())
		}
	}
	for env, l := range f.problems {
		l.SetText(problems[env])
		show(l, problems[env] != "")
	}
	if len(problems) > 0 {
		return
	}
	f.d.Hide()
	f.saved()
}

// sentence starts s with a capital letter and ends it with a full stop.
func sentence(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	s = string(r)
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
