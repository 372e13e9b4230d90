package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// shows are the calls whose string arguments a person reads in the
// window: Fyne's widgets, dialogs and menus, and the window's own helpers.
var shows = map[string]bool{
	"NewLabel": true, "NewLabelWithStyle": true, "NewButton": true, "NewButtonWithIcon": true, "newButton": true,
	"NewCheck": true, "NewHyperlink": true, "NewRichTextWithText": true, "NewRichTextFromMarkdown": true,
	"NewCard": true, "NewMenuItem": true, "NewMenu": true, "NewFormItem": true, "NewAccordionItem": true,
	"NewConfirm": true, "NewInformation": true, "NewCustom": true, "NewCustomConfirm": true, "NewCustomWithoutButtons": true,
	"NewForm": true, "NewError": true, "ShowConfirm": true, "ShowInformation": true, "ShowCustom": true,
	"SetText": true, "SetPlaceHolder": true, "SetTitle": true, "SetConfirmText": true, "SetDismissText": true,
}

// TestEveryWordShownIsTranslated: no string a person reads in the window
// is written into a widget as it stands; each goes through lang.L (or the
// explain package's i18n.L), so each language shows its own words. A
// literal with a letter in it (an example address aside), passed to a
// widget, a dialog or a menu, fails here with where it is.
func TestEveryWordShownIsTranslated(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			name := ""
			switch fn := call.Fun.(type) {
			case *ast.Ident:
				name = fn.Name
			case *ast.SelectorExpr:
				name = fn.Sel.Name
			}
			if !shows[name] {
				return true
			}
			checked++
			for _, arg := range call.Args {
				lit, ok := arg.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					continue
				}
				s, _ := strconv.Unquote(lit.Value)
				// An example address is the same in every language.
				if strings.IndexFunc(s, unicode.IsLetter) >= 0 && !strings.Contains(s, "://") {
					t.Errorf("%s: %s(%s): the words are not translated; wrap them in lang.L", fset.Position(lit.Pos()), name, lit.Value)
				}
			}
			return true
		})
	}
	if checked < 20 {
		t.Fatalf("only %d calls that show words were found: is this the window's package?", checked)
	}
}
