// Package earlylocale keeps Fyne from printing "Fyne error: Error parsing
// user locale C" at start-up where the locale is C.UTF-8 or POSIX.UTF-8
// (the default of Debian and Ubuntu containers and cloud images).
//
// Fyne reads the locale in the init of its lang package, before main, and
// cannot parse "C" as a language. So this package must run first. Go
// initializes, among the packages ready, the first by import path: this
// one imports nothing but os and strings, so it is ready almost at once,
// and Fyne's lang is not ready before github.com/nicksnyder/go-i18n, which
// sorts after this module's path (TestEarlyLocaleRunsBeforeFyne checks the
// order in a built program). Where the locale names no language it sets
// LANGUAGE=en, which only message translations read, so Fyne's words are
// English, as they would be anyway, and so are Make Connect's:
// ui.UseSystemLanguage reads the same list of languages as Fyne.
package earlylocale

import (
	"os"
	"strings"
)

func init() {
	if os.Getenv("LANGUAGE") != "" {
		return
	}
	// The variable that decides messages, as gettext (and Fyne) look.
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(name)
		if v == "" {
			continue
		}
		lang, _, _ := strings.Cut(v, ".")
		if lang == "C" || lang == "POSIX" {
			os.Setenv("LANGUAGE", "en")
		}
		return
	}
}
