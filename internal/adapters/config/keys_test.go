package config

import (
	"encoding/xml"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"
)

// TestKnownKeysRegistered fails when a policy key lacks any part of what
// makes it one (as Tailscale's pkey test does): a Key constant without a
// definition, a definition without its kind, registry type, Group Policy
// template entry or docs/admin.md row, a setting key whose setting is
// not one.
func TestKnownKeysRegistered(t *testing.T) {
	// Every Key constant of this package, from its source.
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "keys.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var consts []Key
	ast.Inspect(f, func(n ast.Node) bool {
		if vs, ok := n.(*ast.ValueSpec); ok {
			if id, ok := vs.Type.(*ast.Ident); ok && id.Name == "Key" {
				for _, v := range vs.Values {
					if lit, ok := v.(*ast.BasicLit); ok {
						consts = append(consts, Key(strings.Trim(lit.Value, `"`)))
					}
				}
			}
		}
		return true
	})
	if len(consts) < 12 {
		t.Fatalf("found only %d Key constants in keys.go", len(consts))
	}
	for _, k := range consts {
		if _, ok := Lookup(k); !ok {
			t.Errorf("the key %s has no definition", k)
		}
	}
	if len(definitions) != len(consts) {
		t.Errorf("%d definitions for %d keys", len(definitions), len(consts))
	}

	admx := admxValues(t)
	docs, err := os.ReadFile("../../../docs/admin.md")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[Key]bool{}
	for _, d := range definitions {
		if seen[d.Key] {
			t.Errorf("%s is defined twice", d.Key)
		}
		seen[d.Key] = true
		if d.Kind == 0 {
			t.Errorf("%s has no kind", d.Key)
		}
		if (d.Setting == "") == (d.Governs == "") {
			t.Errorf("%s: a key governs either a setting or what Governs says", d.Key)
		}
		if d.Setting != "" && FlagName(d.Setting) == "" {
			t.Errorf("%s: %q is no setting", d.Key, d.Setting)
		}
		if d.Kind == KindNumber && d.Min > d.Max {
			t.Errorf("%s: no number from %d to %d", d.Key, d.Min, d.Max)
		}
		switch {
		case d.Registry == "":
			t.Errorf("%s has no registry type", d.Key)
		case d.ADMX == "":
			t.Errorf("%s has no entry in the Group Policy template", d.Key)
		case admx[d.ADMX] == nil:
			t.Errorf("%s: the Group Policy template has no policy %s", d.Key, d.ADMX)
		case !admx[d.ADMX][string(d.Key)]:
			t.Errorf("%s: the template's policy %s does not write the value %s", d.Key, d.ADMX, d.Key)
		}
		if row := "| `" + string(d.Key) + "` | " + d.Registry + " |"; !strings.Contains(string(docs), row) {
			t.Errorf("%s: docs/admin.md has no row %q", d.Key, row)
		}
	}
}

// admxValues are the value names each policy of the Group Policy
// template writes, by policy name.
func admxValues(t *testing.T) map[string]map[string]bool {
	t.Helper()
	b, err := os.ReadFile("../../../packaging/windows/policy/MakeConnect.admx")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Policies []struct {
			Name      string `xml:"name,attr"`
			ValueName string `xml:"valueName,attr"`
			Elements  struct {
				Items []struct {
					ValueName string `xml:"valueName,attr"`
				} `xml:",any"`
			} `xml:"elements"`
		} `xml:"policies>policy"`
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]bool{}
	for _, p := range doc.Policies {
		values := map[string]bool{p.ValueName: p.ValueName != ""}
		for _, e := range p.Elements.Items {
			values[e.ValueName] = true
		}
		out[p.Name] = values
	}
	return out
}
