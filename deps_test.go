package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/make-connect/make-connect/internal/adapters/config"
)

// TestShippedDependencies keeps the sandbox, its OAuth server library and
// test code (the test kit, the dev module) out of the app on every platform
// it ships for: they are for tests and the demo, and would add code (and a
// login page) nobody should get in an installer. It reads the dependency graph the way the build does,
// for each GOOS, with and without the release tag the installers use.
func TestShippedDependencies(t *testing.T) {
	const module = "github.com/make-connect/make-connect"
	forbidden := []string{module + "/dev/", module + "/internal/testkit/", "github.com/ory/fosite", "net/http/httptest", "testing", "fyne.io/fyne/v2/test"}
	for _, goos := range []string{"linux", "windows", "darwin"} {
		for _, tags := range []string{"", "release"} {
			cmd := exec.Command("go", "list", "-deps", "-tags", tags, ".")
			cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH=amd64", "CGO_ENABLED=1")
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("go list for %s (tags %q): %v", goos, tags, err)
			}
			deps := strings.Fields(string(out))
			// The list must be the app's, or finding nothing proves nothing.
			for _, must := range []string{module + "/auth", module + "/internal/adapters/keychain", "fyne.io/fyne/v2/app"} {
				if !slices.Contains(deps, must) {
					t.Fatalf("%s (tags %q): the dependency list lacks %s, so it is not the app's", goos, tags, must)
				}
			}
			for _, dep := range deps {
				for _, f := range forbidden {
					if dep == f || strings.HasSuffix(f, "/") && strings.HasPrefix(dep, f) || strings.HasPrefix(dep, f+"/") {
						t.Errorf("%s (tags %q): the app depends on %s", goos, tags, dep)
					}
				}
			}
		}
	}
}

// TestModuleListsWhatShips: the app's go.mod is what `go install
// github.com/make-connect/make-connect@latest` reads, so it has no replace
// (which that ignores, or refuses), and it requires none of the dev tools'
// modules: those live in dev/go.mod. Only the dev module joins the two.
func TestModuleListsWhatShips(t *testing.T) {
	out, err := exec.Command("go", "mod", "edit", "-json").Output()
	if err != nil {
		t.Fatalf("go mod edit: %v", err)
	}
	var mod struct {
		Module  struct{ Path string }
		Require []struct{ Path string }
		Replace []struct{ Old struct{ Path string } }
	}
	if err := json.Unmarshal(out, &mod); err != nil {
		t.Fatal(err)
	}
	if mod.Module.Path != "github.com/make-connect/make-connect" || len(mod.Require) == 0 {
		t.Fatalf("go mod edit gave module %q with %d requirements: not the app's go.mod", mod.Module.Path, len(mod.Require))
	}
	for _, r := range mod.Replace {
		t.Errorf("go.mod replaces %s: go install …@latest would not build what the checkout builds", r.Old.Path)
	}
	for _, r := range mod.Require {
		for _, dev := range []string{"github.com/make-connect/make-connect/dev", "github.com/ory/fosite", "github.com/creack/pty", "github.com/santhosh-tekuri/jsonschema"} {
			if r.Path == dev || strings.HasPrefix(r.Path, dev+"/") {
				t.Errorf("go.mod requires %s, a dev tool's module: move what imports it to dev/", r.Path)
			}
		}
	}
}

// TestHeadlessDependencies: the headless build, for every OS and
// architecture it ships for, has the commands and nothing of the window:
// no Fyne, GL or X, and no cgo, so that it builds with CGO_ENABLED=0 and,
// on Linux, links statically; nor the sandbox or test code.
func TestHeadlessDependencies(t *testing.T) {
	const module = "github.com/make-connect/make-connect"
	forbidden := []string{"fyne.io/", "github.com/go-gl/", "github.com/fyne-io/", "github.com/jeandeaual/", "runtime/cgo",
		module + "/internal/platform/earlylocale", module + "/ui", module + "/dev/", module + "/internal/testkit/", "github.com/ory/fosite", "net/http/httptest", "testing"}
	for _, target := range []string{"linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64", "windows/amd64", "windows/arm64"} {
		goos, goarch, _ := strings.Cut(target, "/")
		cmd := exec.Command("go", "list", "-deps", "-tags", "headless,release", ".")
		cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list for %s: %v", target, err)
		}
		deps := strings.Fields(string(out))
		for _, must := range []string{module + "/cli", module + "/internal/adapters/keychain", module + "/internal/core/session"} {
			if !slices.Contains(deps, must) {
				t.Fatalf("%s: the dependency list lacks %s, so it is not the commands'", target, must)
			}
		}
		for _, dep := range deps {
			for _, f := range forbidden {
				if dep == f || strings.HasSuffix(f, "/") && strings.HasPrefix(dep, f) || strings.HasPrefix(dep, f+"/") {
					t.Errorf("%s: the headless build depends on %s", target, dep)
				}
			}
		}
	}
}

// TestTheAppIDHasOneHome: FyneApp.toml names the app; the binary's
// identity and the keychain service it keeps accounts under come from it,
// and no Go file of the app writes the ID again.
func TestTheAppIDHasOneHome(t *testing.T) {
	loadMetadata()
	cfg, err := config.Load(nil, func(string) string { return "" }, nil, config.Policy{})
	if err != nil {
		t.Fatal(err)
	}
	if config.AppID == "" || cfg.KeyringService != config.AppID {
		t.Errorf("the keychain service is %q, the app's ID %q: want the ID from FyneApp.toml", cfg.KeyringService, config.AppID)
	}
	var files []string
	err = filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (path == "dev" || path == "build" || strings.HasPrefix(d.Name(), ".") && path != ".") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 100 {
		t.Fatalf("only %d Go files found: the walk missed the app", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), `"`+config.AppID+`"`) {
			t.Errorf("%s writes the app's ID; it belongs in FyneApp.toml alone", f)
		}
	}
}
