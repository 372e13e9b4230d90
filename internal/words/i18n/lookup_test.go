package i18n

import (
	"sync"
	"testing"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// TestUse: the language is the closest one translated to the locales
// asked for, as the system writes them, else English.
func TestUse(t *testing.T) {
	defer Use()
	cases := []struct {
		locales []string
		want    string
	}{
		{nil, "en"},
		{[]string{"C"}, "en"},
		{[]string{"POSIX"}, "en"},
		{[]string{""}, "en"},
		{[]string{"en_US.UTF-8"}, "en"},
		{[]string{"de_DE.UTF-8"}, "de"},
		{[]string{"de-AT"}, "de"},
		{[]string{"fr_CA"}, "fr"},
		{[]string{"es_MX.UTF-8"}, "es"},
		{[]string{"pt_BR.UTF-8"}, "pt-BR"},
		{[]string{"pt"}, "pt-BR"},
		{[]string{"cs_CZ.UTF-8"}, "cs"},
		{[]string{"sr_RS@latin"}, "en"},
		{[]string{"ja_JP.UTF-8"}, "en"},
		{[]string{"nl", "fr"}, "fr"}, // LANGUAGE=nl:fr: the first one translated
		{[]string{"fr", "de"}, "fr"},
	}
	for _, tc := range cases {
		Use(tc.locales...)
		if got := Language(); got != tc.want {
			t.Errorf("Use(%q): %s, want %s", tc.locales, got, tc.want)
		}
	}
}

// TestLookups: L and N say a message in the language chosen, with its
// placeholders filled in; one no file has is said as its key, filled in.
func TestLookups(t *testing.T) {
	defer Use()
	type vars = map[string]any
	cases := []struct {
		lang  string
		got   func() string
		wants string
	}{
		{"", func() string { return L("Reconnect") }, "Reconnect"},
		{"de", func() string { return L("Reconnect") }, "Erneut verbinden"},
		{"de", func() string { return L("Managed by {{.Organization}}", vars{"Organization": "ACME"}) }, "Verwaltet von ACME"},
		{"", func() string { return N("{{.Count}} accounts", 1, vars{"Count": 1}) }, "1 account"},
		{"", func() string { return N("{{.Count}} accounts", 0, vars{"Count": 0}) }, "0 accounts"},
		{"fr", func() string { return N("{{.Count}} accounts", 0, vars{"Count": 0}) }, "0 compte"},
		{"cs", func() string { return N("{{.Count}} accounts", 1, vars{"Count": 1}) }, "1 účet"},
		{"cs", func() string { return N("{{.Count}} accounts", 3, vars{"Count": 3}) }, "3 účty"},
		{"cs", func() string { return N("{{.Count}} accounts", 5, vars{"Count": 5}) }, "5 účtů"},
		{"pt-BR", func() string { return N("{{.Count}} accounts", 2, vars{"Count": 2}) }, "2 contas"},
		// Not in any file: the key, filled in, in every language.
		{"de", func() string { return L("Hello {{.Name}}", vars{"Name": "Ada"}) }, "Hello Ada"},
		{"de", func() string { return N("{{.Count}} widgets", 3, vars{"Count": 3}) }, "3 widgets"},
		{"", func() string { return L("Hello {{.Name}}") }, "Hello <no value>"}, // as go-i18n and Fyne say it
		{"", func() string { return L("Broken {{.Name") }, "Broken {{.Name"},
		{"", func() string { return L("Hello {{.Name}}", vars{"Name": "{{.Other}}"}) }, "Hello {{.Other}}"},
	}
	for _, tc := range cases {
		Use(tc.lang)
		if got := tc.got(); got != tc.wants {
			t.Errorf("in %q: %q, want %q", tc.lang, got, tc.wants)
		}
	}
}

// TestUntranslatedFallsBackToEnglish: a message a language lacks is said
// in English, in the English plural form the count asks for (not the key,
// as Fyne's lang.N would).
func TestUntranslatedFallsBackToEnglish(t *testing.T) {
	defer Use()
	b := goi18n.NewBundle(language.English)
	b.MustAddMessages(language.English, &goi18n.Message{ID: "{{.Count}} things", One: "{{.Count}} thing", Other: "{{.Count}} things"},
		&goi18n.Message{ID: "Only English", Other: "Only English"})
	b.MustAddMessages(language.German, &goi18n.Message{ID: "Something else", Other: "Etwas anderes"})
	loc := goi18n.NewLocalizer(b, "de")
	chosen.Store(&speaker{language.German, func() *goi18n.Localizer { return loc }})
	if got := N("{{.Count}} things", 1, map[string]any{"Count": 1}); got != "1 thing" {
		t.Errorf("N: %q, want the English one form", got)
	}
	if got := L("Only English"); got != "Only English" {
		t.Errorf("L: %q", got)
	}
}

// TestUseWhileSpeaking: the window may choose the language while another
// goroutine makes a sentence (go test -race).
func TestUseWhileSpeaking(t *testing.T) {
	defer Use()
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			for range 50 {
				if i%2 == 0 {
					Use("de")
				} else if L("Reconnect") == "" {
					t.Error("said nothing")
				}
			}
		})
	}
	wg.Wait()
}
