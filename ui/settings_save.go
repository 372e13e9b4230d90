package ui

import (
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/config"
	"github.com/make-connect/make-connect/explain"
)

// save checks every setting, shows each problem next to its field and
// scrolls to the first, and only when there are none stores them (off the
// UI goroutine) and applies them.
func (f *settingsForm) save() {
	s := f.store
	values := map[string]string{
		config.EnvClientID:    strings.TrimSpace(f.clientID.Text),
		config.EnvZone:        f.zone.Selected,
		config.EnvScopes:      strings.Join(f.scopes.selected(), " "),
		config.EnvRedirectURI: strings.TrimSpace(f.redirect.Text),
		config.EnvCAFile:      strings.TrimSpace(f.caFile.Text),
	}
	for env := range values {
		if s.overridden(env) {
			delete(values, env)
		}
	}
	problems := f.check(values)
	f.showProblems(problems)
	if len(problems) > 0 {
		return
	}
	f.saveButton.Disable()
	f.bridge.background(func() func() {
		err := s.save(values)
		return func() {
			f.saveButton.Enable()
			if err != nil {
				f.showProblems(map[string]string{"": explain.Sentence(err.Error())})
				return
			}
			f.d.Hide()
			f.saved(!slices.Equal(f.before, f.scopes.selected()) && !s.overridden(config.EnvScopes))
		}
	})
}

// showProblems puts each problem beside its field, hides the others, and
// scrolls to the first.
func (f *settingsForm) showProblems(problems map[string]string) {
	for env, l := range f.problems {
		l.SetText(problems[env])
		show(l, problems[env] != "")
	}
	if len(problems) > 0 {
		f.scrollToFirst(problems)
	}
}

// check returns what is wrong with values, by the environment variable of
// the field it is about ("" for a setting the form does not show).
func (f *settingsForm) check(values map[string]string) map[string]string {
	s := f.store
	cfg, err := s.resolve(f.values, values)
	problems := map[string]string{}
	blame := func(err error) {
		var bad *config.SettingError
		switch {
		case errors.As(err, &bad) && f.problems[bad.Env] != nil:
			problems[bad.Env] = explain.Sentence(bad.Err.Error()) // beside its field
		case err != nil:
			problems[""] = explain.Sentence(err.Error()) // set elsewhere: says where
		}
	}
	blame(err)
	if err == nil {
		// The CA file is read only when the client is built.
		_, err := cfg.HTTPClient(s.getenv, nil)
		blame(err)
	}
	if strings.TrimSpace(cfg.Auth.ClientID) == "" {
		problems[config.EnvClientID] = "Enter the client ID Make gave your organization for this app."
	}
	scopes := cfg.Auth.Scopes // what the environment sets, when it does
	if !s.overridden(config.EnvScopes) {
		scopes = f.scopes.selected() // none would mean the defaults to config.Load
	}
	if p := scopeProblem(scopes); p != "" {
		problems[config.EnvScopes] = p
	}
	// Loading stops at the first setting that cannot work; the redirect URI
	// is checked on its own too, so every field's problem shows at once.
	if err := auth.CheckRedirectURI(cfg.Auth.RedirectURI); err != nil {
		problems[config.EnvRedirectURI] = explain.Sentence(err.Error())
	}
	return problems
}

// scrollToFirst scrolls the dialog to the first field with a problem, so
// the person sees what to change even when it is below the fold.
func (f *settingsForm) scrollToFirst(problems map[string]string) {
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
