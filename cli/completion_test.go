package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// runQuiet runs a command that needs no keychain and no sandbox.
func runQuiet(t *testing.T, env Env, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env.Stdout, env.Stderr = &out, &errOut
	env.NewStore = nil // a command that opened the keychain would panic
	code = Run(context.Background(), env, args)
	return code, out.String(), errOut.String()
}

// script is what "make-connect completion shell" prints.
func script(t *testing.T, shell string) string {
	t.Helper()
	code, out, errOut := runQuiet(t, Env{}, "completion", shell)
	if code != ExitOK || out == "" {
		t.Fatalf("completion %s: exit %d: %s", shell, code, errOut)
	}
	return out
}

// TestCompletionCommand: one shell is a script on stdout; none, two or an
// unknown one is a usage error that lists the shells; -h is the usage.
func TestCompletionCommand(t *testing.T) {
	for _, tc := range []struct {
		args     []string
		code     int
		stdout   string
		stderr   string
		noStdout bool
	}{
		{[]string{"bash"}, ExitOK, "complete -F _make_connect make-connect", "", false},
		{[]string{"zsh"}, ExitOK, "#compdef make-connect", "", false},
		{[]string{"fish"}, ExitOK, "complete -c make-connect -f", "", false},
		{[]string{"powershell"}, ExitOK, "Register-ArgumentCompleter -Native", "", false},
		{nil, ExitUsage, "", "completion needs one shell: bash, zsh, fish, powershell", true},
		{[]string{"tcsh"}, ExitUsage, "", "completion needs one shell", true},
		{[]string{"bash", "zsh"}, ExitUsage, "", "completion needs one shell", true},
		{[]string{"--help"}, ExitOK, "Usage: make-connect completion SHELL", "", false},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, out, errOut := runQuiet(t, Env{}, append([]string{"completion"}, tc.args...)...)
			if code != tc.code || !strings.Contains(out, tc.stdout) || !strings.Contains(errOut, tc.stderr) ||
				tc.noStdout && out != "" {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errOut)
			}
		})
	}
}

// TestCompletionScriptsOfferEveryFlag: each shell's script names every
// command and every flag the commands define, and its shell reads it
// (zsh -n, fish -n; PowerShell is not in Debian, so it is checked where
// pwsh is installed).
func TestCompletionScriptsOfferEveryFlag(t *testing.T) {
	check := map[string][]string{
		"bash": {"bash", "-n"}, "zsh": {"zsh", "-n"}, "fish": {"fish", "-n"},
		"powershell": {"pwsh", "-NoProfile", "-NonInteractive", "-File"},
	}
	for _, shell := range shellNames() {
		t.Run(shell, func(t *testing.T) {
			s := script(t, shell)
			for _, c := range commandDocs() {
				if !strings.Contains(s, c.name) {
					t.Errorf("the script lacks the command %s", c.name)
				}
				for _, f := range append(c.flags, settingsFlags()...) {
					if !strings.Contains(s, "--"+f.name) && !strings.Contains(s, "-l "+f.name) {
						t.Errorf("the script lacks %s's flag --%s", c.name, f.name)
					}
				}
			}
			file := filepath.Join(t.TempDir(), "make-connect."+shell)
			if err := os.WriteFile(file, []byte(s), 0o644); err != nil {
				t.Fatal(err)
			}
			argv := check[shell]
			if _, err := exec.LookPath(argv[0]); err != nil {
				t.Skipf("%s is not installed, so its syntax is not checked (make test installs zsh and fish: .ci/deps)", argv[0])
			}
			if out, err := exec.Command(argv[0], append(argv[1:], file)...).CombinedOutput(); err != nil {
				t.Errorf("%s does not read the script: %v\n%s", argv[0], err, out)
			}
		})
	}
}

