// Package i18n holds the words a person reads in every language Make
// Connect speaks, and says them in the language chosen. It is Fyne-free,
// so that explain/ and the rest of the app's words can use it in the
// command line's build too; the window hands the very same files to
// Fyne's lang package (see [FS] and [Dir]), so the window's own labels and
// the sentences made here are translated from one set of files.
//
// The files are go-i18n message files (translations/<locale>.json), keyed
// by the English text, the way Fyne's lang.L and lang.N look messages up:
// en.json is the list of keys, and each other file translates every one of
// them. A plural message is keyed by its English "other" form and has the
// forms its language needs ("one", "few", "many", "other"). Until [Use]
// chooses another language, everything is English: the command line never
// chooses one.
package i18n

import (
	"embed"
	"encoding/json"
	"io/fs"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// FS holds the message files, in the directory [Dir]: what the window
// passes to Fyne's lang.AddTranslationsFS(i18n.FS, i18n.Dir).
//
//go:embed translations/*.json
var FS embed.FS

// Dir is the directory of [FS] that holds the message files.
const Dir = "translations"

var (
	// bundles are read when first needed, one per language (English and
	// that language's file: a few milliseconds each), not at start, and
	// never all: a command that says nothing needs none of them, and the
	// window's start-up only its own language.
	bundles = struct {
		sync.Mutex
		m map[language.Tag]*goi18n.Bundle
	}{m: map[language.Tag]*goi18n.Bundle{}}
	chosen atomic.Pointer[speaker]
)

// A speaker says messages in one language.
type speaker struct {
	tag language.Tag
	// localizer reads the language's bundle when first needed.
	localizer func() *goi18n.Localizer
}

// Languages are the languages there are message files for, English
// first, read from the files' names.
func Languages() []language.Tag {
	files, err := fs.Glob(FS, Dir+"/*.json")
	if err != nil {
		panic(err)
	}
	tags := []language.Tag{language.English}
	for _, f := range files {
		name := strings.TrimSuffix(f[len(Dir)+1:], ".json")
		if t := language.MustParse(name); t != language.English {
			tags = append(tags, t)
		}
	}
	return tags
}

// File is the message file of a language of [Languages], in [FS].
func File(t language.Tag) string { return Dir + "/" + t.String() + ".json" }

// bundleFor is a bundle with English and t's messages, read once; each
// bundle is left as it is once read, so lookups need no lock. A file that
// cannot be read is a bug the tests catch, so it panics.
func bundleFor(t language.Tag) *goi18n.Bundle {
	bundles.Lock()
	defer bundles.Unlock()
	if b := bundles.m[t]; b != nil {
		return b
	}
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	for _, f := range []string{File(language.English), File(t)} {
		if _, err := b.LoadMessageFileFS(FS, f); err != nil {
			panic("i18n: " + f + ": " + err.Error())
		}
	}
	bundles.m[t] = b
	return b
}

// Use chooses the language from the locales the person prefers, most
// preferred first, as BCP 47 tags or POSIX names ("de-DE", "pt_BR",
// "fr_FR.UTF-8"): the closest one there are translations for, else
// English. With none, or none that can be read ("C"), it is English.
func Use(locales ...string) {
	var want []language.Tag
	for _, l := range locales {
		l, _, _ = strings.Cut(l, ".") // de_DE.UTF-8
		l, _, _ = strings.Cut(l, "@") // sr_RS@latin
		if t, err := language.Parse(strings.ReplaceAll(l, "_", "-")); err == nil {
			want = append(want, t)
		}
	}
	chosen.Store(closest(want))
}

// closest is the speaker of the language translated closest to want.
func closest(want []language.Tag) *speaker {
	have := Languages() // English first: the match when none is close
	_, i, _ := language.NewMatcher(have).Match(want...)
	tag := have[i]
	return &speaker{tag, sync.OnceValue(func() *goi18n.Localizer { return goi18n.NewLocalizer(bundleFor(tag), tag.String()) })}
}

// current is the speaker chosen, English until [Use] chooses another.
func current() *speaker {
	if s := chosen.Load(); s != nil {
		return s
	}
	chosen.CompareAndSwap(nil, closest(nil))
	return chosen.Load()
}

// Language is the language [Use] chose, as a BCP 47 tag: "en" until one
// is chosen.
func Language() string { return current().tag.String() }

// L says msg, keyed by its English text, in the chosen language, filling
// in its {{.Placeholders}} from data[0] (a map or a struct), as Fyne's
// lang.L does. Where msg has no translation it says the English.
func L(msg string, data ...any) string {
	return localize(msg, nil, data)
}

// N is [L] for a message with plural forms, keyed by its English "other"
// form: count chooses the form ("1 account", "2 accounts"), as Fyne's
// lang.N does. Pass the count in data too for the message to show it
// ({{.Count}}).
func N(msg string, count int, data ...any) string {
	return localize(msg, count, data)
}

func localize(msg string, count any, data []any) string {
	var d any
	if len(data) > 0 {
		d = data[0]
	}
	s := current()
	if s.tag == language.English && count == nil {
		// English is the keys themselves (TestEnglishIsTheKeys): no file
		// need be read to say it, only for its plural forms.
		return fill(msg, d)
	}
	out, err := s.localizer().Localize(&goi18n.LocalizeConfig{
		DefaultMessage: &goi18n.Message{ID: msg, Other: msg},
		PluralCount:    count,
		TemplateData:   d,
	})
	if err != nil && out == "" {
		// go-i18n says the English for a message the language lacks (and
		// an error with it); only a message it cannot say at all comes
		// here, as the key filled in.
		return fill(msg, d)
	}
	return out
}

// fill is msg with its placeholders filled in from d, or msg as it is if
// it is not a template that works.
func fill(msg string, d any) string {
	t, err := template.New("").Option("missingkey=zero").Parse(msg)
	if err != nil {
		return msg
	}
	var b strings.Builder
	if t.Execute(&b, d) != nil {
		return msg
	}
	return b.String()
}
