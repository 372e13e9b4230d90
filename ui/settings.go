package ui

import (
	"maps"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/words/explain"
)

// settingsForm is the Settings dialog: the client ID, the zone, the
// scopes, the redirect URI and the CA certificate file, each with a line
// for why it cannot be saved and a line saying when the environment
// decides it instead. It is given the settings store and what to do once
// saved, not the window.
type settingsForm struct {
	store      *settingsStore
	bridge     *bridge
	values     config.Settings          // the saved settings, as last read
	saved      func(scopesChanged bool) // applies the saved settings
	d          *dialog.CustomDialog
	scroll     *container.Scroll
	clientID   *entry
	zone       *widget.Select
	scopes     *scopePicker
	redirect   *entry
	caFile     *entry
	before     []string                     // the scopes in use when the dialog opened
	fields     map[string]fyne.CanvasObject // by environment variable, in the form
	problems   map[string]*widget.Label     // by environment variable; "" for the form
	controls   map[string]fyne.CanvasObject // the field's control, by environment variable
	shown      map[string]string            // what each field showed when the dialog opened
	canvas     fyne.Canvas
	win        fyne.Window
	saveButton *button
}

// fieldOrder is the order of the fields, top to bottom, and "" for the
// problem under them.
var fieldOrder = []string{config.EnvClientID, config.EnvZone, config.EnvScopes, config.EnvRedirectURI, config.EnvCAFile, ""}

// openSettings shows the Settings dialog.
func (w *Window) openSettings() {
	s, cfg := w.settings, w.setup.cfg
	f := &settingsForm{
		store: s, bridge: w.bridge, values: w.setup.saved, clientID: newEntry(false), redirect: newEntry(false), caFile: newEntry(false),
		saved: func(scopesChanged bool) {
			w.applyConfig()
			msg := lang.L("Settings saved.")
			if scopesChanged {
				msg += " " + lang.L("The new scopes apply when an account is connected or reconnected.")
			}
			w.notice.set(msg, nil)
		},
		zone:     widget.NewSelect(zoneChoices(cfg.Policy), nil),
		scopes:   newScopePicker(cfg.Auth.Scopes),
		before:   cfg.Auth.Scopes,
		fields:   map[string]fyne.CanvasObject{},
		problems: map[string]*widget.Label{},
		controls: map[string]fyne.CanvasObject{},
		canvas:   w.win.Canvas(),
		win:      w.win,
	}
	f.clientID.SetText(f.values[config.EnvClientID])
	if config.BuiltInClientID != "" {
		f.clientID.SetPlaceHolder(lang.L("Built in: {{.ClientID}}", vars{"ClientID": config.BuiltInClientID}))
	}
	f.zone.SetSelected(cfg.Zone)
	f.redirect.SetText(cfg.Auth.RedirectURI)
	f.redirect.SetPlaceHolder(auth.DefaultRedirectURI)
	f.caFile.SetText(f.values[config.EnvCAFile])
	f.caFile.SetPlaceHolder(lang.L("None: only the system's certificates"))
	for _, e := range []*entry{f.clientID, f.redirect, f.caFile} {
		e.OnSubmitted = func(string) { f.save() }
	}
	for _, e := range []*entry{f.clientID, f.redirect, f.caFile, f.scopes.scopes} {
		e.AlwaysShowValidationError = true // marked when Save finds a problem (showProblems)
	}
	f.shown = f.current()

	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(lang.L("Client ID")), f.field(config.EnvClientID, f.clientID, lang.L("The ID of the OAuth client your organization registered with Make.")),
		widget.NewLabel(lang.L("Zone")), f.field(config.EnvZone, f.zone, lang.L("Where your Make organization lives; it is in the address you use, e.g. eu1.make.com.")),
		widget.NewLabel(lang.L("Scopes")), f.field(config.EnvScopes, f.scopes.box, lang.L("What tools may do with the account. Who I am lets Make Connect show who connected and where their organizations are.")),
		widget.NewLabel(lang.L("Redirect URI")), f.field(config.EnvRedirectURI, f.redirect, lang.L("Where the browser comes back to, as registered with Make: this computer (port 0 takes any free port), this app's scheme {{.Scheme}}, or your organization's https page.", vars{"Scheme": config.SchemeRedirectURI()})),
		widget.NewLabel(lang.L("CA certificate file")), f.field(config.EnvCAFile, f.caFile, lang.L("A PEM file of the certificate authority your network's proxy signs with, if IT gave you one; trusted besides the system's.")),
	)
	f.controls[config.EnvScopes] = f.scopes.scopes // the keyboard goes to the list, not the presets
	f.problems[""] = problemLabel()
	f.fields[""] = f.problems[""]
	content := container.NewVBox(form, f.problems[""])
	if by := cfg.Policy.ManagedBy; by != "" {
		content.Objects = append([]fyne.CanvasObject{widget.NewLabelWithStyle(explain.ManagedBy(by), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}, content.Objects...)
	}
	if others := f.otherOverrides(); others != "" {
		content.Add(wrapped(others))
	}
	for _, rule := range cfg.Policy.Rules() {
		content.Add(wrapped(lang.L("Your organization's policy: {{.Rule}}", vars{"Rule": explain.PolicyRule(rule)})))
	}
	for _, pe := range cfg.Policy.Problems {
		content.Add(wrapped(explain.Plain(pe, explain.Window)))
	}
	for _, note := range cfg.Ignored {
		content.Add(wrapped(explain.IgnoredSetting(note)))
	}

	f.scroll = container.NewVScroll(content)
	f.scopes.relayout = func() { content.Refresh() }
	f.d = dialog.NewCustomWithoutButtons(lang.L("Settings"), f.scroll, w.win)
	cancel := newButton(lang.L("Cancel"), widget.MediumImportance, f.d.Hide)
	save := newButton(lang.L("Save"), widget.HighImportance, f.save)
	f.saveButton = save
	f.d.SetButtons([]fyne.CanvasObject{cancel, save})
	size := w.win.Canvas().Size()
	f.d.Resize(fyne.NewSize(min(640, size.Width-16), min(620, size.Height-16)))
	scrolls[f.scroll] = true
	closed := closeOnEscape(w.win.Canvas(), f.escape)
	f.d.SetOnClosed(func() { closed(); delete(scrolls, f.scroll) })
	f.d.Show()
	if !s.overridden(config.EnvClientID) {
		w.win.Canvas().Focus(f.clientID)
	} else {
		w.win.Canvas().Focus(cancel)
	}
}

