// Command notices writes the third-party notices of Make Connect: the
// licence of every module its programs are built from, for every platform
// and both builds (the window, and the command-line build's headless tag),
// read from the module cache, and Go's own, since the standard library is
// in every program.
//
//	go run -C dev ./cmd/notices -o ../assets/THIRD-PARTY-NOTICES.txt
//
// `make notices` runs it; the file is committed (the window's About shows
// it, every package ships it), and TestNoticesAreCurrent fails when the
// module graph changed and the file was not written again. A module
// without a licence file stops it: someone must look at that module.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// targets are the builds whose modules are listed: every platform a
// package is made for, the window's build and the command line's.
var targets = []struct{ goos, tags, cgo string }{
	{"linux", "", "1"}, {"linux", "headless", "0"},
	{"windows", "", "1"}, {"windows", "headless", "0"},
	{"darwin", "", "1"}, {"darwin", "headless", "0"},
}

// licenceFile is the name of a file that holds a module's licence terms.
var licenceFile = regexp.MustCompile(`(?i)^(licen[cs]e|copying|notice|unlicense|patents)([._-].*)?$`)

type module struct{ path, version, dir string }

func main() {
	out := flag.String("o", "", "the file to write (default: standard output)")
	root := flag.String("root", "..", "the app's checkout, whose module graph and LICENSE are read (default: dev's parent)")
	flag.Parse()
	text, err := notices(*root)
	if err != nil {
		fmt.Fprintln(os.Stderr, "notices:", err)
		os.Exit(1)
	}
	if *out == "" {
		os.Stdout.Write(text)
		return
	}
	if err := os.WriteFile(*out, text, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "notices:", err)
		os.Exit(1)
	}
}

// notices is the notices of the main package in dir, the repository's
// root, whose LICENSE is Make Connect's own.
func notices(dir string) ([]byte, error) {
	mods, err := modules(dir)
	if err != nil {
		return nil, err
	}
	goroot, err := goEnv("GOROOT")
	if err != nil {
		return nil, err
	}
	own, err := os.ReadFile(filepath.Join(dir, "LICENSE"))
	if err != nil {
		return nil, fmt.Errorf("read the project's own licence: %w", err)
	}
	var b bytes.Buffer
	b.WriteString("Make Connect is free software under the licence below, and is built with the software that\n" +
		"follows it, each part used under the licence after its name, as its authors publish it.\n")
	section(&b, "Make Connect", []licence{{"LICENSE", own}})
	goLicence, err := os.ReadFile(filepath.Join(goroot, "LICENSE"))
	if err != nil {
		return nil, fmt.Errorf("read the Go licence: %w", err)
	}
	section(&b, "The Go programming language (its runtime and standard library)", []licence{{"LICENSE", goLicence}})
	for _, m := range mods {
		ls, err := licences(m.dir)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", m.path, m.version, err)
		}
		section(&b, m.path+" "+m.version, ls)
	}
	return b.Bytes(), nil
}

type licence struct {
	name string
	text []byte
}

func section(b *bytes.Buffer, title string, ls []licence) {
	b.WriteString("\n" + strings.Repeat("=", 78) + "\n" + title + "\n" + strings.Repeat("=", 78) + "\n")
	for _, l := range ls {
		if len(ls) > 1 {
			b.WriteString("\n--- " + l.name + " ---\n")
		}
		b.WriteString("\n")
		b.Write(bytes.TrimRight(bytes.ReplaceAll(l.text, []byte("\r\n"), []byte("\n")), "\n"))
		b.WriteString("\n")
	}
}

// licences are the licence files at the root of a module's directory.
func licences(dir string) ([]licence, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var ls []licence
	for _, e := range entries {
		if e.IsDir() || !licenceFile.MatchString(e.Name()) {
			continue
		}
		text, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		ls = append(ls, licence{e.Name(), text})
	}
	if len(ls) == 0 {
		return nil, errors.New("no licence file at the module's root: look at its terms before shipping it")
	}
	return ls, nil
}

// modules is every module but the main one (and those replaced by a
// folder of this repository) that a target's build of dir uses, sorted by
// path, each once.
func modules(dir string) ([]module, error) {
	seen := map[string]module{}
	for _, t := range targets {
		cmd := exec.Command("go", "list", "-deps", "-tags", t.tags,
			"-f", "{{with .Module}}{{if not .Main}}{{.Path}}\t{{.Version}}\t{{.Dir}}{{with .Replace}}\t{{.Path}}{{end}}{{end}}{{end}}", ".")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOOS="+t.goos, "GOARCH=amd64", "CGO_ENABLED="+t.cgo)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("go list for %s (tags %q): %v: %s", t.goos, t.tags, err, stderr.String())
		}
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			f := strings.Split(line, "\t")
			if len(f) < 3 || len(f) == 4 && strings.HasPrefix(f[3], "./") {
				continue // none, or a folder of this repository (its licence is ours)
			}
			seen[f[0]] = module{f[0], f[1], f[2]}
		}
	}
	mods := make([]module, 0, len(seen))
	for _, m := range seen {
		mods = append(mods, m)
	}
	slices.SortFunc(mods, func(a, b module) int { return strings.Compare(a.path, b.path) })
	return mods, nil
}

func goEnv(name string) (string, error) {
	out, err := exec.Command("go", "env", name).Output()
	return strings.TrimSpace(string(out)), err
}
