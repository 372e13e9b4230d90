package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

// schemaDir holds winget's own JSON schemas of the manifests (see its
// README), so the check needs no network.
const schemaDir = "testdata/schema-" + manifestVersion

// manifestFiles are the three files of a set and the schema of each.
var manifestFiles = []struct{ name, kind string }{
	{Identifier + ".yaml", "version"},
	{Identifier + ".installer.yaml", "installer"},
	{Identifier + ".locale." + locale + ".yaml", "defaultLocale"},
}

// TestManifests writes the set for a stand-in setup and a real MSI built
// by wixl, checks it, and checks that the check catches a wrong hash, a
// schema violation, a wrong product code and disagreeing versions.
func TestManifests(t *testing.T) {
	tmp := t.TempDir()
	setup := filepath.Join(tmp, "make-connect-1.2.3-windows-amd64-setup.exe")
	if err := os.WriteFile(setup, []byte("MZ not really an NSIS setup"), 0o644); err != nil {
		t.Fatal(err)
	}
	msi := buildMSI(t, tmp, "1.2.3.4")
	o := options{out: filepath.Join(tmp, "winget"), version: "1.2.3.4", urlBase: "https://example.com/releases/1.2.3/",
		publisher: "The Make Connect authors", copyright: "Copyright © 2026 The Make Connect authors",
		setup: setup, msi: msi, app: "../../../FyneApp.toml"}
	dir, placeholder, err := write(o)
	if err != nil {
		t.Fatal(err)
	}
	if placeholder {
		t.Error("a download address was given, yet write says it used the placeholder")
	}
	if want := filepath.Join(o.out, "manifests", "m", "MakeConnect", "MakeConnect", "1.2.3.4"); dir != want {
		t.Errorf("the manifests are in %s, not %s", dir, want)
	}
	if err := check(dir, tmp, []string{setup, msi}); err != nil {
		t.Fatalf("the manifests written do not pass the check:\n%v", err)
	}

	// What the installer manifest says of each installer.
	var m installerManifest
	readYAML(t, filepath.Join(dir, Identifier+".installer.yaml"), &m)
	if len(m.Installers) != 3 {
		t.Fatalf("%d installers, not 3 (the setup for the person and for everyone, and the MSI)", len(m.Installers))
	}
	user, machine, fromMSI := m.Installers[0], m.Installers[1], m.Installers[2]
	for _, c := range []struct {
		what, got, want string
	}{
		{"the setup for the person: Scope", user.Scope, "user"},
		{"the setup for the person: switches", user.InstallerSwitches.Custom, "/CurrentUser"},
		{"the setup for everyone: Scope", machine.Scope, "machine"},
		{"the setup for everyone: switches", machine.InstallerSwitches.Custom, "/AllUsers"},
		{"the setup for everyone: ElevationRequirement", machine.ElevationRequirement, "elevatesSelf"},
		{"the setup: UpgradeBehavior", user.UpgradeBehavior + " " + machine.UpgradeBehavior, "install install"},
		{"the setup: InstallerUrl", user.InstallerURL, "https://example.com/releases/1.2.3/make-connect-1.2.3-windows-amd64-setup.exe"},
		{"the MSI: InstallerType", fromMSI.InstallerType, "msi"},
		{"the MSI: Scope", fromMSI.Scope, "machine"},
		// The test MSI has a MajorUpgrade: Windows Installer replaces the earlier version itself.
		{"the MSI: UpgradeBehavior", fromMSI.UpgradeBehavior, "install"},
		{"the MSI: InstallLocation", fromMSI.InstallerSwitches.InstallLocation, `INSTALLDIR="<INSTALLPATH>"`},
		{"the MSI: UpgradeCode", fromMSI.AppsAndFeaturesEntries[0].UpgradeCode, "{4C3F1B09-FE55-42A5-BBC5-445C130BB3DB}"},
		{"the MSI: DisplayVersion (the same as the package's)", fromMSI.AppsAndFeaturesEntries[0].DisplayVersion, ""},
		{"MinimumOSVersion", m.MinimumOSVersion, "10.0.0.0"},
		{"Commands", strings.Join(m.Commands, " "), "make-connect"},
	} {
		if c.got != c.want {
			t.Errorf("%s is %q, not %q", c.what, c.got, c.want)
		}
	}

	// Each change must fail the check, saying why.
	installerFile := Identifier + ".installer.yaml"
	for _, c := range []struct {
		what, file, old, new, says string
	}{
		{"a wrong hash", installerFile, "InstallerSha256: " + user.InstallerSha256, "InstallerSha256: " + strings.Repeat("A", 64), "SHA-256"},
		{"an architecture the schema does not know", installerFile, "Architecture: x64", "Architecture: x65", "schema"},
		{"a hash that is no hash", installerFile, "InstallerSha256: " + fromMSI.InstallerSha256, "InstallerSha256: ABCD", "schema"},
		{"a key winget does not know", installerFile, "Scope: machine", "Scope: machine\n    Scoop: machine", "Scoop"},
		{"a product code that is not the MSI's", installerFile, "ProductCode: '" + fromMSI.ProductCode, "ProductCode: '{00000000-0000-0000-0000-000000000000}", "ProductCode"},
		{"another version in one file", Identifier + ".locale.en-US.yaml", "PackageVersion: 1.2.3.4", "PackageVersion: 1.2.3.5", "PackageVersion"},
		{"a missing licence", Identifier + ".locale.en-US.yaml", "License: MIT\n", "", "schema"},
	} {
		t.Run(c.what, func(t *testing.T) {
			bad := filepath.Join(t.TempDir(), "1.2.3.4")
			copyDir(t, dir, bad)
			name := filepath.Join(bad, c.file)
			text, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(text, []byte(c.old)) {
				t.Fatalf("%s has no %q to change:\n%s", c.file, c.old, text)
			}
			if err := os.WriteFile(name, bytes.Replace(text, []byte(c.old), []byte(c.new), 1), 0o644); err != nil {
				t.Fatal(err)
			}
			err = check(bad, tmp, []string{setup, msi})
			if err == nil {
				t.Fatalf("the check passed a set with %s", c.what)
			}
			t.Logf("the check says: %v", err)
			if !strings.Contains(err.Error(), c.says) {
				t.Errorf("the check failed, but does not say %q:\n%v", c.says, err)
			}
		})
	}

	// The check compares with the installers it is given: one it was not
	// given, or one missing from the manifest, fails it.
	if err := check(dir, tmp, []string{setup}); err == nil || !strings.Contains(err.Error(), "not given") {
		t.Errorf("the check passed a manifest naming an MSI it was not given: %v", err)
	}
}

