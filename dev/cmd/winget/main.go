// Command winget writes the winget manifest set of Make Connect's Windows
// installers: the version, installer and default-locale files of winget's
// manifest schema 1.6.0, for the NSIS setup and, when one is given, the MSI,
// each with the SHA-256 of its file.
//
//	winget -o dist/winget -version 0.1.0.1 -url-base URL \
//	    -publisher NAME -copyright TEXT -setup SETUP.exe [-msi FILE.msi] [-app FyneApp.toml]
//
// run from the repository root (packaging/windows.sh builds it with
// `go build -C dev` and does so).
//
// It writes them where winget-pkgs keeps them, under
// DIR/manifests/m/MakeConnect/MakeConnect/VERSION/, so that DIR/manifests
// can be copied into a clone of microsoft/winget-pkgs. The app's name, ID
// (the setup's uninstall entry, which winget knows as its product code),
// website and description come from FyneApp.toml; the MSI's product code,
// upgrade code and version from the MSI itself (msiinfo, of msitools).
// packaging/windows.sh runs it; TestManifests checks what it writes against
// the schema in testdata, and TestDistManifests, run by
// packaging/check-windows.sh, what windows.sh wrote in dist/.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
)

const (
	// Identifier is the package's winget identifier, Publisher.Name: the
	// publisher is the project, which has no company name of its own.
	Identifier      = "MakeConnect.MakeConnect"
	manifestVersion = "1.6.0"
	locale          = "en-US"
	// minimumOS is Windows 10, which Go 1.26 programs need.
	minimumOS = "10.0.0.0"
	command   = "make-connect"
)

// Placeholder is the start of the download address used when none is given:
// it is no address anything is published at, so a submission with it fails
// at winget-pkgs' download, and the installer manifest says so at its top.
const Placeholder = "PLACEHOLDER-set-WINGET_URL_BASE"

type options struct {
	out, version, urlBase, publisher, copyright string
	setup, msi                                  string
	app                                         string // FyneApp.toml
}

func main() {
	var o options
	flag.StringVar(&o.out, "o", "dist/winget", "the folder to write the manifests under")
	flag.StringVar(&o.version, "version", "", "the package version, the four numbers of the Windows version information (0.1.0.1)")
	flag.StringVar(&o.urlBase, "url-base", "", "the address the installers are published under (default: a placeholder under FyneApp.toml's Website)")
	flag.StringVar(&o.publisher, "publisher", "", "who publishes the app, as its uninstall entry says")
	flag.StringVar(&o.copyright, "copyright", "", "the copyright line of the version information")
	flag.StringVar(&o.setup, "setup", "", "the NSIS setup")
	flag.StringVar(&o.msi, "msi", "", "the MSI (optional)")
	flag.StringVar(&o.app, "app", "FyneApp.toml", "the app's FyneApp.toml")
	flag.Parse()
	dir, placeholder, err := write(o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "winget:", err)
		os.Exit(1)
	}
	fmt.Println("winget: wrote the manifests in", dir)
	if placeholder {
		fmt.Println("winget: their InstallerUrl is a PLACEHOLDER: set WINGET_URL_BASE to the address the installers are published under before submitting them")
	}
}

// app is what the manifests take from FyneApp.toml.
type app struct {
	Website string
	Details struct{ Name, ID string }
	Linux   struct {
		Comment  string
		Keywords []string
	} `toml:"LinuxAndBSD"`
}

type versionManifest struct {
	PackageIdentifier string `yaml:"PackageIdentifier"`
	PackageVersion    string `yaml:"PackageVersion"`
	DefaultLocale     string `yaml:"DefaultLocale"`
	ManifestType      string `yaml:"ManifestType"`
	ManifestVersion   string `yaml:"ManifestVersion"`
}

type localeManifest struct {
	PackageIdentifier string   `yaml:"PackageIdentifier"`
	PackageVersion    string   `yaml:"PackageVersion"`
	PackageLocale     string   `yaml:"PackageLocale"`
	Publisher         string   `yaml:"Publisher"`
	PublisherURL      string   `yaml:"PublisherUrl"`
	PackageName       string   `yaml:"PackageName"`
	PackageURL        string   `yaml:"PackageUrl"`
	License           string   `yaml:"License"`
	Copyright         string   `yaml:"Copyright,omitempty"`
	ShortDescription  string   `yaml:"ShortDescription"`
	Description       string   `yaml:"Description"`
	Moniker           string   `yaml:"Moniker"`
	Tags              []string `yaml:"Tags,omitempty"`
	ManifestType      string   `yaml:"ManifestType"`
	ManifestVersion   string   `yaml:"ManifestVersion"`
}

