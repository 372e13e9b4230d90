package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/words/explain"
)

// openAbout shows the app's icon, name, version and build: the values of
// FyneApp.toml that `make-connect --version` prints too, so support staff
// can tell which one a person has. It also says where the accounts are
// kept, and copies the diagnostics a person can send to support.
func (w *Window) openAbout() {
	content := container.NewVBox()
	if w.opts.Icon != nil {
		icon := canvas.NewImageFromResource(w.opts.Icon)
		icon.FillMode = canvas.ImageFillContain
		icon.SetMinSize(fyne.NewSize(64, 64))
		content.Add(container.NewCenter(icon))
	}
	content.Add(widget.NewLabelWithStyle(config.AppName+" "+config.FullVersion(), fyne.TextAlignCenter, fyne.TextStyle{Bold: true}))
	content.Add(widget.NewLabelWithStyle(config.AppID, fyne.TextAlignCenter, fyne.TextStyle{}))
	content.Add(wrapped(whatItDoes()))
	where := vars{"Name": w.setup.cfg.KeyringService}
	if w.setup.cfg.Keychain == "kernel" {
		content.Add(wrapped(lang.L("Accounts are kept in the kernel's keyring (in memory, yours alone) under the name {{.Name}}.", where)))
	} else {
		content.Add(wrapped(lang.L("Accounts are kept in this computer's keychain under the name {{.Name}}.", where)))
	}
	if policy := w.setup.cfg.Policy; !policy.Empty() {
		if policy.ManagedBy != "" {
			content.Add(widget.NewLabelWithStyle(explain.ManagedBy(policy.ManagedBy), fyne.TextAlignCenter, fyne.TextStyle{Bold: true}))
		}
		content.Add(wrapped(lang.L("Your organization's policy sets some settings; Settings shows which, \"make-connect doctor\" lists them all.")))
	}
	progress := wrapped("")
	progress.Hide()
	content.Add(progress)
	d := dialog.NewCustomWithoutButtons(lang.L("About {{.App}}", vars{"App": config.AppName}), content, w.win)
	closeButton := newButton(lang.L("Close"), widget.HighImportance, d.Hide)
	var copyButton *button
	copyButton = newButton(lang.L("Copy diagnostics"), widget.MediumImportance, func() { w.copyDiagnostics(progress, copyButton) })
	buttons := []fyne.CanvasObject{copyButton, closeButton}
	if w.opts.Notices != "" {
		buttons = append([]fyne.CanvasObject{newButton(lang.L("Licences"), widget.LowImportance, w.openLicences)}, buttons...)
	}
	d.SetButtons(buttons)
	w.showDialog(d, closeButton)
}

// openLicences shows Make Connect's licence and the third-party notices
// (Options.Notices), a line to a row: the text is some two thousand lines,
// and a list lays out only what is on screen.
func (w *Window) openLicences() {
	lines := strings.Split(strings.TrimRight(w.opts.Notices, "\n"), "\n")
	list := widget.NewList(func() int { return len(lines) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.TextStyle.Monospace = true
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(lines[i]) })
	d := dialog.NewCustomWithoutButtons(lang.L("Licences"), list, w.win)
	closeButton := newButton(lang.L("Close"), widget.HighImportance, d.Hide)
	d.SetButtons([]fyne.CanvasObject{closeButton})
	size := w.win.Canvas().Size()
	d.Resize(fyne.NewSize(size.Width*0.9, size.Height*0.9))
	w.showDialog(d, closeButton)
}