// TestManifestsSetupOnly: without an MSI, the set has the setup's two
// entries; without a download address, the placeholder, said in the file.
func TestManifestsSetupOnly(t *testing.T) {
	tmp := t.TempDir()
	setup := filepath.Join(tmp, "make-connect-1.2.3-windows-amd64-setup.exe")
	if err := os.WriteFile(setup, []byte("MZ"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir, placeholder, err := write(options{out: filepath.Join(tmp, "winget"), version: "1.2.3.4",
		publisher: "The Make Connect authors", setup: setup, app: "../../../FyneApp.toml"})
	if err != nil {
		t.Fatal(err)
	}
	if !placeholder {
		t.Error("no download address was given, yet write does not say it used the placeholder")
	}
	if err := check(dir, tmp, []string{setup}); err != nil {
		t.Fatalf("the manifests written do not pass the check:\n%v", err)
	}
	text, err := os.ReadFile(filepath.Join(dir, Identifier+".installer.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(text), "# InstallerUrl is a PLACEHOLDER") || strings.Count(string(text), "/"+Placeholder+"/") != 2 {
		t.Errorf("the installer manifest does not say that its two addresses are placeholders:\n%s", text)
	}
	var m installerManifest
	readYAML(t, filepath.Join(dir, Identifier+".installer.yaml"), &m)
	if len(m.Installers) != 2 {
		t.Errorf("%d installers, not 2", len(m.Installers))
	}
}

// TestDistManifests checks the set make package-windows wrote against the
// installers in dist/; packaging/check-windows.sh runs it with
// WINGET_CHECK_VERSION (the package version) and WINGET_CHECK_INSTALLERS
// (the installers' paths in dist/, space-separated), and the set is in
// dist/winget.
func TestDistManifests(t *testing.T) {
	version, installers := os.Getenv("WINGET_CHECK_VERSION"), strings.Fields(os.Getenv("WINGET_CHECK_INSTALLERS"))
	if version == "" || len(installers) == 0 {
		t.Skip("WINGET_CHECK_VERSION and WINGET_CHECK_INSTALLERS are not set: make check-windows sets them")
	}
	dist := filepath.Dir(installers[0])
	dir := Dir(filepath.Join(dist, "winget"), version)
	if err := check(dir, dist, installers); err != nil {
		t.Fatalf("the manifests in %s do not pass the check:\n%v", dir, err)
	}
	t.Logf("%s: valid against the %s schemas, and the hashes and product codes are those of %s", dir, manifestVersion, strings.Join(installers, ", "))
}

// check checks a manifest set: each file against its schema and, strictly,
// against the keys this generator knows; that the three agree on the
// package and its version; and each installer, found in dist by the last
// part of its address, against its file: its SHA-256, and an MSI's product
// and upgrade codes. The installers named must be exactly those given.
func check(dir, dist string, given []string) error {
	var errs []error
	fail := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	compiler := jsonschema.NewCompiler()
	var docs = map[string]map[string]any{}
	for _, f := range manifestFiles {
		name := filepath.Join(dir, f.name)
		text, err := os.ReadFile(name)
		if err != nil {
			fail("%v", err)
			continue
		}
		var doc map[string]any
		if err := yaml.Unmarshal(text, &doc); err != nil {
			fail("%s: %v", f.name, err)
			continue
		}
		docs[f.kind] = doc
		if err := validate(compiler, f.kind, doc); err != nil {
			fail("%s does not validate against winget's %s schema: %v", f.name, f.kind, err)
		}
		// The schemas allow keys they do not define; winget does not.
		var strict any
		switch f.kind {
		case "version":
			strict = &versionManifest{}
		case "installer":
			strict = &installerManifest{}
		default:
			strict = &localeManifest{}
		}
		dec := yaml.NewDecoder(bytes.NewReader(text))
		dec.KnownFields(true)
		if err := dec.Decode(strict); err != nil {
			fail("%s: %v", f.name, err)
		}
		if doc["ManifestType"] != f.kind || doc["ManifestVersion"] != manifestVersion {
			fail("%s: ManifestType %v, ManifestVersion %v, not %s, %s", f.name, doc["ManifestType"], doc["ManifestVersion"], f.kind, manifestVersion)
		}
	}
	if len(docs) < len(manifestFiles) {
		return errors.Join(errs...)
	}
	for _, key := range []string{"PackageIdentifier", "PackageVersion"} {
		v := docs["version"][key]
		if docs["installer"][key] != v || docs["defaultLocale"][key] != v {
			fail("the files disagree on %s: %v, %v, %v", key, v, docs["installer"][key], docs["defaultLocale"][key])
		}
	}
	if docs["version"]["PackageIdentifier"] != Identifier {
		fail("PackageIdentifier is %v, not %s", docs["version"]["PackageIdentifier"], Identifier)
	}
	if docs["version"]["DefaultLocale"] != docs["defaultLocale"]["PackageLocale"] {
		fail("DefaultLocale %v is not the locale file's PackageLocale %v", docs["version"]["DefaultLocale"], docs["defaultLocale"]["PackageLocale"])
	}
	if filepath.Base(dir) != docs["version"]["PackageVersion"] {
		fail("the set is in %s, not in a folder named for its version %v", dir, docs["version"]["PackageVersion"])
	}

	var a app
	if _, err := toml.DecodeFile("../../../FyneApp.toml", &a); err != nil {
		fail("%v", err)
	}
	var m installerManifest
	if text, err := os.ReadFile(filepath.Join(dir, Identifier+".installer.yaml")); err != nil {
		return errors.Join(append(errs, err)...)
	} else if err := yaml.Unmarshal(text, &m); err != nil {
		return errors.Join(append(errs, err)...)
	}
	var named []string
	for i, in := range m.Installers {
		what := fmt.Sprintf("installer %d (%s, %s)", i+1, in.InstallerType, in.Scope)
		base := path.Base(in.InstallerURL)
		named = append(named, base)
		file := filepath.Join(dist, base)
		if !slices.ContainsFunc(given, func(g string) bool { return filepath.Base(g) == base }) {
			fail("%s: %s was not given to the check", what, base)
			continue
		}
		hash, err := sha256File(file)
		if err != nil {
			fail("%s: %v", what, err)
			continue
		}
		if !strings.EqualFold(hash, in.InstallerSha256) {
			fail("%s: InstallerSha256 is %s, but the SHA-256 of %s is %s", what, in.InstallerSha256, file, hash)
		}
		if in.Architecture != "x64" {
			fail("%s: Architecture %s, not x64", what, in.Architecture)
		}
		codes := []string{in.ProductCode}
		for _, e := range in.AppsAndFeaturesEntries {
			codes = append(codes, e.ProductCode)
		}
		var want string
		switch in.InstallerType {
		case "nullsoft":
			// installer.nsi's UNINSTALL_KEY ends in the app's ID.
			want = a.Details.ID
		case "msi", "wix":
			props, err := MSITable(file, "Property")
			if err != nil {
				fail("%s: %v", what, err)
				continue
			}
			p := map[string]string{}
			for _, row := range props {
				p[row[0]] = row[1]
			}
			want = p["ProductCode"]
			for _, e := range in.AppsAndFeaturesEntries {
				if e.UpgradeCode != p["UpgradeCode"] {
					fail("%s: UpgradeCode %s is not the MSI's, %s", what, e.UpgradeCode, p["UpgradeCode"])
				}
				if v := cmp.Or(e.DisplayVersion, m.PackageVersion); v != p["ProductVersion"] {
					fail("%s: the version Settings › Apps shows is %s, the manifest says %s", what, p["ProductVersion"], v)
				}
			}
			if in.Scope != "machine" || p["ALLUSERS"] != "1" {
				fail("%s: Scope %s, and the MSI's ALLUSERS is %q", what, in.Scope, p["ALLUSERS"])
			}
		default:
			fail("%s: an installer type this package does not make", what)
		}
		for _, c := range codes {
			if c != want {
				fail("%s: ProductCode %s is not %s", what, c, want)
			}
		}
	}
	for _, g := range given {
		if !slices.Contains(named, filepath.Base(g)) {
			fail("%s was given, but the manifest does not name it", filepath.Base(g))
		}
	}
	return errors.Join(errs...)
}

// validate validates doc, as YAML decoded it, against winget's schema of
// its kind, through JSON: what the schema is written for.
func validate(c *jsonschema.Compiler, kind string, doc map[string]any) error {
	file := filepath.Join(schemaDir, "manifest."+kind+"."+manifestVersion+".json")
	schema, err := c.Compile(file)
	if err != nil {
		return fmt.Errorf("the schema %s: %w", file, err)
	}
	text, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(text))
	if err != nil {
		return err
	}
	return schema.Validate(v)
}

// buildMSI builds a small per-machine MSI with wixl, with the app's
// upgrade code and a major upgrade, as the real one has.
func buildMSI(t *testing.T, dir, version string) string {
	t.Helper()
	for _, tool := range []string{"wixl", "msiinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing: install Debian's wixl and msitools (make test installs them: bash .ci/deps test)", tool)
		}
	}
	wxs := `<?xml version="1.0" encoding="utf-8"?>
<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">
  <Product Id="*" Name="Make Connect" Language="1033" Version="` + version + `" Manufacturer="The Make Connect authors"
      UpgradeCode="4C3F1B09-FE55-42A5-BBC5-445C130BB3DB">
    <Package InstallerVersion="500" Compressed="yes" InstallScope="perMachine"/>
    <MajorUpgrade DowngradeErrorMessage="A newer version is installed."/>
    <Media Id="1" Cabinet="app.cab" EmbedCab="yes"/>
    <Directory Id="TARGETDIR" Name="SourceDir">
      <Directory Id="ProgramFiles64Folder">
        <Directory Id="INSTALLDIR" Name="Make Connect">
          <Component Id="App" Guid="6B0E7C2E-1D3A-4F7E-9A51-0C1E2D3F4A5B" Win64="yes">
            <File Id="App" Name="readme.txt" Source="readme.txt" KeyPath="yes"/>
          </Component>
        </Directory>
      </Directory>
    </Directory>
    <Feature Id="Main" Level="1"><ComponentRef Id="App"/></Feature>
  </Product>
</Wix>
`
	src := filepath.Join(dir, "msi-src")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"app.wxs": wxs, "readme.txt": "a file to install\n"} {
		if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	msi := filepath.Join(dir, "make-connect-1.2.3-windows-amd64.msi")
	cmd := exec.Command("wixl", "-a", "x64", "-o", msi, "app.wxs")
	cmd.Dir = src
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("wixl: %v\n%s", err, out)
	}
	return msi
}

func readYAML(t *testing.T, name string, v any) {
	t.Helper()
	text, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(text, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
}
