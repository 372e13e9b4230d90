package auth

import (
	"context"
	"errors"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// TestSuccessPageNamesWhoConnected: the success page is written after
// Config.Accept, which learns who connected, and names them as Accept said
// (Make's words): sanitized, then escaped by the template.
func TestSuccessPageNamesWhoConnected(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, who string
		acceptErr error
		want      []string
		never     []string
	}{
		{name: "name and email", who: "Ada Lovelace <ada@example.com>",
			want: []string{"Connected Ada Lovelace &lt;ada@example.com&gt; to Make Connect."}},
		{name: "email only", who: "ada@example.com", want: []string{"Connected ada@example.com to Make Connect."}},
		{name: "Make did not say", want: []string{"Your Make account is connected."}},
		{name: "markup and control characters", who: "<script>alert(1)</script>\x1b]0;owned\x07 <a@example.com>",
			want:  []string{"Connected &lt;script&gt;alert(1)&lt;/script&gt;\ufffd]0;owned\ufffd &lt;a@example.com&gt; to Make Connect."},
			never: []string{"<script>", "\x1b", "\x07"}},
		{name: "not kept", who: "Ada Lovelace <ada@example.com>", acceptErr: errors.New("the keychain is locked"),
			want: []string{"Connecting did not work"}, never: []string{"Ada", "keychain"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := newTestProvider(t)
			cfg := p.config()
			cfg.Accept = func(ctx context.Context, c *Connection) (string, error) {
				return tc.who, tc.acceptErr
			}
			a := begin(t, p, cfg)
			_, page, _ := approve(t, a, "the-code")
			for _, w := range tc.want {
				if !strings.Contains(page, w) {
					t.Errorf("the page lacks %q:\n%s", w, page)
				}
			}
			for _, n := range append(tc.never, a.state, "the-code", "at-1") {
				if strings.Contains(page, n) {
					t.Errorf("the page shows %q", n)
				}
			}
		})
	}
}

// TestPagesInAnotherLanguage: a face gives the pages' words in the
// person's language (Config.Pages); what it leaves out is said in English.
func TestPagesInAnotherLanguage(t *testing.T) {
	p := newTestProvider(t)
	cfg := p.config()
	cfg.Pages = PageTexts{
		Lang:     "de",
		Declined: Page{"Nicht verbunden", "Sie haben die Verbindung abgelehnt."},
	}
	a := begin(t, p, cfg)
	status, page := callback(t, a, "GET", "/callback", url.Values{"state": {"forged"}}, "")
	if status != 400 || !strings.Contains(page, EnglishPages.WrongState.Message) || !strings.Contains(page, `<html lang="de">`) {
		t.Errorf("a page the face left out: %d\n%s", status, page)
	}
	_, page = callback(t, a, "GET", "/callback", url.Values{"state": {a.state}, "error": {"access_denied"}}, "")
	if !strings.Contains(page, "<title>Nicht verbunden – Make Connect</title>") || !strings.Contains(page, "Sie haben die Verbindung abgelehnt.") {
		t.Errorf("the face's page:\n%s", page)
	}
}

// TestEmptyPagesAreEnglish: a face that gives no words at all gets every
// page, each with a title and a message, in English; a page added to
// PageTexts and left out of withDefaults fails here.
func TestEmptyPagesAreEnglish(t *testing.T) {
	got := PageTexts{}.withDefaults()
	if got.Lang != "en" || got.ConnectedAs == nil || got.ConnectedAs("Ada") != EnglishPages.ConnectedAs("Ada") {
		t.Errorf("language %q, or ConnectedAs: want English", got.Lang)
	}
	v, e := reflect.ValueOf(got), reflect.ValueOf(EnglishPages)
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if f.Type != reflect.TypeFor[Page]() {
			continue
		}
		p := v.Field(i).Interface().(Page)
		if p.Title == "" || p.Message == "" || p != e.Field(i).Interface().(Page) {
			t.Errorf("%s = %+v, want the English page", f.Name, p)
		}
	}
}
