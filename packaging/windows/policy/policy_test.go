// Package policy holds Make Connect's Group Policy template (MakeConnect.admx
// and en-US/MakeConnect.adml), which the MSI installs beside the programs;
// this test keeps it valid and in step with the keys the app reads.
package policy

import (
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/make-connect/make-connect/internal/adapters/config"
)

const (
	admxFile = "MakeConnect.admx"
	admlFile = "en-US/MakeConnect.adml"
	// policyKey is where the app reads the policy, under HKLM and HKCU.
	policyKey = `Software\Policies\MakeConnect`
)

// schemaDir copies Microsoft's schema (testdata/schema, see its README) to
// a temporary directory, with the one fix libxml2 needs: `\$` in two
// patterns, which XML Schema's regular expressions do not allow, as `$`.
func schemaDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"BaseTypes.xsd", "PolicyDefinitions.xsd", "PolicyDefinitionFiles.xsd"} {
		b, err := os.ReadFile(filepath.Join("testdata", "schema", name))
		if err != nil {
			t.Fatal(err)
		}
		b = []byte(strings.ReplaceAll(string(b), `\$`, `$`))
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// xmllint validates files against the ADMX schema in schema and returns
// its output and whether they were valid.
func xmllint(t *testing.T, schema string, files ...string) (string, bool) {
	t.Helper()
	path, err := exec.LookPath("xmllint")
	if err != nil {
		t.Fatal("xmllint is missing, so the Group Policy template cannot be checked: install libxml2-utils (make deps does)")
	}
	out, err := exec.Command(path, append([]string{"--noout", "--schema", filepath.Join(schema, "PolicyDefinitionFiles.xsd")}, files...)...).CombinedOutput()
	return string(out), err == nil
}

// TestTemplateIsValid: both files are what Windows' Group Policy accepts,
// by Microsoft's schema; and a broken template fails the same check, so
// that its passing means something.
func TestTemplateIsValid(t *testing.T) {
	schema := schemaDir(t)
	if out, ok := xmllint(t, schema, admxFile, admlFile); !ok {
		t.Fatalf("the Group Policy template does not follow Microsoft's ADMX schema:\n%s", out)
	}
	admx, err := os.ReadFile(admxFile)
	if err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(t.TempDir(), "broken.admx")
	if err := os.WriteFile(broken, []byte(strings.Replace(string(admx), `class="Both"`, `class="Everyone"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, ok := xmllint(t, schema, broken); ok {
		t.Fatalf("xmllint accepted a template with class=\"Everyone\", so this check proves nothing:\n%s", out)
	}
}

// The parts of the ADMX the checks below read.
type admx struct {
	Policies []struct {
		Name         string `xml:"name,attr"`
		Class        string `xml:"class,attr"`
		DisplayName  string `xml:"displayName,attr"`
		ExplainText  string `xml:"explainText,attr"`
		Presentation string `xml:"presentation,attr"`
		Key          string `xml:"key,attr"`
		ValueName    string `xml:"valueName,attr"`
		Enabled      *struct {
			Decimal *struct{} `xml:"decimal"`
		} `xml:"enabledValue"`
		Elements struct {
			Items []struct {
				XMLName     xml.Name
				ID          string `xml:"id,attr"`
				Key         string `xml:"key,attr"`
				ValueName   string `xml:"valueName,attr"`
				Expandable  string `xml:"expandable,attr"`
				StoreAsText string `xml:"storeAsText,attr"`
				MinValue    string `xml:"minValue,attr"`
				MaxValue    string `xml:"maxValue,attr"`
				Values      []struct {
					String  *string   `xml:"string"`
					Decimal *struct{} `xml:"decimal"`
				} `xml:"item>value"`
			} `xml:",any"`
		} `xml:"elements"`
	} `xml:"policies>policy"`
}

func readADMX(t *testing.T) admx {
	t.Helper()
	b, err := os.ReadFile(admxFile)
	if err != nil {
		t.Fatal(err)
	}
	var a admx
	if err := xml.Unmarshal(b, &a); err != nil {
		t.Fatalf("%s: %v", admxFile, err)
	}
	return a
}

// wantKeys is each value the app reads (config.PolicyKeys) and its
// registry type.
func wantKeys(t *testing.T) map[string]string {
	keys := map[string]string{}
	for _, k := range config.PolicyKeys() {
		keys[string(k)] = config.PolicyRegistryType(k)
	}
	return keys
}

// TestTemplateHasEveryKey: the ADMX describes exactly the values the app
// reads, each under Software\Policies\MakeConnect for both the computer
// and the user, with the registry type the app expects.
func TestTemplateHasEveryKey(t *testing.T) {
	want := wantKeys(t)
	got := map[string]string{}
	for _, p := range readADMX(t).Policies {
		if p.Class != "Both" {
			t.Errorf("policy %s: class %q, not Both (the app reads HKLM and HKCU)", p.Name, p.Class)
		}
		if p.Key != policyKey {
			t.Errorf("policy %s: key %q, not %s", p.Name, p.Key, policyKey)
		}
		// A policy with a value of its own (enabled 1, disabled 0) is a
		// REG_DWORD; otherwise each element writes one value.
		if p.ValueName != "" {
			if p.Enabled == nil || p.Enabled.Decimal == nil {
				t.Errorf("policy %s: a valueName without a decimal enabledValue", p.Name)
			}
			got[p.ValueName] = "REG_DWORD"
		}
		for _, e := range p.Elements.Items {
			if e.Key != "" && e.Key != policyKey {
				t.Errorf("policy %s, element %s: key %q, not %s", p.Name, e.ID, e.Key, policyKey)
			}
			var typ string
			switch e.XMLName.Local {
			case "text":
				typ = "REG_SZ"
				if e.Expandable == "true" {
					typ = "REG_EXPAND_SZ"
				}
			case "multiText":
				typ = "REG_MULTI_SZ"
			case "decimal":
				typ = "REG_DWORD"
				if e.StoreAsText == "true" {
					typ = "REG_SZ"
				}
			case "enum":
				typ = "REG_SZ"
				for _, v := range e.Values {
					if v.String == nil {
						t.Errorf("policy %s: an enum item that is not a string", p.Name)
					}
				}
			default:
				t.Errorf("policy %s: element <%s>, which writes no single value this test knows", p.Name, e.XMLName.Local)
			}
			if _, dup := got[e.ValueName]; dup {
				t.Errorf("value %s is written by more than one policy", e.ValueName)
			}
			got[e.ValueName] = typ
			if e.ValueName == "MaxAccounts" && (e.MinValue != "1" || e.MaxValue != "1000") {
				t.Errorf("MaxAccounts: from %s to %s, not from 1 to 1000", e.MinValue, e.MaxValue)
			}
		}
	}
	for name, typ := range want {
		switch {
		case got[name] == "":
			t.Errorf("the app reads %s (%s), which the ADMX lacks", name, typ)
		case got[name] != typ:
			t.Errorf("%s: the ADMX writes %s, the app reads %s", name, got[name], typ)
		}
	}
	for name := range got {
		if want[name] == "" {
			t.Errorf("the ADMX writes %s, which the app does not read (config.PolicyKeys)", name)
		}
	}
}

// TestTemplateTextsExist: every $(string.…) and $(presentation.…) of the
// ADMX is in the ADML, and each presentation's controls name elements of
// its policy; Group Policy editors refuse a template otherwise, which the
// schema alone does not catch.
func TestTemplateTextsExist(t *testing.T) {
	admxText, err := os.ReadFile(admxFile)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(admlFile)
	if err != nil {
		t.Fatal(err)
	}
	var adml struct {
		Strings []struct {
			ID string `xml:"id,attr"`
		} `xml:"resources>stringTable>string"`
		Presentations []struct {
			ID       string `xml:"id,attr"`
			Controls []struct {
				RefID string `xml:"refId,attr"`
			} `xml:",any"`
		} `xml:"resources>presentationTable>presentation"`
	}
	if err := xml.Unmarshal(b, &adml); err != nil {
		t.Fatalf("%s: %v", admlFile, err)
	}
	var strs, presentations []string
	for _, s := range adml.Strings {
		strs = append(strs, s.ID)
	}
	refIDs := map[string][]string{}
	for _, p := range adml.Presentations {
		presentations = append(presentations, p.ID)
		for _, c := range p.Controls {
			if c.RefID != "" { // a <text> label has none
				refIDs[p.ID] = append(refIDs[p.ID], c.RefID)
			}
		}
	}
	for _, m := range regexp.MustCompile(`\$\((string|presentation)\.([A-Za-z0-9_]+)\)`).FindAllStringSubmatch(string(admxText), -1) {
		list := strs
		if m[1] == "presentation" {
			list = presentations
		}
		if !slices.Contains(list, m[2]) {
			t.Errorf("%s refers to %s, which %s lacks", admxFile, m[0], admlFile)
		}
	}
	for _, p := range readADMX(t).Policies {
		var ids []string
		for _, e := range p.Elements.Items {
			ids = append(ids, e.ID)
		}
		name := strings.TrimSuffix(strings.TrimPrefix(p.Presentation, "$(presentation."), ")")
		if len(ids) > 0 && p.Presentation == "" {
			t.Errorf("policy %s has elements but no presentation to edit them in", p.Name)
		}
		for _, ref := range refIDs[name] {
			if !slices.Contains(ids, ref) {
				t.Errorf("presentation %s shows %s, which policy %s lacks", name, ref, p.Name)
			}
		}
		for _, id := range ids {
			if !slices.Contains(refIDs[name], id) {
				t.Errorf("policy %s: element %s is not in its presentation %s", p.Name, id, name)
			}
		}
	}
}
