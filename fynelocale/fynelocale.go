// Package fynelocale keeps Fyne from printing "Fyne error: Error parsing
// user locale C" at start-up where the locale is C.UTF-8 or POSIX.UTF-8
// (the default of Debian and Ubuntu containers and cloud images).
//
// Fyne reads the locale in the init of its lang package, before main, and
// cannot parse "C" as a language. So this package must run first: it is a
// module of its own whose path (early.local/…) sorts before fyne.io, and Go
// initializes, among the packages ready, the first by import path; it
// imports nothing but os. Where the locale names no language it sets
// LANGUAGE=en, which only message translations read, so Fyne's words are
// English, as they would be anyway, and so are Make Connect's:
// ui.UseSystemLanguage reads the same list of languages as Fyne.
package fynelocale

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
