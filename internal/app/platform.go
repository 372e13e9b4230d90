package app

import (
	"io"

	"github.com/make-connect/make-connect/internal/platform/logfile"
	"github.com/make-connect/make-connect/internal/platform/secretclip"
	"github.com/make-connect/make-connect/internal/platform/webbrowser"
)

// What the faces need of the platform helpers is handed over here, so
// that a face never imports one (layers_test.go): the faces show and
// ask, the composition root decides what this computer does.

// BrowserUnavailable says why no browser can be opened for the person
// here, in the app's environment: an SSH session, or Linux without a
// display (webbrowser.Unavailable). "" when one can.
func (a *App) BrowserUnavailable() string { return webbrowser.Unavailable(a.env.Getenv, a.env.GOOS) }

// A LogFile is a log that keeps itself small (OpenLog).
type LogFile interface {
	io.WriteCloser
	// Tail returns up to the last n bytes of the log, across its files.
	Tail(n int) (string, error)
}

// OpenLog opens the log name in dir for appending, creating both,
// readable by this user only: at most two files of max bytes, name and
// name.1 (logfile.Open).
func OpenLog(dir, name string, max int64) (LogFile, error) {
	w, err := logfile.Open(dir, name, max)
	if err != nil {
		return nil, err // not a nil *logfile.Writer in a LogFile
	}
	return w, nil
}

// SetPrivateClipboard puts a secret on the clipboard marked private
// (secretclip.Set): kept out of clipboard history, the cloud clipboard
// and clipboard managers on Windows. Elsewhere it fails with
// secretclip.ErrUnsupported, and a face uses its toolkit's clipboard.
func SetPrivateClipboard(text string) error { return secretclip.Set(text) }
