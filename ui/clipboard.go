package ui

import (
	"crypto/sha256"

	"github.com/make-connect/make-connect/internal/app"
)

// The clipboard outlives what the window put there, so the window takes
// its secrets (a token, a curl command, the sign-in link with its state)
// back: when their time is up, when the attempt a link belongs to ends,
// and when the window closes — each time only if the clipboard still
// holds them, since the person may have copied something else since. It
// keeps their hash, never the secret. On Windows they are also marked to
// stay out of clipboard history, the cloud clipboard and clipboard
// managers (app.SetPrivateClipboard).

// secretOnClipboard is what the window last put on the clipboard that it
// must take back: its hash, and whether there is one.
type secretOnClipboard struct {
	sum [32]byte
	set bool
}

// putSecret puts secret on the clipboard, marked private where the system
// can, and remembers it so that closing the window takes it back.
func (w *Window) putSecret(secret string) [32]byte {
	if err := w.opts.setPrivateClipboard(secret); err != nil {
		w.app.Clipboard().SetContent(secret)
	}
	sum := sha256.Sum256([]byte(secret))
	w.clipped = secretOnClipboard{sum: sum, set: true}
	return sum
}

// takeBack clears the clipboard if it still holds the secret whose hash is
// sum, and reports whether it did.
func (w *Window) takeBack(sum [32]byte) bool {
	cb := w.app.Clipboard()
	if sha256.Sum256([]byte(cb.Content())) != sum {
		return false // the person copied something else since
	}
	cb.SetContent("")
	if w.clipped.sum == sum {
		w.clipped = secretOnClipboard{}
	}
	return true
}

// takeBackOnClose clears the clipboard as the window closes, if it still
// holds the secret the window put there last.
func (w *Window) takeBackOnClose() {
	if w.clipped.set {
		w.takeBack(w.clipped.sum)
	}
}

// setPrivateClipboard is Options.SetPrivateClipboard, or
// app.SetPrivateClipboard.
func (o Options) setPrivateClipboard(text string) error {
	if o.SetPrivateClipboard != nil {
		return o.SetPrivateClipboard(text)
	}
	return app.SetPrivateClipboard(text)
}
