package explain

import (
	"reflect"
	"testing"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/words/i18n"
)

// TestBrowserPages: in English the pages say word for word what auth's
// own English pages say, so the listener's default and the window's pages
// never drift apart; in another language every page is translated and
// the html element says which language it is.
func TestBrowserPages(t *testing.T) {
	defer i18n.Use()
	pages := func(p auth.PageTexts) map[string]auth.Page {
		out := map[string]auth.Page{"ConnectedAs": p.ConnectedAs("Ada Lovelace <ada@example.com>")}
		v := reflect.ValueOf(p)
		for i := range v.NumField() {
			if page, ok := v.Field(i).Interface().(auth.Page); ok {
				out[v.Type().Field(i).Name] = page
			}
		}
		return out
	}
	i18n.Use()
	english, want := BrowserPages(), pages(auth.EnglishPages)
	if english.Lang != "en" {
		t.Errorf("Lang %q in English", english.Lang)
	}
	if got := pages(english); !reflect.DeepEqual(got, want) {
		t.Errorf("the English pages differ from auth.EnglishPages:\n%v\nwant\n%v", got, want)
	}
	for _, lang := range []string{"de", "fr", "es", "pt-BR", "cs"} {
		i18n.Use(lang)
		p := BrowserPages()
		if p.Lang != lang {
			t.Errorf("%s: Lang %q", lang, p.Lang)
		}
		for name, page := range pages(p) {
			if en := want[name]; page.Title == en.Title || page.Message == en.Message {
				t.Errorf("%s: %s is not translated: %+v", lang, name, page)
			}
		}
	}
	i18n.Use("de")
	if got, want := BrowserPages().ConnectedAs("Ada Lovelace <ada@example.com>").Message,
		"Ada Lovelace <ada@example.com> wurde mit Make Connect verbunden. Sie können diesen Tab schließen."; got != want {
		t.Errorf("in German: %q, want %q", got, want)
	}
}
