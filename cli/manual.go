package cli

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/make-connect/make-connect/internal/adapters/config"
)

// WriteManual writes make-connect(1), the manual page, in roff (man(7)):
// the commands and their flags read from their own definitions, as --help
// and the completion scripts read them, and the exit codes --help lists.
// date is the page's date, as 2006-01-02. The packages ship it, written
// at build time (dev/cmd/clidocs).
func WriteManual(w io.Writer, date string) error {
	b := bufio.NewWriter(w)
	m := manual{b}
	m.line(`.\" Written by dev/cmd/clidocs from the commands' own flags (cli.WriteManual); do not edit.`)
	if _, err := time.Parse(time.DateOnly, date); err != nil {
		return fmt.Errorf("the manual's date: %w", err)
	}
	// The date is written as it is: "2026\-12\-02" is no date to mandoc.
	m.line(fmt.Sprintf(`.TH MAKE\-CONNECT 1 %s "%s" "User Commands"`, date, roffEscape(config.AppName+" "+config.FullVersion())))
	m.section("NAME")
	m.text("make-connect - connect Make accounts to this computer")

	m.section("SYNOPSIS")
	m.macro("B", "make-connect")
	m.macro("I", "command")
	m.macro("RI", "[", "flags", "]")
	m.line(".br")
	m.macro("B", "make-connect --version")

	m.section("DESCRIPTION")
	m.macro("B", "make-connect")
	m.text("signs in to Make (make.com) with OAuth 2.0 in a browser on any computer, and keeps the tokens in a " +
		"keychain, never in a plain file: the desktop's (the Secret Service, the macOS Keychain, the Windows " +
		"Credential Manager) or, on a Linux server, the kernel's keyring (--keychain kernel), which needs no daemon. " +
		"Scripts then ask it for a valid access token. Without a command it opens the window, when the desktop " +
		"package (make-connect) is installed.")
	m.text("Errors go to stderr: what happened and what to do first, the technical detail under it. " +
		"Nothing it prints holds a token, except what token prints on stdout.")

	m.section("COMMANDS")
	for _, c := range commandDocs() {
		m.macro("TP")
		m.macro("B", "make-connect "+c.synopsis)
		m.text(c.what + ".")
		if len(c.flags) > 0 {
			m.macro("RS")
			m.flags(c.flags)
			m.macro("RE")
		}
	}

	m.section("SETTINGS")
	m.text("Every command takes these flags. A flag overrides the environment variable named beside it, which " +
		"overrides the saved settings; an organization's policy, if it set one, overrides them all " +
		"(make-connect doctor lists each value and where it came from). -h or --help after a command lists its flags.")
	m.flags(settingsFlags())

	m.section("EXIT STATUS")
	for _, e := range exitCodes {
		m.macro("TP")
		m.macro("B", fmt.Sprint(e.code))
		m.text(e.meaning + ".")
	}

	m.section("ENVIRONMENT")
	m.text("Each setting's variable is named in SETTINGS. Besides them:")
	for _, v := range [][2]string{
		{config.EnvAccount, "the account token and disconnect use when --account is not given; make-connect use saves it."},
		{config.EnvDebug + "=1", "the same as --verbose for every command."},
		{config.EnvConfigDir, "where the settings are saved, instead of make-connect under the user's configuration directory."},
		{"HTTPS_PROXY, HTTP_PROXY, NO_PROXY", "honoured by every request; the loopback interface is never proxied."},
	} {
		m.macro("TP")
		m.macro("B", v[0])
		m.text(v[1])
	}

	m.section("FILES")
	for _, f := range [][2]string{
		{"~/.config/make-connect/settings.json", "the saved settings (the window's Settings, make-connect use)."},
		{"/etc/make-connect/policy.json", "an organization's managed policy on Linux: a JSON object of its keys, writable by root alone."},
	} {
		m.macro("TP")
		m.macro("I", f[0])
		m.text(f[1])
	}

	m.section("SEE ALSO")
	m.text("/usr/share/doc/make-connect-cli/server.md (SERVER.md in the archives): a server, the kernel keyring, cron. " +
		"The guides for support staff and administrators: https://github.com/make-connect/make-connect/tree/main/docs")
	return b.Flush()
}

// manual writes roff.
type manual struct{ w *bufio.Writer }

func (m manual) line(s string) { m.w.WriteString(s + "\n") }

// text writes a line of text.
func (m manual) text(s string) { m.line(roffText(s)) }

// macro writes a request with its arguments, each quoted.
func (m manual) macro(name string, args ...string) {
	s := "." + name
	for _, a := range args {
		s += ` "` + roffEscape(a) + `"`
	}
	m.line(s)
}

func (m manual) section(name string) { m.macro("SH", name) }

// flags writes each flag as a tagged paragraph: --name VALUE, then its
// usage.
func (m manual) flags(flags []flagDoc) {
	for _, f := range flags {
		m.macro("TP")
		if f.value == "" {
			m.macro("B", "--"+f.name)
		} else {
			m.macro("BI", "--"+f.name+" ", f.value)
		}
		m.text(f.usage + ".")
	}
}

// roffText is s as a text line: escaped, and not taken for a request
// when it starts with a dot or a quote.
func roffText(s string) string {
	s = roffEscape(s)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}

// roffEscape escapes what roff would read otherwise: backslashes, minus
// signs (\- stays a minus sign, so that flags copy as typed), double
// quotes (macro arguments are quoted) and every character beyond ASCII,
// as \[uXXXX].
func roffEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\e`)
		case r == '-':
			b.WriteString(`\-`)
		case r == '"':
			b.WriteString(`\(dq`)
		case r > 0x7e:
			fmt.Fprintf(&b, `\[u%04X]`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
