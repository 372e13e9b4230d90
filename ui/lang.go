package ui

import (
	"fmt"

	"fyne.io/fyne/v2/lang"
	"github.com/jeandeaual/go-locale"

	"github.com/make-connect/make-connect/i18n"
)

// UseSystemLanguage makes the window speak the language the system asks
// for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG; the preferred languages on
// macOS and Windows): Fyne's own labels and dialogs, the window's labels
// through lang.L, and explain's sentences and notifications through
// i18n, all from i18n's files. Both pick from the same list of locales,
// read as Fyne reads it, the closest language they have; English where
// none is close. Call it once, before the window is built.
func UseSystemLanguage() error {
	err := lang.AddTranslationsFS(i18n.FS, i18n.Dir)
	if err == nil {
		err = portugueseForFyne()
	}
	if err != nil {
		err = fmt.Errorf("load the translations: %w", err)
	}
	locales, lerr := locale.GetLocales()
	if lerr != nil && err == nil {
		err = fmt.Errorf("read the system's languages: %w", lerr)
	}
	i18n.Use(locales...)
	return err
}

// portugueseForFyne gives Fyne's own Portuguese ("pt", European, its
// dialogs' words) the app's Brazilian words too. For "pt" and "pt_PT"
// Fyne chooses its "pt", while i18n chooses pt-BR (the CLDR's "pt" is
// Brazilian): without them the window's labels would be English beside
// Portuguese sentences.
func portugueseForFyne() error {
	data, err := i18n.FS.ReadFile(i18n.Dir + "/pt-BR.json")
	if err != nil {
		return err
	}
	return lang.AddTranslationsForLocale(data, "pt")
}

// vars fills in a message's {{.Placeholders}}: lang.L("Disconnect
// {{.Name}}?", vars{"Name": …}). A sentence with values is one message,
// never translated pieces put together.
type vars = map[string]any
