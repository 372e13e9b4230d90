package accounts

import (
	"errors"
	"regexp"
	"strings"

	"github.com/make-connect/make-connect/internal/core/account"
)

// ErrTokenNotForShell means the access token holds a character a bearer
// token may not (RFC 6750 §2.1), so no shell command is made with it: a
// line break could end the here-document and run the rest as commands.
var ErrTokenNotForShell = errors.New("the access token holds characters a bearer token may not")

// b64token is RFC 6750's b64token, all a bearer token may hold.
var b64token = regexp.MustCompile(`^[A-Za-z0-9._~+/-]+=*$`)

// CurlCommand is a POSIX shell command that asks Make who the account's
// token belongs to, at the account's own API base: a quick way to try a
// token. The token is never an argument, which every user of the computer
// can read while curl runs (/proc/PID/cmdline): curl reads the header
// from a here-document on its standard input (-H @-, curl 7.55 or later).
// The leading space keeps the command, here-document and all, out of the
// history of a shell that ignores such lines (bash with
// HISTCONTROL=ignorespace or ignoreboth, as Debian and Ubuntu set it).
func CurlCommand(c *account.Connected) (string, error) {
	if !b64token.MatchString(c.AccessToken) {
		return "", ErrTokenNotForShell
	}
	return " curl -H @- " + shellWord(strings.TrimSuffix(c.APIBase, "/")+"/users/me") + " <<'END'\n" +
		"Authorization: Bearer " + c.AccessToken + "\nEND\n", nil
}

// plainWord matches what a shell reads as one word without quotes.
var plainWord = regexp.MustCompile(`^[A-Za-z0-9:/._~%+@=,-]+$`)

// shellWord quotes s for a POSIX shell when it needs quoting.
func shellWord(s string) string {
	if plainWord.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
