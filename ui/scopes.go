package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/makeapi"
)

// makeScopes are the checklist: openid, then Make's own scopes.
var makeScopes = append([]string{"openid"}, makeapi.Scopes...)

// scopePicker is a checklist of Make's scopes and a field for any others.
type scopePicker struct {
	checks []*widget.Check
	other  *widget.Entry
	chosen *widget.Label // the choice at a glance: the list scrolls
	box    fyne.CanvasObject
}

func newScopePicker(selected []string) *scopePicker {
	p := &scopePicker{other: widget.NewEntry(), chosen: wrapped("")}
	grid := container.NewVBox()
	for _, s := range makeScopes {
		c := widget.NewCheck(s, func(bool) { p.showChosen() })
		c.Checked = slices.Contains(selected, s)
		p.checks = append(p.checks, c)
		grid.Add(c)
	}
	var others []string
	for _, s := range selected {
		if !slices.Contains(makeScopes, s) {
			others = append(others, s)
		}
	}
	p.other.SetText(strings.Join(others, " "))
	p.other.SetPlaceHolder("Other scopes, separated by spaces")
	p.other.OnChanged = func(string) { p.showChosen() }
	scroll := container.NewVScroll(grid)
	scroll.SetMinSize(fyne.NewSize(0, 180))
	p.box = container.NewVBox(p.chosen, scroll, p.other)
	p.showChosen()
	return p
}

func (p *scopePicker) showChosen() {
	if chosen := p.selected(); len(chosen) > 0 {
		p.chosen.SetText("Chosen: " + strings.Join(chosen, ", "))
	} else {
		p.chosen.SetText("None chosen")
	}
}

// selected is the chosen scopes in the checklist's order, then the others.
func (p *scopePicker) selected() []string {
	var out []string
	for _, c := range p.checks {
		if c.Checked {
			out = append(out, c.Text)
		}
	}
	return auth.SplitScopes(strings.Join(append(out, p.other.Text), " "))
}

func (p *scopePicker) disable() {
	for _, c := range p.checks {
		c.Disable()
	}
	p.other.Disable()
}

// scopeProblem says what is wrong with a scope list, in plain words; ""
// when nothing is.
func scopeProblem(scopes []string) string {
	if len(scopes) == 0 {
		return "Choose at least one scope."
	}
	for _, s := range scopes {
		// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
		for _, r := range s {
			if r < 0x21 || r > 0x7e || r == '"' || r == '\\' {
				return fmt.Sprintf("%q is not a scope: scopes are written without quotes, backslashes or other special characters.", s)
			}
		}
	}
	if !slices.Contains(scopes, "openid") && !slices.Contains(scopes, "user:read") {
		return "Choose openid or user:read, so Make Connect can tell who connected."
	}
	return ""
}
