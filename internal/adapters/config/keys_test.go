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

// TestInstallerPresets fails when the Windows installers' presets and the
// policy's keys differ: the MSI (packaging/windows/make-connect.wxs) has,
// for every key and nothing else, a component Preset<Key> writing the
// value <Key> under HKLM\Software\Policies\MakeConnect from the property
// <KEY> (a number as an integer, a text or list as a string), and the
// setup (packaging/windows/presets.nsh) takes /<KEY>= and writes it with
// the same registry type.
func TestInstallerPresets(t *testing.T) {
	b, err := os.ReadFile("../../../packaging/windows/make-connect.wxs")
	if err != nil {
		t.Fatal(err)
	}
	var wxs struct {
		Components []struct {
			ID       string `xml:"Id,attr"`
			Registry []struct {
				Root, Key, Name, Type, Value string `xml:",attr"`
			} `xml:"RegistryValue"`
		} `xml:"Product>Directory>Directory>Directory>Component"`
	}
	if err := xml.Unmarshal(b, &wxs); err != nil {
		t.Fatal(err)
	}
	msi := map[Key]string{} // key → "Type Value"
	for _, c := range wxs.Components {
		for _, r := range c.Registry {
			if r.Root != "HKLM" || r.Key != `Software\Policies\MakeConnect` {
				continue
			}
			if c.ID != "Preset"+r.Name {
				t.Errorf("the MSI writes %s from the component %s, not Preset%s", r.Name, c.ID, r.Name)
			}
			msi[Key(r.Name)] = r.Type + " " + r.Value
		}
	}
	nsh, err := os.ReadFile("../../../packaging/windows/presets.nsh")
	if err != nil {
		t.Fatal(err)
	}
	setup := map[Key]string{} // key → "OPTION TYPE"
	for _, line := range strings.Split(string(nsh), "\n") {
		f := strings.Fields(strings.TrimSpace(line))
		if len(f) == 5 && f[0] == "!insertmacro" && f[1] == "Preset${DO}" {
			setup[Key(strings.Trim(f[2], `"`))] = strings.Trim(f[3], `"`) + " " + f[4]
		}
	}
	for _, d := range definitions {
		prop := strings.ToUpper(string(d.Key))
		typ, regType := "string", "REG_SZ"
		if d.Registry == "REG_DWORD" {
			typ, regType = "integer", "REG_DWORD"
		}
		if want := typ + " [" + prop + "]"; msi[d.Key] != want {
			t.Errorf("%s: the MSI writes %q, want %q", d.Key, msi[d.Key], want)
		}
		if want := prop + " " + regType; setup[d.Key] != want {
			t.Errorf("%s: the setup takes %q, want %q", d.Key, setup[d.Key], want)
		}
		delete(msi, d.Key)
		delete(setup, d.Key)
	}
	for k := range msi {
		t.Errorf("the MSI presets %s, which is no policy key", k)
	}
	for k := range setup {
		t.Errorf("the setup presets %s, which is no policy key", k)
	}
}
