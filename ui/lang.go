package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"github.com/jeandeaual/go-locale"
	"golang.org/x/text/language"

	"github.com/make-connect/make-connect/internal/words/i18n"
)

// UseSystemLanguage makes the window speak the language the system asks
// for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG; the preferred languages on
// macOS and Windows): Fyne's own labels and dialogs, the window's labels
// through lang.L, and explain's sentences and notifications through
// i18n, all from i18n's files. Both pick from the same list of locales,
// read as Fyne reads it, the closest language they have; English where
// none is close. Call it once, before the window is built.
func UseSystemLanguage() error {
	locales, err := locale.GetLocales()
	if err != nil {
		err = fmt.Errorf("read the system's languages: %w", err)
	}
	i18n.Use(locales...)
	// Fyne gets the language chosen, not every file: each costs start-up
	// milliseconds and memory. English needs none: lang.L says a key it
	// has no translation for as it is, and the keys are the English (the
	// window uses no lang.N, whose English plural forms would need
	// en.json; i18n.N has them).
	chosen := language.Make(i18n.Language())
	if chosen == language.English {
		// Nothing to read, but Fyne must choose again: a language chosen
		// before (a test's) would otherwise stay.
		if lerr := lang.AddTranslationsForLocale([]byte("{}"), "en"); lerr != nil && err == nil {
			err = lerr
		}
	} else if lerr := addToFyne(chosen, fyne.Locale(chosen.String())); lerr != nil && err == nil {
		err = lerr
	}
	if chosen == language.BrazilianPortuguese {
		if lerr := addToFyne(chosen, "pt"); lerr != nil && err == nil {
			err = lerr
		}
	}
	return err
}

// addToFyne gives Fyne's lang the app's words of language t, as locale l.
func addToFyne(t language.Tag, l fyne.Locale) error {
	data, err := i18n.FS.ReadFile(i18n.File(t))
	if err == nil {
		err = lang.AddTranslationsForLocale(data, l)
	}
	if err != nil {
		return fmt.Errorf("load the translations: %w", err)
	}
	return nil
}

// For "pt" and "pt_PT" Fyne chooses its own "pt" (European, its dialogs'
// words) while i18n chooses pt-BR (the CLDR's "pt" is Brazilian): Fyne's
// "pt" gets the Brazilian words too, or the window's labels would be
// English beside Portuguese sentences.

// vars fills in a message's {{.Placeholders}}: lang.L("Disconnect
// {{.Name}}?", vars{"Name": …}). A sentence with values is one message,
// never translated pieces put together.
type vars = map[string]any