// TestBashCompletion loads the bash script as ~/.bashrc would and calls
// its function as bash does on Tab, with COMP_WORDS and COMP_CWORD: the
// commands first, then each command's own flags and the settings', the
// zones for --zone, files for --ca-file, nothing for a value it cannot
// guess.
func TestBashCompletion(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "make-connect.bash")
	if err := os.WriteFile(file, []byte(script(t, "bash")), 0o644); err != nil {
		t.Fatal(err)
	}
	ca := filepath.Join(dir, "proxy-ca.pem")
	if err := os.WriteFile(ca, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("bash", "-c", `source "$1" && complete -p make-connect`, "bash", file).CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "complete -F _make_connect make-connect" {
		t.Fatalf("complete -p make-connect: %v: %s", err, out)
	}
	zones := []string{"eu1.make.com", "eu2.make.com", "us1.make.com", "us2.make.com", "eu1.make.celonis.com", "us1.make.celonis.com"}
	settings := []string{"--api-base", "--ca-file", "--client-id", "--issuer", "--keychain", "--keyring-service",
		"--redirect-uri", "--scopes", "--timeout", "--verbose", "--zone", "--help"}
	for _, tc := range []struct {
		name  string
		words []string // the last is the word under the cursor
		want  []string
	}{
		{"the commands", []string{""}, []string{"connect", "status", "token", "disconnect", "use", "doctor", "repair", "completion", "--help", "--version"}},
		{"a command begun", []string{"to"}, []string{"token"}},
		{"token's flags", []string{"token", "--"}, append([]string{"--account", "--json", "--min-valid"}, settings...)},
		{"connect's flags", []string{"connect", "--no"}, []string{"--no-browser"}},
		{"after a switch", []string{"status", "--json", "--c"}, []string{"--check", "--ca-file", "--client-id"}},
		{"a value nothing can guess", []string{"token", "--account", ""}, nil},
		{"the zones", []string{"connect", "--zone", ""}, zones},
		{"the zones after =", []string{"doctor", "--zone", "=", "us"}, []string{"us1.make.com", "us2.make.com", "us1.make.celonis.com"}},
		{"the zones after a single dash", []string{"status", "-zone", "eu2"}, []string{"eu2.make.com"}},
		{"files for --ca-file", []string{"connect", "--ca-file", filepath.Join(dir, "proxy")}, []string{ca}},
		{"the shells", []string{"completion", ""}, []string{"bash", "zsh", "fish", "powershell"}},
		{"one shell only", []string{"completion", "bash", ""}, nil},
		{"an unknown command", []string{"frobnicate", ""}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			words := append([]string{"make-connect"}, tc.words...)
			var quoted []string
			for _, w := range words {
				quoted = append(quoted, strconv.Quote(w))
			}
			call := `source "$1" && COMP_WORDS=(` + strings.Join(quoted, " ") + `) && COMP_CWORD=` +
				strconv.Itoa(len(words)-1) + ` && _make_connect && printf '%s\n' "${COMPREPLY[@]}"`
			out, err := exec.Command("bash", "-c", call, "bash", file).CombinedOutput()
			if err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			got := strings.Fields(string(out))
			if !slices.Equal(sorted(got), sorted(tc.want)) {
				t.Errorf("COMP_WORDS=%q offers %q, want %q", words, got, tc.want)
			}
		})
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// TestFishCompletion loads the fish script and asks fish what it offers
// for a command line (complete -C), as it does on Tab.
func TestFishCompletion(t *testing.T) {
	if _, err := exec.LookPath("fish"); err != nil {
		t.Skip("fish is not installed, so its completion is not run (make test installs it: .ci/deps)")
	}
	file := filepath.Join(t.TempDir(), "make-connect.fish")
	if err := os.WriteFile(file, []byte(script(t, "fish")), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		line string
		want []string
	}{
		{"make-connect to", []string{"token"}},
		{"make-connect token --mi", []string{"--min-valid"}},
		{"make-connect status --c", []string{"--ca-file", "--check", "--client-id"}},
		{"make-connect connect --zone us", []string{"us1.make.com", "us2.make.com", "us1.make.celonis.com"}},
		{"make-connect completion ", []string{"bash", "zsh", "fish", "powershell"}},
		{"make-connect use --no", nil},
	} {
		t.Run(tc.line, func(t *testing.T) {
			cmd := exec.Command("fish", "--no-config", "-c", `source $argv[1]; complete -C $argv[2]`, file, tc.line)
			cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			var got []string
			for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
				if name, _, _ := strings.Cut(l, "\t"); name != "" {
					got = append(got, name)
				}
			}
			if !slices.Equal(sorted(got), sorted(tc.want)) {
				t.Errorf("%q offers %q, want %q", tc.line, got, tc.want)
			}
		})
	}
}