type installerManifest struct {
	PackageIdentifier string      `yaml:"PackageIdentifier"`
	PackageVersion    string      `yaml:"PackageVersion"`
	InstallerLocale   string      `yaml:"InstallerLocale"`
	Platform          []string    `yaml:"Platform"`
	MinimumOSVersion  string      `yaml:"MinimumOSVersion"`
	InstallModes      []string    `yaml:"InstallModes"`
	Commands          []string    `yaml:"Commands"`
	Installers        []installer `yaml:"Installers"`
	ManifestType      string      `yaml:"ManifestType"`
	ManifestVersion   string      `yaml:"ManifestVersion"`
}

type installer struct {
	Architecture           string     `yaml:"Architecture"`
	InstallerType          string     `yaml:"InstallerType"`
	Scope                  string     `yaml:"Scope"`
	InstallerURL           string     `yaml:"InstallerUrl"`
	InstallerSha256        string     `yaml:"InstallerSha256"`
	InstallerSwitches      *switches  `yaml:"InstallerSwitches,omitempty"`
	UnsupportedArguments   []string   `yaml:"UnsupportedArguments,omitempty"`
	UpgradeBehavior        string     `yaml:"UpgradeBehavior"`
	ElevationRequirement   string     `yaml:"ElevationRequirement,omitempty"`
	ProductCode            string     `yaml:"ProductCode"`
	AppsAndFeaturesEntries []arpEntry `yaml:"AppsAndFeaturesEntries"`
}

type switches struct {
	InstallLocation string `yaml:"InstallLocation,omitempty"`
	Custom          string `yaml:"Custom,omitempty"`
}

type arpEntry struct {
	DisplayName    string `yaml:"DisplayName"`
	Publisher      string `yaml:"Publisher"`
	DisplayVersion string `yaml:"DisplayVersion,omitempty"`
	ProductCode    string `yaml:"ProductCode"`
	UpgradeCode    string `yaml:"UpgradeCode,omitempty"`
	InstallerType  string `yaml:"InstallerType"`
}

// Dir is where the manifests of version go under the output folder: where
// winget-pkgs keeps them.
func Dir(out, version string) string {
	parts := strings.Split(Identifier, ".")
	return filepath.Join(append([]string{out, "manifests", strings.ToLower(Identifier[:1])}, append(parts, version)...)...)
}

