package main

import (
	"net/url"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/platform/instance"
)

// isAnswer reports whether the program was started as the operating
// system starts it when the browser ends a sign-in on the app's
// private-use scheme: with that address, and nothing else
// ("make-connect com.makeconnect.app:/callback?code=…&state=…").
func isAnswer(args []string) bool {
	if len(args) != 1 {
		return false
	}
	u, err := url.Parse(args[0])
	return err == nil && u.Scheme != "" && u.Scheme == config.Scheme()
}

// handAnswerOver gives the address to the sign-in that waits for it, the
// window's or a command line's (instance.HandOver), within a second, and
// returns the exit code. The address carries the authorization code and
// the state: it is never printed or logged, whatever happens. When no
// sign-in took it, the program says so (answerNotTaken).
func handAnswerOver(address string) int {
	dir, err := instance.SignInDir()
	if err == nil {
		err = instance.HandOver(dir, address)
	}
	if err == nil {
		return 0
	}
	return answerNotTaken(err)
}
