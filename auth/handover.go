package auth

import (
	"errors"

	"github.com/make-connect/make-connect/internal/platform/instance"
)

// HandOverError means the attempt could not wait on this user's sign-in
// channel, where the app started with its private-use scheme hands the
// answer over: Err says why (a folder that is not the user's own…).
type HandOverError struct{ Err error }

func (e *HandOverError) Error() string {
	return "cannot wait for the browser's answer on this user's sign-in channel: " + e.Err.Error()
}

func (e *HandOverError) Unwrap() error { return e.Err }

// awaitHandOver puts the attempt on this user's sign-in channel in dir.
func awaitHandOver(dir string, receive func(string) error) (*instance.Waiting, error) {
	if dir == "" {
		return nil, &HandOverError{Err: errors.New("this user has no folder for it")}
	}
	w, err := instance.AwaitSignIn(dir, receive)
	if err != nil {
		return nil, &HandOverError{Err: err}
	}
	return w, nil
}
