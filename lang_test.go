//go:build !headless

package main

import (
	"testing"

	"fyne.io/fyne/v2/lang"

	"github.com/make-connect/make-connect/i18n"
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
