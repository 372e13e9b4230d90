package ui

import (
	"runtime"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/internal/adapters/config"
)

// waitPanel is shown while an attempt runs: what to do in the browser,
// the time the attempt has left, ways to get there again, and a field for
// the address the browser ended on when it cannot come back to this
// computer by itself. It never claims the browser opened: only the person
// can see that.
type waitPanel struct {
	box        *fyne.Container
	heading    *widget.Label
	who        *widget.Label // the account being reconnected, if one is
	activity   *widget.Activity
	left       *timeLeft
	hint       *widget.Label
	buttons    *fyne.Container
	cancel     *button
	copyLink   *button
	openAgain  *button
	paste      *entry
	finish     *button
	pasteError *widget.Label
	pasteIntro *widget.Label // says when to paste, by the kind of redirect URI
}

// waitingText is the panel's heading while the attempt waits for the
// browser.
func waitingText() string { return lang.L("Waiting for you to approve in your browser…") }

// loopbackPasteIntro says when to paste with a loopback redirect URI.
func loopbackPasteIntro() string {
	return lang.L("If your browser shows an error page after you approve, it could not come back to this app. Copy the address from its address bar:")
}

// waitActions is what the wait panel's buttons do: the window's connect
// flow.
type waitActions struct {
	cancel, copyLink, openAgain, finish func()
}

func newWaitPanel(do waitActions, b *bridge) *waitPanel {
	p := &waitPanel{
		heading:    widget.NewLabelWithStyle(waitingText(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		activity:   widget.NewActivity(),
		left:       newTimeLeft(b),
		hint:       wrapped(""),
		who:        wrapped(""),
		paste:      newEntry(false),
		pasteError: wrapped(""),
		pasteIntro: wrapped(""),
	}
	p.cancel = newButton(lang.L("Cancel"), widget.MediumImportance, do.cancel)
	p.copyLink = newButton(lang.L("Copy link"), widget.MediumImportance, do.copyLink)
	p.openAgain = newButton(lang.L("Open browser again"), widget.MediumImportance, do.openAgain)
	p.finish = newButton(lang.L("Finish connecting"), widget.MediumImportance, do.finish)
	p.paste.OnSubmitted = func(string) { do.finish() }
	p.paste.OnChanged = func(string) { p.pasteError.Hide() }
	p.paste.SetPlaceHolder("http://127.0.0.1:…/callback?code=…")
	p.pasteIntro.SetText(loopbackPasteIntro())
	p.pasteError.Importance = widget.DangerImportance
	p.pasteError.Hide()
	p.buttons = newWrapRow()
	p.heading.Wrapping = fyne.TextWrapWord

	pasteLabel := widget.NewLabel(lang.L("Paste the address your browser ended on"))
	p.box = container.NewVBox(
		container.NewBorder(nil, nil, p.activity, p.left.label, p.heading),
		p.who,
		p.hint,
		p.buttons,
		widget.NewSeparator(),
		p.pasteIntro,
		pasteLabel,
		container.NewBorder(nil, nil, nil, p.finish, p.paste),
		p.pasteError,
	)
	p.order(p.cancel, p.copyLink, p.openAgain)
	return p
}

// order lays the buttons out in this order, which Tab follows.
func (p *waitPanel) order(buttons ...*button) {
	p.buttons.Objects = nil
	for _, b := range buttons {
		p.buttons.Add(b)
	}
}

// starting shows the panel before the attempt is ready: nothing to copy
// or open yet. who names the account being reconnected; "" for a new one.
func (p *waitPanel) starting(who string) {
	if who != "" {
		p.who.SetText(lang.L("Reconnecting {{.Name}}: sign in as this person.", vars{"Name": who}))
	}
	show(p.who, who != "")
	p.heading.SetText(lang.L("Getting ready to connect…"))
	p.setHint(lang.L("Make Connect is asking Make how to sign in."))
	p.order(p.cancel, p.copyLink, p.openAgain)
	p.copyLink.Importance = widget.MediumImportance
	p.paste.SetText("")
	p.pasteError.Hide()
	for _, d := range []fyne.Disableable{p.copyLink, p.openAgain, p.paste, p.finish} {
		d.Disable()
	}
	p.activity.Start()
	p.activity.Show()
}

// goos is the operating system the window runs on; tests set it.
var goos = runtime.GOOS

// waiting shows the panel once the attempt is ready, and counts down to
// its deadline. kind and redirect say where the browser goes after the
// person approves, and so when the address is to be pasted: after an
// error page (loopback), if the app's scheme brings nothing back, or
// always (the organization's https page, where the browser stays).
func (p *waitPanel) waiting(deadline time.Time, kind config.RedirectKind, redirect string) {
	p.heading.SetText(waitingText())
	placeholder := redirect + "?code=…"
	switch kind {
	case config.HTTPSPage:
		p.pasteIntro.SetText(lang.L("After you approve, your browser ends on your organization's page {{.Page}}. Copy the address from its address bar and paste it here:",
			vars{"Page": redirect}))
	case config.PrivateScheme:
		if !config.SchemeHandedOver(goos) {
			p.pasteIntro.SetText(lang.L("After you approve, your browser asks macOS to open Make Connect, but on macOS the answer does not reach this window. If your browser shows the address it ended on, paste it here; if not, cancel and set a loopback redirect URI or your organization's relay page in Settings:"))
			break
		}
		p.pasteIntro.SetText(lang.L("After you approve, your browser hands the sign-in back to this app (allow it to open Make Connect if it asks). If nothing comes back, copy the address your browser ended on:"))
	default:
		p.pasteIntro.SetText(loopbackPasteIntro())
		placeholder = "http://127.0.0.1:…/callback?code=…"
	}
	p.paste.SetPlaceHolder(placeholder)
	p.setHint(lang.L("Make's sign-in page should open in your browser. Sign in there and press Allow; this window updates by itself. " +
		"No page? Press Open browser again, or Copy link to open it in any browser, on this computer or another."))
	for _, d := range []fyne.Disableable{p.copyLink, p.openAgain, p.paste, p.finish} {
		d.Enable()
	}
	p.left.start(deadline)
}

// launchFailed says the browser could not be given the page, why, and
// puts Copy link first: it is now the way to go on.
func (p *waitPanel) launchFailed(why string) {
	p.setHint(lang.L("Your browser could not be opened ({{.Reason}}). Press Copy link and paste the link into a browser's address bar, on this computer or another.", vars{"Reason": why}))
	p.order(p.copyLink, p.cancel, p.openAgain)
	p.copyLink.Importance = widget.HighImportance
	p.copyLink.Refresh()
}

// pasting shows that a pasted address is being checked and exchanged.
func (p *waitPanel) pasting(busy bool) {
	enable(p.finish, !busy)
	enable(p.paste, !busy)
	if busy {
		p.heading.SetText(lang.L("Finishing the connection…"))
	} else {
		p.heading.SetText(waitingText())
	}
}

func (p *waitPanel) setHint(text string) { p.hint.SetText(text) }

// address is the address pasted into the field.
func (p *waitPanel) address() string { return strings.TrimSpace(p.paste.Text) }

// pasteFailed says, under the field, why the pasted address is not the
// one the sign-in ended on; typing in the field hides it again.
func (p *waitPanel) pasteFailed(why string) {
	p.pasteError.SetText(why)
	p.pasteError.Show()
}

// stop ends the animation, which would otherwise keep repainting, and the
// countdown.
func (p *waitPanel) stop() {
	p.activity.Stop()
	p.activity.Hide()
	p.left.stop()
}
