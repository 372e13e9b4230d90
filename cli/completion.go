package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// shells are the shells "make-connect completion" writes a script for,
// with how to load it.
var shells = []struct {
	name, load string
	write      func(w io.Writer, cmds []commandDoc, settings []flagDoc)
}{
	{"bash", "source <(make-connect completion bash)   (in ~/.bashrc)", writeBash},
	{"zsh", "make-connect completion zsh > \"${fpath[1]}/_make-connect\", or: source <(make-connect completion zsh)", writeZsh},
	{"fish", "make-connect completion fish > ~/.config/fish/completions/make-connect.fish", writeFish},
	{"powershell", "make-connect completion powershell | Out-String | Invoke-Expression   (in $PROFILE)", writePowerShell},
}

// completion is "make-connect completion SHELL": it prints the shell's
// completion script, made from the commands' own flags (commandDocs), so
// it offers what this very program takes. It needs no settings and
// opens no keychain.
func completion(env Env, args []string) int {
	if len(args) == 1 {
		if err := WriteCompletion(env.Stdout, args[0]); err == nil {
			return ExitOK
		}
	}
	w, code := env.Stderr, ExitUsage
	if len(args) == 1 && (args[0] == "-h" || args[0] == "--help") {
		w, code = env.Stdout, ExitOK
	} else {
		fmt.Fprintf(env.Stderr, "make-connect: completion needs one shell: %s\n\n", strings.Join(shellNames(), ", "))
	}
	fmt.Fprintln(w, "Usage: make-connect completion SHELL\n\nPrints the completion script of SHELL on stdout. To load it:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, s := range shells {
		fmt.Fprintf(tw, "  %s\t%s\n", s.name, s.load)
	}
	tw.Flush()
	return code
}

// shellNames are the names of shells.
func shellNames() []string {
	var names []string
	for _, s := range shells {
		names = append(names, s.name)
	}
	return names
}

// WriteCompletion writes the completion script of shell ("bash", "zsh",
// "fish" or "powershell"), as "make-connect completion SHELL" prints it;
// the packages ship them (dev/cmd/clidocs).
func WriteCompletion(w io.Writer, shell string) error {
	for _, s := range shells {
		if s.name == shell {
			s.write(w, commandDocs(), settingsFlags())
			return nil
		}
	}
	return fmt.Errorf("no completion for the shell %q", shell)
}

// allFlags are a command's own flags and the settings', with --help.
func allFlags(c commandDoc, settings []flagDoc) []flagDoc {
	return append(append(append([]flagDoc{}, c.flags...), settings...), flagDoc{name: "help", usage: "list the command's flags"})
}

// hinted are the flags, of every command, whose values a shell can offer:
// files or choices.
func hinted(cmds []commandDoc, settings []flagDoc) []flagDoc {
	var out []flagDoc
	seen := map[string]bool{}
	for _, c := range cmds {
		for _, f := range allFlags(c, settings) {
			if (f.files || f.choices != nil) && !seen[f.name] {
				seen[f.name] = true
				out = append(out, f)
			}
		}
	}
	return out
}

// dashed is "--" before every name.
func dashed(flags []flagDoc) string {
	var s []string
	for _, f := range flags {
		s = append(s, "--"+f.name)
	}
	return strings.Join(s, " ")
}

