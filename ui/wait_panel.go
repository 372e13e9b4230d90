package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// waitPanel is shown while an attempt runs: what to do in the browser,
// ways to get there again, and a field for the address the browser ended
// on when it cannot come back to this computer by itself.
type waitPanel struct {
	box        *fyne.Container
	heading    *widget.Label
	activity   *widget.Activity
	hint       *widget.Label
	cancel     *button
	copyLink   *button
	openAgain  *button
	paste      *widget.Entry
	finish     *button
	pasteError *widget.Label
}

const waitingText = "Waiting for you to approve in your browser…"

// waitActions is what the wait panel's buttons do: the window's connect
// flow.
type waitActions struct {
	cancel, copyLink, openAgain, finish func()
}

func newWaitPanel(do waitActions) waitPanel {
	p := waitPanel{
		heading:    widget.NewLabelWithStyle(waitingText, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		activity:   widget.NewActivity(),
		hint:       wrapped(""),
		paste:      widget.NewEntry(),
		pasteError: wrapped(""),
	}
	p.cancel = newButton("Cancel", widget.MediumImportance, do.cancel)
	p.copyLink = newButton("Copy link", widget.MediumImportance, do.copyLink)
	p.openAgain = newButton("Open browser again", widget.MediumImportance, do.openAgain)
	p.finish = newButton("Finish connecting", widget.MediumImportance, do.finish)
	p.paste.SetPlaceHolder("http://127.0.0.1:…/callback?code=…")
	p.paste.OnSubmitted = func(string) { do.finish() }
	p.paste.OnChanged = func(string) { p.pasteError.Hide() }
	p.pasteError.Importance = widget.DangerImportance
	p.pasteError.Hide()

	pasteLabel := widget.NewLabel("Paste the address your browser ended on")
	p.box = container.NewVBox(
		container.NewHBox(p.activity, p.heading),
		p.hint,
		container.NewHBox(p.cancel, p.copyLink, p.openAgain),
		widget.NewSeparator(),
		wrapped("If your browser shows an error page after you approve, it could not come back to this app. Copy the address from its address bar:"),
		pasteLabel,
		container.NewBorder(nil, nil, nil, p.finish, p.paste),
		p.pasteError,
	)
	return p
}

// starting shows the panel before the attempt is ready: nothing to copy
// or open yet.
func (p *waitPanel) starting() {
	p.heading.SetText("Getting ready to connect…")
	p.setHint("Make Connect is asking Make how to sign in.")
	p.paste.SetText("")
	p.pasteError.Hide()
	for _, d := range []fyne.Disableable{p.copyLink, p.openAgain, p.paste, p.finish} {
		d.Disable()
	}
	p.activity.Start()
	p.activity.Show()
}

// waiting shows the panel once the browser has been sent to Make.
func (p *waitPanel) waiting() {
	p.heading.SetText(waitingText)
	p.setHint("Your browser has opened Make's sign-in page. Sign in there and press Allow; this window updates by itself.")
	for _, d := range []fyne.Disableable{p.copyLink, p.openAgain, p.paste, p.finish} {
		d.Enable()
	}
}

// pasting shows that a pasted address is being checked and exchanged.
func (p *waitPanel) pasting(busy bool) {
	enable(p.finish, !busy)
	enable(p.paste, !busy)
	if busy {
		p.heading.SetText("Finishing the connection…")
	} else {
		p.heading.SetText(waitingText)
	}
}

func (p *waitPanel) setHint(text string) { p.hint.SetText(text) }

// address is the address pasted into the field.
func (p *waitPanel) address() string { return strings.TrimSpace(p.paste.Text) }

// pasteFailed says, under the field, why the pasted address did not
// finish connecting; typing in the field hides it again.
func (p *waitPanel) pasteFailed(err error) {
	p.pasteError.SetText(err.Error())
	p.pasteError.Show()
}

// stop ends the animation, which would otherwise keep repainting.
func (p *waitPanel) stop() {
	p.activity.Stop()
	p.activity.Hide()
}
