package i18n

import (
	"encoding/json"
	"errors"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// The languages Make Connect must speak besides English.
var required = []string{"cs", "de", "es", "fr", "pt-BR"}

// A file is one locale's messages: a plain message is a string, a plural
// one a map from plural form to text.
type file map[string]any

func readFiles(t *testing.T) map[string]file {
	t.Helper()
	names, err := fs.Glob(FS, Dir+"/*.json")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]file{}
	for _, n := range names {
		b, err := FS.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		var f file
		if err := json.Unmarshal(b, &f); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		files[strings.TrimSuffix(path.Base(n), ".json")] = f
	}
	for _, l := range append([]string{"en"}, required...) {
		if files[l] == nil {
			t.Fatalf("no %s.json in %s", l, Dir)
		}
	}
	return files
}

// forms is a message's texts by plural form ("other" for a plain one).
func forms(v any) map[string]string {
	switch v := v.(type) {
	case string:
		return map[string]string{"other": v}
	case map[string]any:
		out := map[string]string{}
		for f, s := range v {
			out[f], _ = s.(string)
		}
		return out
	}
	return nil
}

// TestEnglishIsTheKeys: en.json says each message as its key (a plural
// one in its "other" form), so that Fyne's lang.L, which falls back to
// the key, and i18n.L say the same.
func TestEnglishIsTheKeys(t *testing.T) {
	for key, v := range readFiles(t)["en"] {
		if f := forms(v); f["other"] != key {
			t.Errorf("en.json: %q says %q", key, f["other"])
		}
	}
}

// TestEveryLocaleHasEveryKey: each file translates exactly en.json's
// messages, each plain where en.json's is plain and plural where it is
// plural, and none is empty.
func TestEveryLocaleHasEveryKey(t *testing.T) {
	files := readFiles(t)
	en := files["en"]
	for lang, f := range files {
		for key, v := range en {
			tr, ok := f[key]
			if !ok {
				t.Errorf("%s.json lacks %q", lang, key)
				continue
			}
			_, plural := v.(map[string]any)
			if _, isPlural := tr.(map[string]any); isPlural != plural {
				t.Errorf("%s.json: %q is plural in en.json: %v, here: %v", lang, key, plural, isPlural)
			}
			for form, s := range forms(tr) {
				if strings.TrimSpace(s) == "" {
					t.Errorf("%s.json: %q has an empty %q", lang, key, form)
				}
			}
		}
		for key := range f {
			if _, ok := en[key]; !ok {
				t.Errorf("%s.json has %q, which en.json does not", lang, key)
			}
		}
	}
}

var placeholder = regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)