// shQuote quotes s for bash and zsh.
func shQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func writeBash(w io.Writer, cmds []commandDoc, settings []flagDoc) {
	var names []string
	for _, c := range cmds {
		names = append(names, c.name)
	}
	fmt.Fprintf(w, `# bash completion for make-connect, written by "make-connect completion bash"
# from the commands' own flags. Load it with: source <(make-connect completion bash)
_make_connect() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev= flags= values=
	((COMP_CWORD > 1)) && prev=${COMP_WORDS[COMP_CWORD-1]}
	# bash splits --flag=value at "=" (COMP_WORDBREAKS).
	if [[ $cur == = ]]; then
		cur=
	elif [[ $prev == = ]] && ((COMP_CWORD > 2)); then
		prev=${COMP_WORDS[COMP_CWORD-2]}
	fi
	# Go's flags are -name and --name alike.
	[[ $prev == -[!-]* ]] && prev=-$prev
	if ((COMP_CWORD == 1)); then
		COMPREPLY=($(compgen -W %s -- "$cur"))
		return
	fi
	case ${COMP_WORDS[1]} in
`, shQuote(strings.Join(names, " ")+" --help --version"))
	for _, c := range cmds {
		if c.args != nil {
			fmt.Fprintf(w, "\t%s)\n\t\tif ((COMP_CWORD == 2)); then\n\t\t\tCOMPREPLY=($(compgen -W %s -- \"$cur\"))\n\t\tfi\n\t\treturn\n\t\t;;\n",
				c.name, shQuote(strings.Join(c.args, " ")))
			continue
		}
		all := allFlags(c, settings)
		fmt.Fprintf(w, "\t%s)\n\t\tflags=%s\n\t\tvalues=%s\n\t\t;;\n", c.name, shQuote(dashed(all)),
			shQuote(strings.Join(valueFlags(all), " ")))
	}
	fmt.Fprint(w, "\t*) return ;;\n\tesac\n\tcase $prev in\n")
	for _, f := range hinted(cmds, settings) {
		if f.files {
			fmt.Fprintf(w, "\t--%s)\n\t\tcompopt -o filenames 2>/dev/null\n\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n\t\treturn\n\t\t;;\n", f.name)
		} else {
			fmt.Fprintf(w, "\t--%s)\n\t\tCOMPREPLY=($(compgen -W %s -- \"$cur\"))\n\t\treturn\n\t\t;;\n", f.name, shQuote(strings.Join(f.choices, " ")))
		}
	}
	fmt.Fprint(w, `	esac
	# A value nothing can guess: offer nothing.
	[[ " $values " == *" $prev "* ]] && return
	COMPREPLY=($(compgen -W "$flags" -- "$cur"))
}
complete -F _make_connect make-connect
`)
}

// zshSpec is f as an _arguments spec.
func zshSpec(f flagDoc) string {
	desc := strings.NewReplacer(`[`, `\[`, `]`, `\]`).Replace(f.usage)
	if f.value == "" {
		return shQuote("--" + f.name + "[" + desc + "]")
	}
	action := ""
	switch {
	case f.files:
		action = "_files"
	case f.choices != nil:
		action = "(" + strings.Join(f.choices, " ") + ")"
	}
	return shQuote("--" + f.name + "=[" + desc + "]:" + f.value + ":" + action)
}

func writeZsh(w io.Writer, cmds []commandDoc, settings []flagDoc) {
	fmt.Fprint(w, `#compdef make-connect
# zsh completion for make-connect, written by "make-connect completion zsh" from
# the commands' own flags. Save it as _make-connect in a folder of $fpath, or
# load it with: source <(make-connect completion zsh)
_make-connect() {
	local -a commands settings
	commands=(
`)
	for _, c := range cmds {
		fmt.Fprintf(w, "\t\t%s\n", shQuote(c.name+":"+c.what))
	}
	fmt.Fprint(w, "\t)\n\tsettings=(\n")
	for _, f := range settings {
		fmt.Fprintf(w, "\t\t%s\n", zshSpec(f))
	}
	fmt.Fprint(w, `	)
	if (( CURRENT == 2 )); then
		if [[ $PREFIX == -* ]]; then
			compadd -- --help --version
		else
			_describe -t commands 'make-connect command' commands
		fi
		return
	fi
	local cmd=$words[2]
	shift words
	(( CURRENT-- ))
	case $cmd in
`)
	for _, c := range cmds {
		if c.args != nil {
			fmt.Fprintf(w, "\t(%s) _arguments : %s ;;\n", c.name, shQuote("1:"+c.name+":("+strings.Join(c.args, " ")+")"))
			continue
		}
		specs := []string{"-S", ":", "$settings", zshSpec(flagDoc{name: "help", usage: "list the command's flags"})}
		for _, f := range c.flags {
			specs = append(specs, zshSpec(f))
		}
		fmt.Fprintf(w, "\t(%s) _arguments %s ;;\n", c.name, strings.Join(specs, " "))
	}
	fmt.Fprint(w, `	esac
}
if [[ $funcstack[1] == _make-connect ]]; then
	_make-connect "$@"
else
	compdef _make-connect make-connect
fi
`)
}

// fishQuote quotes s for fish.
func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

