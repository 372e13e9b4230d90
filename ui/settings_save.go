package ui

import (
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/words/explain"
)

// save checks every setting, shows each problem next to its field and
// scrolls to the first, and only when there are none stores them (off the
// UI goroutine) and applies them.
func (f *settingsForm) save() {
	s := f.store
	values := f.current()
	problems := f.check(values)
	f.showProblems(problems)
	if len(problems) > 0 {
		return
	}
	// Only what the person changed is written: a default the form showed
	// is not a choice, and stays free to follow a new version's.
	for env, v := range values {
		if v == f.shown[env] {
			delete(values, env)
		}
	}
	f.saveButton.Disable()
	f.bridge.background(func() func() {
		err := s.save(values)
		return func() {
			f.saveButton.Enable()
			if err != nil {
				f.showProblems(map[string]string{"": explain.Plain(err, explain.Window)})
				return
			}
			f.d.Hide()
			f.saved(!slices.Equal(f.before, f.scopes.selected()) && !s.overridden(config.EnvScopes))
		}
	})
}

// current is what the fields say, by environment variable, without those
// the environment or the policy decides.
func (f *settingsForm) current() map[string]string {
	values := map[string]string{
		config.EnvClientID:    strings.TrimSpace(f.clientID.Text),
		config.EnvZone:        f.zone.Selected,
		config.EnvScopes:      strings.Join(f.scopes.selected(), " "),
		config.EnvRedirectURI: strings.TrimSpace(f.redirect.Text),
		config.EnvCAFile:      strings.TrimSpace(f.caFile.Text),
	}
	for env := range values {
		if f.store.overridden(env) {
			delete(values, env)
		}
	}
	return values
}

// showProblems puts each problem beside its field, hides the others, and
// scrolls to the first.
func (f *settingsForm) showProblems(problems map[string]string) {
	for env, l := range f.problems {
		l.SetText(problems[env])
		show(l, problems[env] != "")
		// The field itself is marked too, until it is typed in.
		if e, ok := f.controls[env].(*entry); ok {
			var err error
			if problems[env] != "" {
				err = errors.New(problems[env])
			}
			e.SetValidationError(err)
		}
	}
	if len(problems) > 0 {
		f.scrollToFirst(problems)
	}
}

// check returns what is wrong with values, by the environment variable of
// the field it is about ("" for a setting the form does not show): every
// problem config finds at once, and the form's own.
func (f *settingsForm) check(values map[string]string) map[string]string {
	s := f.store
	cfg, err := s.resolve(f.values, values)
	problems := map[string]string{}
	for _, p := range cfg.Validate(err, s.getenv) {
		var bad *config.SettingError
		switch {
		case errors.As(p, &bad) && f.problems[bad.Env] != nil:
			if problems[bad.Env] == "" {
				problems[bad.Env] = explain.Problem(bad.Err) // beside its field
			}
		case problems[""] == "":
			problems[""] = explain.Plain(p, explain.Window) // set elsewhere: says where
		}
	}
	if strings.TrimSpace(cfg.Auth.ClientID) == "" {
		problems[config.EnvClientID] = lang.L("Enter the client ID Make gave your organization for this app.")
	}
	scopes := cfg.Auth.Scopes // what the environment sets, when it does
	if !s.overridden(config.EnvScopes) {
		scopes = f.scopes.selected() // none would mean the defaults to config.Load
	}
	if p := scopeProblem(scopes); p != "" {
		problems[config.EnvScopes] = p
	}
	return problems
}

// scrollToFirst scrolls the dialog to the first field with a problem, so
// the person sees what to change even when it is below the fold, and
// gives that field the keyboard.
func (f *settingsForm) scrollToFirst(problems map[string]string) {
	defer func() {
		for _, env := range fieldOrder {
			if problems[env] == "" {
				continue
			}
			if c, ok := f.controls[env].(fyne.Focusable); ok {
				if d, ok := c.(fyne.Disableable); !ok || !d.Disabled() {
					f.canvas.Focus(c)
				}
			}
			return
		}
	}()
	content := f.scroll.Content.(*fyne.Container)
	content.Refresh() // lays out the problem lines just shown
	f.scroll.Refresh()
	for _, env := range fieldOrder {
		if problems[env] == "" {
			continue
		}
		y := f.fields[env].Position().Y
		if env != "" {
			y += content.Objects[0].Position().Y // the form, in the content
		}
		f.scroll.ScrollToOffset(fyne.NewPos(0, y))
		return
	}
}