// write writes the three manifests and returns their folder and whether
// the download address is the placeholder.
func write(o options) (string, bool, error) {
	if o.version == "" || o.publisher == "" || o.setup == "" {
		return "", false, errors.New("-version, -publisher and -setup are needed (packaging/windows.sh gives them)")
	}
	var a app
	if _, err := toml.DecodeFile(o.app, &a); err != nil {
		return "", false, fmt.Errorf("read %s: %w", o.app, err)
	}
	if a.Website == "" || a.Details.Name == "" || a.Details.ID == "" || a.Linux.Comment == "" {
		return "", false, fmt.Errorf("%s lacks Website, [Details] Name or ID, or [LinuxAndBSD] Comment", o.app)
	}
	placeholder := o.urlBase == ""
	if placeholder {
		o.urlBase = strings.TrimSuffix(a.Website, "/") + "/releases/download/" + Placeholder
	}
	if u, err := url.Parse(o.urlBase); err != nil || u.Scheme != "https" && u.Scheme != "http" || u.Host == "" {
		return "", false, fmt.Errorf("the download address %q is not an http(s) address: set WINGET_URL_BASE to where the installers are published", o.urlBase)
	}

	setupHash, err := sha256File(o.setup)
	if err != nil {
		return "", false, err
	}
	// The setup: for the person (HKCU, their AppData) or for everyone
	// (HKLM, Program Files). Both take /S; /CurrentUser or /AllUsers
	// choose, so that no page asks; winget's own /D=<INSTALLPATH> for
	// nullsoft comes last, as NSIS wants. Its uninstall entry's key is the
	// app's ID (installer.nsi's UNINSTALL_KEY): that is its product code.
	// It replaces an earlier install of its kind in place (installmode.nsh),
	// keeping that folder, so winget upgrades by installing: uninstalling
	// first would lose the folder a person chose.
	nsis := func(scope, custom, elevation string) installer {
		return installer{
			Architecture: "x64", InstallerType: "nullsoft", Scope: scope,
			InstallerURL: downloadURL(o.urlBase, o.setup), InstallerSha256: setupHash,
			InstallerSwitches: &switches{Custom: custom},
			UpgradeBehavior:   "install", ElevationRequirement: elevation,
			ProductCode: a.Details.ID,
			AppsAndFeaturesEntries: []arpEntry{{DisplayName: a.Details.Name, Publisher: o.publisher,
				ProductCode: a.Details.ID, InstallerType: "nullsoft"}},
		}
	}
	installers := []installer{
		nsis("user", "/CurrentUser", ""),
		// Run without the rights, the setup asks Windows for them itself.
		nsis("machine", "/AllUsers", "elevatesSelf"),
	}
	if o.msi != "" {
		m, err := msiInstaller(o, a)
		if err != nil {
			return "", false, err
		}
		installers = append(installers, m)
	}

	keywords := make([]string, 0, len(a.Linux.Keywords))
	for _, k := range a.Linux.Keywords {
		keywords = append(keywords, strings.ToLower(k))
	}
	files := []struct {
		name, schema string
		doc          any
	}{
		{Identifier + ".yaml", "version", versionManifest{Identifier, o.version, locale, "version", manifestVersion}},
		{Identifier + ".installer.yaml", "installer", installerManifest{
			PackageIdentifier: Identifier, PackageVersion: o.version, InstallerLocale: locale,
			Platform: []string{"Windows.Desktop"}, MinimumOSVersion: minimumOS,
			InstallModes: []string{"interactive", "silent", "silentWithProgress"},
			Commands:     []string{command}, Installers: installers,
			ManifestType: "installer", ManifestVersion: manifestVersion,
		}},
		{Identifier + ".locale." + locale + ".yaml", "defaultLocale", localeManifest{
			PackageIdentifier: Identifier, PackageVersion: o.version, PackageLocale: locale,
			Publisher: o.publisher, PublisherURL: a.Website, PackageName: a.Details.Name, PackageURL: a.Website,
			License: "MIT", Copyright: o.copyright, ShortDescription: a.Linux.Comment,
			Description: a.Details.Name + " connects a Make account to this computer with OAuth: a window, and a " +
				"command line (" + command + ") for scripts that need the account's access token.",
			Moniker: command, Tags: keywords, ManifestType: "defaultLocale", ManifestVersion: manifestVersion,
		}},
	}
	dir := Dir(o.out, o.version)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", false, err
	}
	for _, f := range files {
		var b bytes.Buffer
		b.WriteString("# Written by cmd/winget (make package-windows); do not edit.\n")
		if placeholder && f.schema == "installer" {
			b.WriteString("# InstallerUrl is a PLACEHOLDER: set WINGET_URL_BASE to where the installers are published and run make package-windows again.\n")
		}
		fmt.Fprintf(&b, "# yaml-language-server: $schema=https://aka.ms/winget-manifest.%s.%s.schema.json\n\n", f.schema, manifestVersion)
		enc := yaml.NewEncoder(&b)
		enc.SetIndent(2)
		if err := enc.Encode(f.doc); err != nil {
			return "", false, err
		}
		if err := os.WriteFile(filepath.Join(dir, f.name), b.Bytes(), 0o644); err != nil {
			return "", false, err
		}
	}
	return dir, placeholder, nil
}