// escape is Escape in the dialog: it closes the dialog when nothing was
// changed, and otherwise asks first. Escape is pressed to get out of a
// list or a field as often as to give up, and a form of several fields is
// too much to lose to a key pressed by habit; Cancel, which says what it
// does, discards without asking. In the question Keep editing has the
// keyboard, and Escape again keeps editing too.
func (f *settingsForm) escape() {
	if maps.Equal(f.current(), f.shown) {
		f.d.Hide()
		return
	}
	back := f.canvas.Focused()
	var ask *dialog.CustomDialog
	keep := newButton(lang.L("Keep editing"), widget.HighImportance, func() { ask.Hide() })
	discard := newButton(lang.L("Discard changes"), widget.DangerImportance, func() { ask.Hide(); f.d.Hide() })
	ask = dialog.NewCustomWithoutButtons(lang.L("Discard your changes to the settings?"),
		wrapped(lang.L("You changed settings that are not saved yet. Save them with Save, or discard them.")), f.win)
	ask.SetButtons([]fyne.CanvasObject{discard, keep})
	ask.Resize(fyne.NewSize(min(480, f.canvas.Size().Width-16), 0))
	closed := closeOnEscape(f.canvas, ask.Hide)
	ask.SetOnClosed(func() {
		closed()
		if back != nil && f.canvas.Overlays().Top() != nil {
			f.canvas.Focus(back) // the field the person was in
		}
	})
	ask.Show()
	f.canvas.Focus(keep)
}

// field is a setting's control with its explanation and problem lines.
// When the policy or the environment sets it, its value shows as text in
// the control's place, and the explanation says what decides: a disabled
// control is drawn grey on grey, too faint to read, and would still take
// the mouse wheel from the dialog's scroll.
func (f *settingsForm) field(env string, control fyne.CanvasObject, help string) fyne.CanvasObject {
	if v, why, ok := f.store.locked(env); ok {
		if control == f.scopes.box {
			f.scopes.lock()
		} else {
			control = lockedValue(v)
		}
		help = why
	}
	f.controls[env] = control
	note := wrapped(help)
	note.SizeName = theme.SizeNameCaptionText
	f.problems[env] = problemLabel()
	box := container.NewVBox(control, note, f.problems[env])
	f.fields[env] = box
	return box
}

// lockedValue shows a setting's value that cannot be changed here, in
// the text's own colour, as the scopes a preset requests show.
func lockedValue(v string) *widget.Label {
	l := wrapped(v)
	l.TextStyle.Monospace = true
	return l
}

func problemLabel() *widget.Label {
	l := wrapped("")
	l.Importance = widget.DangerImportance
	l.Hide()
	return l
}

// otherOverrides lists the settings the form does not show that the
// policy or the environment sets.
func (f *settingsForm) otherOverrides() string {
	return explain.AlsoSet(f.store.currentPolicy(), f.store.env)
}

// zoneChoices are the zones the form offers: those the policy allows, or
// all of Make's.
func zoneChoices(p config.Policy) []string {
	if len(p.AllowedZones) > 0 {
		return p.AllowedZones
	}
	return config.Zones
}
