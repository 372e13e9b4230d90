package ui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/words/explain"
)

// scopePreset is a named set of scopes for what people commonly want.
type scopePreset struct {
	name   string
	scopes []string
}

// customScopes is the name of the choice that takes scopes as typed.
func customScopes() string { return lang.L("Custom") }

// scopePresets are the choices, the default first, named in the chosen
// language.
func scopePresets() []scopePreset {
	return []scopePreset{
		{lang.L("Who I am"), auth.DefaultScopes},
		{lang.L("Read everything"), readScopes()},
		{lang.L("Run scenarios"), append(slices.Clone(auth.DefaultScopes), "scenarios:read", "scenarios:run")},
	}
}

// readScopes are openid and every read scope of Make's.
func readScopes() []string {
	out := []string{"openid"}
	for _, s := range config.Scopes {
		if strings.HasSuffix(s, ":read") {
			out = append(out, s)
		}
	}
	return out
}

// presetOf names the preset of presets whose scopes are exactly these, in
// any order; customScopes when none is.
func presetOf(presets []scopePreset, scopes []string) string {
	for _, p := range presets {
		if len(p.scopes) == len(scopes) && !slices.ContainsFunc(scopes, func(s string) bool { return !slices.Contains(p.scopes, s) }) {
			return p.name
		}
	}
	return customScopes()
}

// scopePicker offers the presets and Custom; the field under them shows
// the scopes a preset requests, and takes them as typed for Custom.
type scopePicker struct {
	choices []scopePreset // the presets offered
	presets *radioList
	// scopes holds the scopes; it shows while they are typed (Custom).
	// A preset's, or the environment's, show in fixed instead: a disabled
	// field would still take the mouse wheel, and the dialog would stop
	// scrolling under the pointer.
	scopes *entry
	fixed  *widget.Label
	box    *fyne.Container
	// relayout lays the dialog out again: the field and the text swapped.
	relayout func()
}

func newScopePicker(selected []string) *scopePicker {
	p := &scopePicker{choices: scopePresets(), scopes: newEntry(true), fixed: wrapped(""), relayout: func() {}}
	p.fixed.TextStyle.Monospace = true
	p.scopes.SetMinRowsVisible(2)
	p.scopes.SetPlaceHolder(lang.L("Scopes, separated by spaces"))
	p.scopes.SetText(strings.Join(selected, " "))
	names := []string{}
	for _, preset := range p.choices {
		names = append(names, preset.name)
	}
	p.box = container.NewVBox(p.scopes, p.fixed)
	p.presets = newRadioList(append(names, customScopes()), p.choose)
	p.presets.SetSelected(presetOf(p.choices, selected))
	p.box.Objects = append([]fyne.CanvasObject{p.presets}, p.box.Objects...)
	return p
}

// typed shows the field (the scopes are typed) or the fixed text.
func (p *scopePicker) typed(on bool) {
	enable(p.scopes, on)
	show(p.scopes, on)
	p.fixed.SetText(p.scopes.Text)
	show(p.fixed, !on)
	p.box.Refresh()
	p.relayout()
}

// choose shows the chosen preset's scopes, or lets them be typed.
func (p *scopePicker) choose(name string) {
	i := slices.IndexFunc(p.choices, func(s scopePreset) bool { return s.name == name })
	if i < 0 {
		p.typed(true)
		return
	}
	p.scopes.SetText(strings.Join(p.choices[i].scopes, " "))
	p.typed(false)
}

// selected is the scopes chosen.
func (p *scopePicker) selected() []string { return config.SplitScopes(p.scopes.Text) }

// lock shows the scopes the policy or the environment sets, as text and
// without the presets: none of them can be chosen.
func (p *scopePicker) lock() {
	p.presets.Disable()
	p.presets.Hide()
	p.typed(false)
}

// scopeProblem says what is wrong with a scope list, in plain words; ""
// when nothing is.
func scopeProblem(scopes []string) string {
	if err := config.CheckScopes(scopes); err != nil { // none, or one that cannot be sent
		return explain.Problem(err)
	}
	if !slices.Contains(scopes, "openid") && !slices.Contains(scopes, "user:read") {
		return lang.L("Include openid or user:read, so Make Connect can tell who connected.")
	}
	return ""
}
