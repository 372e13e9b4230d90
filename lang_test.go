//go:build !headless

package main

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"github.com/make-connect/make-connect/internal/words/i18n"
	"github.com/make-connect/make-connect/ui"
)

// TestTheWindowSpeaksTheSystemsLanguage: ui.UseSystemLanguage gives Fyne's
// lang the same files as i18n, and both choose the language the
// environment asks for: the window's labels (lang.L, lang.N) and the
// sentences explain makes (i18n) agree, pt_BR included.
func TestTheWindowSpeaksTheSystemsLanguage(t *testing.T) {
	defer i18n.Use()
	cases := []struct {
		language, lcAll       string
		lang, label, accounts string
	}{
		{"", "de_DE.UTF-8", "de", "Erneut verbinden", "2 Konten"},
		{"pt_BR", "", "pt-BR", "Reconectar", "2 contas"},
		// Fyne answers these with its own "pt", i18n with pt-BR: the
		// labels are Portuguese all the same.
		{"pt", "", "pt-BR", "Reconectar", "2 contas"},
		{"pt_PT", "", "pt-BR", "Reconectar", "2 contas"},
		{"nl:cs", "", "cs", "Znovu připojit", "2 účty"},
		{"", "en_GB.UTF-8", "en", "Reconnect", "2 accounts"},
	}
	for _, tc := range cases {
		t.Setenv("LANGUAGE", tc.language)
		t.Setenv("LC_ALL", tc.lcAll)
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", "")
		if err := ui.UseSystemLanguage(); err != nil {
			t.Fatal(err)
		}
		if got := i18n.Language(); got != tc.lang {
			t.Errorf("LANGUAGE=%q LC_ALL=%q: i18n speaks %s, want %s", tc.language, tc.lcAll, got, tc.lang)
		}
		if got := lang.L("Reconnect"); got != tc.label || i18n.L("Reconnect") != got {
			t.Errorf("%s: lang.L says %q, i18n.L %q, want %q", tc.lang, got, i18n.L("Reconnect"), tc.label)
		}
		if got := lang.N("{{.Count}} accounts", 2, map[string]any{"Count": 2}); got != tc.accounts {
			t.Errorf("%s: lang.N says %q, want %q", tc.lang, got, tc.accounts)
		}
	}
}

// TestEarlyLocaleRunsBeforeFyne: where the locale names no language
// (C.UTF-8, the default of containers and cloud images), Fyne's lang would
// print "Fyne error: Error parsing user locale C" from its init, before
// main. internal/platform/earlylocale sets LANGUAGE first, which works only
// while Go initializes it before fyne.io/fyne/v2/lang: this runs a fresh
// copy of this test binary, whose init is the program's, and reads what it
// printed.
func TestEarlyLocaleRunsBeforeFyne(t *testing.T) {
	if os.Getenv("MAKE_CONNECT_EARLY_LOCALE_CHILD") == "1" {
		if got := os.Getenv("LANGUAGE"); got != "en" {
			t.Fatalf("LANGUAGE = %q in the program, want en", got)
		}
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestEarlyLocaleRunsBeforeFyne$", "-test.count=1")
	cmd.Env = append(slices.DeleteFunc(os.Environ(), func(kv string) bool {
		for _, name := range []string{"LANGUAGE=", "LC_ALL=", "LC_MESSAGES=", "LANG="} {
			if strings.HasPrefix(kv, name) {
				return true
			}
		}
		return false
	}), "LANG=C.UTF-8", "MAKE_CONNECT_EARLY_LOCALE_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the program under LANG=C.UTF-8: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "locale") {
		t.Errorf("Fyne complained about the locale:\n%s", out)
	}
}
