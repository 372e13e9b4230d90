package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// A use is a message the source asks for.
type use struct {
	plural bool   // asked for with N
	where  string // file:line, for the failure
}

// translators are the functions that look a message up by its first
// argument, by the import path of their package.
var translators = map[string]map[string]bool{ // name → plural
	"github.com/make-connect/make-connect/internal/words/i18n": {"L": false, "N": true},
	"fyne.io/fyne/v2/lang": {"L": false, "N": true, "X": false, "XN": true,
		"Localize": false, "LocalizePlural": true, "LocalizeKey": false, "LocalizePluralKey": true},
}

// sourceUses finds every message the app's Go files (tests aside) ask
// i18n or Fyne's lang for; a first argument that is not a constant string
// is an error, since no file could translate it.
func sourceUses(t *testing.T) map[string][]use {
	t.Helper()
	root, err := filepath.Abs("../../..") // internal/words/i18n
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("the module's root is not %s: %v", root, err)
	}
	uses := map[string][]use{}
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && (strings.HasPrefix(d.Name(), ".") || slices.Contains([]string{"testdata", "build", "dist", "bin", "vendor", "node_modules"}, d.Name())) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		names := map[string]map[string]bool{} // local package name → functions
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if fns, ok := translators[p]; ok {
				name := p[strings.LastIndex(p, "/")+1:]
				if imp.Name != nil {
					name = imp.Name.Name
				}
				names[name] = fns
			}
		}
		if len(names) == 0 {
			return nil
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			pkg, ok := sel.X.(*ast.Ident)
			if !ok {
				return true
			}
			plural, ok := names[pkg.Name][sel.Sel.Name]
			if !ok {
				return true
			}
			pos := fset.Position(call.Pos())
			rel, _ := filepath.Rel(root, pos.Filename)
			where := rel + ":" + strconv.Itoa(pos.Line)
			if plural && pkg.Name == "lang" {
				// ui.UseSystemLanguage gives Fyne no English file, so
				// Fyne's plurals would say "1 accounts": use i18n.N.
				t.Errorf("%s: %s.%s: plurals go through i18n.N, which has English's forms", where, pkg.Name, sel.Sel.Name)
			}
			msg, ok := constant(call.Args[0])
			if !ok {
				t.Errorf("%s: %s.%s is given a message that is not a constant string: no file can translate it", where, pkg.Name, sel.Sel.Name)
				return true
			}
			uses[msg] = append(uses[msg], use{plural, where})
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(uses) == 0 {
		t.Fatal("no message found in the source: the scan is broken")
	}
	return uses
}

// constant is the value of a string literal, or of literals joined with +.
func constant(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.ParenExpr:
		return constant(e.X)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		x, ok := constant(e.X)
		if !ok {
			return "", false
		}
		y, ok := constant(e.Y)
		return x + y, ok
	}
	return "", false
}