func writeFish(w io.Writer, cmds []commandDoc, settings []flagDoc) {
	fmt.Fprint(w, `# fish completion for make-connect, written by "make-connect completion fish" from
# the commands' own flags. Save it as ~/.config/fish/completions/make-connect.fish.
complete -c make-connect -f
complete -c make-connect -n __fish_use_subcommand -l help -d 'list the commands'
complete -c make-connect -n __fish_use_subcommand -l version -d 'the version'
`)
	var withFlags []string
	for _, c := range cmds {
		fmt.Fprintf(w, "complete -c make-connect -n __fish_use_subcommand -a %s -d %s\n", c.name, fishQuote(c.what))
		if c.args == nil {
			withFlags = append(withFlags, c.name)
		}
	}
	flag := func(commands []string, f flagDoc) {
		fmt.Fprintf(w, "complete -c make-connect -n %s -l %s", fishQuote("__fish_seen_subcommand_from "+strings.Join(commands, " ")), f.name)
		switch {
		case f.files:
			fmt.Fprint(w, " -r -F")
		case f.choices != nil:
			fmt.Fprintf(w, " -x -a %s", fishQuote(strings.Join(f.choices, " ")))
		case f.value != "":
			fmt.Fprint(w, " -x")
		}
		fmt.Fprintf(w, " -d %s\n", fishQuote(f.usage))
	}
	for _, c := range cmds {
		if c.args != nil {
			fmt.Fprintf(w, "complete -c make-connect -n %s -x -a %s\n", fishQuote("__fish_seen_subcommand_from "+c.name),
				fishQuote(strings.Join(c.args, " ")))
		}
		for _, f := range c.flags {
			flag([]string{c.name}, f)
		}
	}
	for _, f := range append(settings, flagDoc{name: "help", usage: "list the command's flags"}) {
		flag(withFlags, f)
	}
}

// psQuote quotes s for PowerShell, which also ends a quoted string at a
// typographic single quote.
func psQuote(s string) string {
	return "'" + strings.NewReplacer(`'`, `''`, "\u2018", "\u2018\u2018", "\u2019", "\u2019\u2019").Replace(s) + "'"
}

// psList is names as a PowerShell array.
func psList(names []string) string {
	var q []string
	for _, n := range names {
		q = append(q, psQuote(n))
	}
	return "@(" + strings.Join(q, ", ") + ")"
}

func writePowerShell(w io.Writer, cmds []commandDoc, settings []flagDoc) {
	fmt.Fprint(w, `# PowerShell completion for make-connect, written by "make-connect completion powershell"
# from the commands' own flags. Load it with (in $PROFILE):
#   make-connect completion powershell | Out-String | Invoke-Expression
Register-ArgumentCompleter -Native -CommandName 'make-connect', 'make-connect.com', 'make-connect.exe' -ScriptBlock {
	param($wordToComplete, $commandAst, $cursorPosition)
	$flags = @{
`)
	var names, values []string
	args := map[string][]string{}
	for _, c := range cmds {
		names = append(names, c.name)
		if c.args != nil {
			args[c.name] = c.args
			continue
		}
		all := allFlags(c, settings)
		var dashed []string
		for _, f := range all {
			dashed = append(dashed, "--"+f.name)
		}
		fmt.Fprintf(w, "\t\t%s = %s\n", psQuote(c.name), psList(dashed))
		values = append(values, valueFlags(all)...)
	}
	fmt.Fprint(w, "\t}\n\t$arguments = @{\n")
	for _, c := range cmds {
		if a := args[c.name]; a != nil {
			fmt.Fprintf(w, "\t\t%s = %s\n", psQuote(c.name), psList(a))
		}
	}
	fmt.Fprint(w, "\t}\n\t$choices = @{\n")
	var files []string
	for _, f := range hinted(cmds, settings) {
		if f.files {
			files = append(files, "--"+f.name)
		} else {
			fmt.Fprintf(w, "\t\t%s = %s\n", psQuote("--"+f.name), psList(f.choices))
		}
	}
	fmt.Fprintf(w, "\t}\n\t$files = %s\n\t$values = %s\n\t$commands = %s\n", psList(files), psList(values),
		psList(append(names, "--help", "--version")))
	fmt.Fprint(w, `	$words = @($commandAst.CommandElements | Where-Object { $_.Extent.EndOffset -lt $cursorPosition } |
		ForEach-Object { $_.Extent.Text })
	$candidates = @()
	if ($words.Count -le 1) {
		$candidates = $commands
	} elseif ($arguments.ContainsKey($words[1])) {
		if ($words.Count -eq 2) { $candidates = $arguments[$words[1]] }
	} else {
		# Go's flags are -name and --name alike.
		$prev = $words[-1] -replace '^-([^-])', '--$1'
		if ($choices.ContainsKey($prev)) {
			$candidates = $choices[$prev]
		} elseif ($files -contains $prev) {
			return # PowerShell offers the paths itself
		} elseif ($values -notcontains $prev -and $flags.ContainsKey($words[1])) {
			$candidates = $flags[$words[1]]
		}
	}
	$candidates | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
		[System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
	}
}
`)
}
