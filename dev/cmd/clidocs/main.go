// Command clidocs writes what the command-line packages ship beside the
// program, made from the commands' own flags: the man page make-connect.1
// (cli.WriteManual) and the bash, zsh and fish completion scripts
// (cli.WriteCompletion, what "make-connect completion SHELL" prints).
//
//	go run -C dev ./cmd/clidocs -root .. -date 2026-12-02 -man make-connect.1 -completions DIR
//
// packaging/cli.sh runs it at build time; nothing it writes is committed.
// It lives in the dev module so that the app's module ships no generator.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/make-connect/make-connect/cli"
	"github.com/make-connect/make-connect/internal/adapters/config"
)

// completionFiles are the completion scripts, by the name each shell
// looks them up by.
var completionFiles = []struct{ shell, name string }{
	{"bash", "make-connect"},
	{"zsh", "_make-connect"},
	{"fish", "make-connect.fish"},
}

func main() {
	root := flag.String("root", "..", "the app's checkout, whose FyneApp.toml names the version")
	date := flag.String("date", time.Now().UTC().Format(time.DateOnly), "the man page's date")
	man := flag.String("man", "", "the man page to write")
	completions := flag.String("completions", "", "the folder to write the completion scripts into")
	flag.Parse()
	if err := run(*root, *date, *man, *completions); err != nil {
		fmt.Fprintln(os.Stderr, "clidocs:", err)
		os.Exit(1)
	}
}

func run(root, date, man, completions string) error {
	toml, err := os.ReadFile(filepath.Join(root, "FyneApp.toml"))
	if err != nil {
		return err
	}
	if err := config.ReadMetadata(string(toml)); err != nil {
		return err
	}
	if man != "" {
		if err := write(man, func(w io.Writer) error { return cli.WriteManual(w, date) }); err != nil {
			return err
		}
	}
	if completions == "" {
		return nil
	}
	if err := os.MkdirAll(completions, 0o755); err != nil {
		return err
	}
	for _, f := range completionFiles {
		if err := write(filepath.Join(completions, f.name), func(w io.Writer) error { return cli.WriteCompletion(w, f.shell) }); err != nil {
			return err
		}
	}
	return nil
}

// write writes the file name with what fill writes.
func write(name string, fill func(io.Writer) error) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := fill(f); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", name, err)
	}
	return f.Close()
}