// placeholders is the set of {{.Names}} in s, or an error for any other
// template action, which a translation has no business with.
func placeholders(s string) ([]string, error) {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	if strings.Count(s, "{{") != len(out) {
		return nil, errors.New("has a template action other than {{.Name}}")
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// TestPlaceholders: every translation fills in the very placeholders its
// key has: one it dropped would leave out a name or a number, one it
// made up would print "<no value>". A plural message's "other" form has
// them all; its other forms may leave the count out ("one account").
func TestPlaceholders(t *testing.T) {
	for lang, f := range readFiles(t) {
		for key, v := range f {
			want, err := placeholders(key)
			if err != nil {
				t.Errorf("key %q %v", key, err)
				continue
			}
			for form, s := range forms(v) {
				got, err := placeholders(s)
				switch {
				case err != nil:
					t.Errorf("%s.json: %q (%s) %v", lang, key, form, err)
				case form == "other" && !slices.Equal(got, want):
					t.Errorf("%s.json: %q has the placeholders %v, its translation %v", lang, key, want, got)
				case !isSubset(got, want):
					t.Errorf("%s.json: %q (%s) has placeholders %v, not among %v", lang, key, form, got, want)
				}
			}
		}
	}
}

func isSubset(a, b []string) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// counts reach every plural form of the languages spoken: 1,000,000 is
// "many" in French, Spanish and Portuguese; a fraction is "many" in Czech.
var counts = []any{0, 1, 2, 3, 4, 5, 11, 21, 22, 25, 101, 1000000, "0.5", "1.5", "2.5"}

// TestPluralForms: every plural message has every form its language's
// rule (go-i18n's, the CLDR's) can ask for, and says each with the data
// it is given.
func TestPluralForms(t *testing.T) {
	files := readFiles(t)
	for lang, f := range files {
		loc := goi18n.NewLocalizer(bundleFor(language.Make(lang)), lang)
		for key, v := range f {
			if _, plural := v.(map[string]any); !plural {
				continue
			}
			for _, n := range counts {
				out, tag, err := loc.LocalizeWithTag(&goi18n.LocalizeConfig{MessageID: key, PluralCount: n, TemplateData: dummy(key, n)})
				if err != nil || out == "" {
					t.Errorf("%s.json: %q for %v: %v", lang, key, n, err)
				}
				if tag != language.Make(lang) {
					t.Errorf("%s: %q was said in %s", lang, key, tag)
				}
				if strings.Contains(out, "<no value>") {
					t.Errorf("%s: %q for %v: %q", lang, key, n, out)
				}
			}
		}
	}
}

// TestEveryMessageSays: each message of each file is said, in its own
// language, with every placeholder filled in.
func TestEveryMessageSays(t *testing.T) {
	for lang, f := range readFiles(t) {
		loc := goi18n.NewLocalizer(bundleFor(language.Make(lang)), lang)
		for key := range f {
			out, tag, err := loc.LocalizeWithTag(&goi18n.LocalizeConfig{MessageID: key, PluralCount: pluralCount(f[key]), TemplateData: dummy(key, 2)})
			if err != nil || tag != language.Make(lang) || strings.Contains(out, "<no value>") || strings.Contains(out, "{{") {
				t.Errorf("%s: %q says %q in %s (%v)", lang, key, out, tag, err)
			}
		}
	}
}

func pluralCount(v any) any {
	if _, plural := v.(map[string]any); plural {
		return 2
	}
	return nil
}

// dummy is data for every placeholder of key: "Count" is n.
func dummy(key string, n any) map[string]any {
	d := map[string]any{}
	names, _ := placeholders(key)
	for _, p := range names {
		d[p] = "x"
	}
	if _, ok := d["Count"]; ok {
		d["Count"] = n
	}
	return d
}

// TestSourceAndFilesAgree: every message the app's code asks i18n or
// Fyne's lang for is in en.json, so a label added to the window without
// its translations fails here, and en.json has no message nobody asks for.
// A message asked for with N must be plural in en.json, with L plain.
func TestSourceAndFilesAgree(t *testing.T) {
	en := readFiles(t)["en"]
	uses := sourceUses(t)
	for _, msg := range slices.Sorted(maps.Keys(uses)) {
		v, ok := en[msg]
		if !ok {
			t.Errorf("%s: %q is not in en.json (nor translated)", uses[msg][0].where, msg)
			continue
		}
		_, plural := v.(map[string]any)
		for _, u := range uses[msg] {
			if u.plural != plural {
				t.Errorf("%s: %q is asked for as plural: %v, but en.json has it plural: %v", u.where, msg, u.plural, plural)
			}
		}
	}
	for key := range en {
		if _, ok := uses[key]; !ok {
			t.Errorf("en.json has %q, which no code asks for", key)
		}
	}
}

// TestLanguagesAreTheFiles: the languages offered are the files', English
// first, read from their names without reading the files.
func TestLanguagesAreTheFiles(t *testing.T) {
	var got []string
	for _, tag := range Languages() {
		got = append(got, tag.String())
		if _, err := FS.ReadFile(File(tag)); err != nil {
			t.Errorf("%s: %v", tag, err)
		}
	}
	if len(got) != len(readFiles(t)) || got[0] != "en" {
		t.Errorf("languages %q, want English first and one for each of the %d files", got, len(readFiles(t)))
	}
}
