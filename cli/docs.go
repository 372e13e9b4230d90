package cli

import (
	"flag"
	"strings"

	"github.com/make-connect/make-connect/internal/adapters/config"
)

// A commandDoc is a command as --help, the man page and the completion
// scripts describe it, read from the command's own definition: the flags
// are those its flag set holds, so none of them keeps a list of its own.
type commandDoc struct {
	name string
	// synopsis is the command and what follows it, as --help shows it
	// ("token [--account ID] [--json] [--min-valid 10m]"); what is what it
	// does.
	synopsis, what string
	// flags are the command's own, without the settings' every command
	// takes (settingsFlags).
	flags []flagDoc
	// args are the words that may follow the command (completion's
	// shells); nil when any, or none, may.
	args []string
}

// A flagDoc is one flag of a flag set.
type flagDoc struct {
	name, usage string
	// value names the flag's value as "-h" does ("string", "duration",
	// "ID"); "" for a switch (--json), which takes none.
	value string
	// files is set when the value is a file's path (--ca-file), and
	// choices when it is one of a few words (--zone): what a shell offers.
	files   bool
	choices []string
}

// commandDocs are the commands in the order --help lists them, completion
// last.
func commandDocs() []commandDoc {
	var docs []commandDoc
	for _, c := range commands {
		fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
		c.flags(fs)
		synopsis, what, _ := strings.Cut(c.usage, "\t")
		docs = append(docs, commandDoc{name: c.name, synopsis: synopsis, what: what, flags: flagDocs(fs)})
	}
	return append(docs, commandDoc{name: "completion", synopsis: "completion " + strings.Join(shellNames(), "|"),
		what: "print the completion script for that shell", args: shellNames()})
}

// settingsFlags are the flags every command takes: the settings' and
// --verbose (config.Flags).
func settingsFlags() []flagDoc {
	fs := flag.NewFlagSet("settings", flag.ContinueOnError)
	new(config.Flags).Register(fs)
	return flagDocs(fs)
}

// flagDocs are the flags of fs, sorted by name.
func flagDocs(fs *flag.FlagSet) []flagDoc {
	var docs []flagDoc
	fs.VisitAll(func(f *flag.Flag) {
		value, usage := flag.UnquoteUsage(f)
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			value = ""
		}
		d := flagDoc{name: f.Name, usage: usage, value: value}
		switch f.Name {
		case config.FlagName(config.EnvCAFile):
			d.files = true
		case config.FlagName(config.EnvZone):
			d.choices = config.Zones
		}
		docs = append(docs, d)
	})
	return docs
}

// valueFlags are the names of the flags among docs that take a value.
func valueFlags(docs []flagDoc) []string {
	var names []string
	for _, d := range docs {
		if d.value != "" {
			names = append(names, "--"+d.name)
		}
	}
	return names
}
