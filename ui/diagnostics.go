package ui

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/core/doctor"
	"github.com/make-connect/make-connect/internal/words/explain"
)

// diagnosticsTimeout bounds gathering the diagnostics; the doctor's
// checks bound themselves too.
const diagnosticsTimeout = time.Minute

// copiedDiagnostics says what Copy diagnostics put on the clipboard.
func copiedDiagnostics() string {
	return lang.L("Copied the diagnostics: the checks of make-connect doctor, the last lines of the request log, " +
		"the app's version and build, the system and the Fyne version. Tokens, codes and states in them are hidden.")
}

// copyDiagnostics puts on the clipboard what support needs to see what
// went wrong: the doctor's report (run off the UI goroutine with the
// window's configuration, client and keychain), the log's tail, the
// version and the system, redacted. progress says how it goes; button is
// disabled meanwhile.
func (w *Window) copyDiagnostics(progress *widget.Label, button *button) {
	button.Disable()
	progress.SetText(lang.L("Running make-connect doctor's checks…"))
	progress.Show()
	run, getenv, log := w.setup.backend.Doctor, w.settings.getenv, w.log
	w.bridge.backgroundFor(diagnosticsTimeout, func(ctx context.Context) func() {
		text := diagnostics(run(ctx, getenv), log.tail(), time.Now())
		return func() {
			w.app.Clipboard().SetContent(text)
			button.Enable()
			progress.SetText(copiedDiagnostics())
			w.notice.set(lang.L("The diagnostics are on the clipboard, to paste into a message to support."), nil)
		}
	})
}

// diagnostics is the text Copy diagnostics copies, redacted. It is for
// support, so in English whatever the window's language.
func diagnostics(r doctor.Report, logTail string, now time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s (%s)\n", config.AppName, config.FullVersion(), config.AppID)
	fmt.Fprintf(&b, "Date: %s\n", now.Format(logTime))
	fmt.Fprintf(&b, "System: %s/%s; %s; Fyne %s\n", runtime.GOOS, runtime.GOARCH, runtime.Version(), fyneVersion())
	b.WriteString("\nmake-connect doctor:\n")
	explain.Doctor(r).WriteText(&b)
	b.WriteString("\nRequest log, last lines:\n")
	b.WriteString(logTail)
	return redact(b.String())
}

// fyneVersion is the version of Fyne the app was built with.
func fyneVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, m := range info.Deps {
			if m.Path == "fyne.io/fyne/v2" {
				return m.Version
			}
		}
	}
	return "(unknown)"
}