// msiInstaller is the MSI's entry, from what the MSI says of itself.
func msiInstaller(o options, a app) (installer, error) {
	hash, err := sha256File(o.msi)
	if err != nil {
		return installer{}, err
	}
	props, err := MSITable(o.msi, "Property")
	if err != nil {
		return installer{}, err
	}
	p := map[string]string{}
	for _, row := range props {
		p[row[0]] = row[1]
	}
	for _, k := range []string{"ProductCode", "ProductVersion", "UpgradeCode", "ProductName", "Manufacturer"} {
		if p[k] == "" {
			return installer{}, fmt.Errorf("%s has no %s property: is it the app's MSI?", o.msi, k)
		}
	}
	// Scope machine is what the MSI does only with ALLUSERS=1.
	if p["ALLUSERS"] != "1" {
		return installer{}, fmt.Errorf("%s is not per-machine (its ALLUSERS is %q, not 1), so the manifest cannot call it Scope: machine", o.msi, p["ALLUSERS"])
	}
	// With an Upgrade table row that finds earlier versions of its upgrade
	// code and removes them (not OnlyDetect, 2), Windows Installer replaces
	// the earlier version itself (a major upgrade), so winget installs;
	// without, winget has to remove the earlier version first.
	upgrade, err := MSITable(o.msi, "Upgrade")
	if err != nil {
		return installer{}, err
	}
	behavior := "uninstallPrevious"
	for _, row := range upgrade {
		if len(row) >= 5 && strings.EqualFold(row[0], p["UpgradeCode"]) && row[2] != "" {
			if attrs, err := strconv.Atoi(row[4]); err == nil && attrs&2 == 0 {
				behavior = "install"
			}
		}
	}
	entry := arpEntry{DisplayName: p["ProductName"], Publisher: p["Manufacturer"],
		ProductCode: p["ProductCode"], UpgradeCode: p["UpgradeCode"], InstallerType: "msi"}
	// Settings › Apps shows the MSI's ProductVersion; when it is written
	// otherwise than the package version, winget must be told.
	if p["ProductVersion"] != o.version {
		entry.DisplayVersion = p["ProductVersion"]
	}
	m := installer{
		// msi, not wix: winget-pkgs tells WiX's MSIs by their "Creating
		// application", and wixl's says msitools. winget's switches for
		// an MSI are msiexec's: /quiet, /passive.
		Architecture: "x64", InstallerType: "msi", Scope: "machine",
		InstallerURL: downloadURL(o.urlBase, o.msi), InstallerSha256: hash,
		UpgradeBehavior: behavior,
		// msiexec cannot install for everyone silently without the rights
		// and does not ask for them then; winget asks when told to.
		ElevationRequirement: "elevationRequired",
		ProductCode:          p["ProductCode"], AppsAndFeaturesEntries: []arpEntry{entry},
	}
	// winget's own InstallLocation for an MSI sets TARGETDIR, which does
	// not move a folder under ProgramFiles64Folder; the MSI's public
	// property for its folder does.
	if dir, err := installDirProperty(o.msi); err != nil {
		return installer{}, err
	} else if dir != "" {
		m.InstallerSwitches = &switches{InstallLocation: dir + `="<INSTALLPATH>"`}
	} else {
		m.UnsupportedArguments = []string{"location"}
	}
	return m, nil
}

// installDirProperty is the public property (upper-case Id) of the MSI's
// folder in Program Files, or "".
func installDirProperty(msi string) (string, error) {
	rows, err := MSITable(msi, "Directory")
	if err != nil {
		return "", err
	}
	for _, row := range rows {
		if len(row) >= 2 && (row[1] == "ProgramFiles64Folder" || row[1] == "ProgramFilesFolder") && row[0] == strings.ToUpper(row[0]) {
			return row[0], nil
		}
	}
	return "", nil
}

// MSITable is the rows of a table of an MSI, read with msitools' msiinfo
// export: the IDT format, whose first three lines are the columns, their
// types and the table's name and keys.
func MSITable(msi, table string) ([][]string, error) {
	if _, err := exec.LookPath("msiinfo"); err != nil {
		return nil, errors.New("msiinfo is missing, which reads the MSI: install Debian's msitools")
	}
	cmd := exec.Command("msiinfo", "export", msi, table)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("msiinfo export %s %s: %v: %s", msi, table, err, strings.TrimSpace(stderr.String()))
	}
	lines := strings.Split(strings.ReplaceAll(string(out), "\r\n", "\n"), "\n")
	if len(lines) < 3 {
		return nil, fmt.Errorf("msiinfo export %s %s printed no table", msi, table)
	}
	var rows [][]string
	for _, l := range lines[3:] {
		if l != "" {
			rows = append(rows, strings.Split(l, "\t"))
		}
	}
	return rows, nil
}

// downloadURL is where file is published under base.
func downloadURL(base, file string) string {
	return strings.TrimSuffix(base, "/") + "/" + url.PathEscape(path.Base(filepath.ToSlash(file)))
}

// sha256File is the SHA-256 of a file, in upper-case hex as winget writes it.
func sha256File(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("read %s: %w", name, err)
	}
	return strings.ToUpper(hex.EncodeToString(h.Sum(nil))), nil
}
