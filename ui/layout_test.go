package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/make-connect/make-connect/internal/core/account"
)

// drawn is a control or text as the window draws it: its place on the
// canvas, cut to the scroll it is in.
type drawn struct {
	what      string
	pos, size fyne.Position // size as a position: the far corner's offset
	min       fyne.Size     // what it asks for
	cut       bool          // a scroll shows only part of it
}

func (d drawn) String() string {
	return fmt.Sprintf("%s at %v+%v", d.what, d.pos, d.size)
}

// drawnOn lists the controls and texts the canvas shows: those of the
// topmost overlay (a dialog) when one is open, else the window's.
func drawnOn(c fyne.Canvas) []drawn {
	var out []drawn
	root, origin := c.Content(), fyne.NewPos(0, 0)
	if top := c.Overlays().Top(); top != nil {
		root = top
	}
	collect(root, origin, fyne.NewPos(0, 0), fyne.NewPos(c.Size().Width, c.Size().Height), &out)
	return out
}

func collect(o fyne.CanvasObject, origin, clipFrom, clipTo fyne.Position, out *[]drawn) {
	if o == nil || !o.Visible() {
		return
	}
	at := origin.Add(o.Position())
	add := func(what string) {
		end := at.Add(fyne.NewPos(o.Size().Width, o.Size().Height))
		from := fyne.NewPos(max(at.X, clipFrom.X), max(at.Y, clipFrom.Y))
		to := fyne.NewPos(min(end.X, clipTo.X), min(end.Y, clipTo.Y))
		if to.X <= from.X || to.Y <= from.Y {
			return // scrolled out of view
		}
		*out = append(*out, drawn{what: what, pos: from, size: to.Subtract(from), min: o.MinSize(), cut: from != at || to != end})
	}
	switch v := o.(type) {
	case *fyne.Container:
		for _, child := range v.Objects {
			collect(child, at, clipFrom, clipTo, out)
		}
	case *container.Scroll:
		end := at.Add(fyne.NewPos(v.Size().Width, v.Size().Height))
		from := fyne.NewPos(max(at.X, clipFrom.X), max(at.Y, clipFrom.Y))
		to := fyne.NewPos(min(end.X, clipTo.X), min(end.Y, clipTo.Y))
		collect(v.Content, at, from, to, out)
	case *widget.Label:
		if v.Text != "" {
			add("label " + quote(v.Text))
		}
	case *widget.RichText:
		if v.String() != "" {
			add("text " + quote(v.String()))
		}
	case *button:
		add("button " + quote(v.Text))
	case *widget.Button:
		add("button " + quote(v.Text))
	case *entry:
		add("entry " + quote(v.PlaceHolder))
	case *widget.Entry:
		add("entry " + quote(v.PlaceHolder))
	case *widget.Check:
		add("check " + quote(v.Text))
	case *widget.Icon, *widget.Select:
		add(fmt.Sprintf("%T", v))
	case *canvas.Text:
		if v.Text != "" {
			add("text " + quote(v.Text))
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(v).Objects() {
			collect(child, at, clipFrom, clipTo, out)
		}
	}
}

func quote(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return fmt.Sprintf("%q", s)
}

// layoutProblems says what is drawn over what, what is squeezed below the
// height it needs (its text would run over the next), and what runs past
// the window's right edge.
func layoutProblems(c fyne.Canvas) []string {
	const slack = 0.5
	var problems []string
	all := drawnOn(c)
	for i, a := range all {
		if !a.cut && a.size.Y+slack < a.min.Height {
			problems = append(problems, fmt.Sprintf("%v is %.0f px tall, needs %.0f", a, a.size.Y, a.min.Height))
		}
		if a.pos.X+a.size.X > c.Size().Width+slack {
			problems = append(problems, fmt.Sprintf("%v runs past the window's width %.0f", a, c.Size().Width))
		}
		for _, b := range all[i+1:] {
			w := min(a.pos.X+a.size.X, b.pos.X+b.size.X) - max(a.pos.X, b.pos.X)
			h := min(a.pos.Y+a.size.Y, b.pos.Y+b.size.Y) - max(a.pos.Y, b.pos.Y)
			if w > slack && h > slack {
				problems = append(problems, fmt.Sprintf("%v is drawn over %v", a, b))
			}
		}
	}
	return problems
}

// resizeTo resizes the window as a person dragging its corner would, and
// lets it settle.
func (h *harness) resizeTo(size fyne.Size) {
	h.w.win.Resize(size)
	h.settle()
}

// manyAccounts are n accounts, every one different.
func manyAccounts(n int) []*account.Connected {
	names := []string{"Ada Lovelace", "Grace Hopper", "Katherine Johnson", "Margaret Hamilton", "Hedy Lamarr",
		"Radia Perlman", "Barbara Liskov", "Frances Allen", "Annie Easley", "Evelyn Boyd Granville", "Mary Jackson", "Sophie Wilson"}
	var out []*account.Connected
	for i := range n {
		name := names[i%len(names)]
		email := strings.ToLower(strings.Fields(name)[0]) + "@example.com"
		out = append(out, conn(name, email, fmt.Sprint(2001+i), time.Duration(i+1)*37*time.Minute))
	}
	return out
}

// layoutStates are the window's states the layout must hold in.
var layoutStates = []struct {
	name  string
	build func(t *testing.T) *harness
}{
	{"empty", func(t *testing.T) *harness { return newHarness(t, &fakeService{}, compact()) }},
	{"no-client-id", func(t *testing.T) *harness {
		return newHarness(t, &fakeService{}, compact(), withEnv(map[string]string{}))
	}},
	{"connected", func(t *testing.T) *harness {
		a := ada(time.Hour)
		a.ZonesChecked = true
		a.Organizations = []account.Organization{{ID: 1, Name: "Acme Customer Success", Zone: "eu1.make.com"}}
		return newHarness(t, &fakeService{stored: []*account.Connected{a}}, compact())
	}},
	{"connecting", func(t *testing.T) *harness {
		h := newHarness(t, &fakeService{stored: []*account.Connected{ada(time.Hour)}}, compact())
		test.Tap(buttonNamed(t, h.w.win.Canvas(), "Connect another account"))
		h.settle()
		return h
	}},
	{"long-notice", func(t *testing.T) *harness {
		h := newHarness(t, &fakeService{stored: manyAccounts(2)}, compact())
		h.w.notice.set(strings.Repeat("Make Connect could not reach Make: the network, a proxy or a firewall stopped the request. ", 4), errors.New("dial tcp: i/o timeout"))
		h.settle()
		return h
	}},
	{"expired", func(t *testing.T) *harness {
		return newHarness(t, &fakeService{stored: []*account.Connected{ada(-time.Hour)}}, compact())
	}},
	{"ten-accounts", func(t *testing.T) *harness {
		return newHarness(t, &fakeService{stored: manyAccounts(10)}, compact())
	}},
	{"filtered", func(t *testing.T) *harness {
		h := newHarness(t, &fakeService{stored: manyAccounts(10)}, compact())
		h.w.accounts.filter.SetText("hopper")
		h.settle()
		return h
	}},
	{"managed", managedRows},
	{"settings-locked", lockedSettings},
	{"settings", func(t *testing.T) *harness {
		h := newHarness(t, &fakeService{}, compact())
		test.Tap(buttonNamed(t, h.w.win.Canvas(), lang.L("Settings")))
		h.settle()
		return h
	}},
}

// layoutSizes are the narrowest window the layout must hold in, the
// default, and a wide one.
var layoutSizes = []fyne.Size{{Width: 420, Height: 400}, defaultSize, {Width: 1200, Height: 800}}

// TestLayoutHolds: in every state, at 420×400, the default size and
// 1,200 px wide, and after resizing from one to another, nothing is drawn
// over anything, nothing is squeezed below its height, nothing runs past
// the right edge, and the window can be made as narrow as 420 px. Golden
// images at 420 and 1,200 px show it.
func TestLayoutHolds(t *testing.T) {
	for _, st := range layoutStates {
		t.Run(st.name, func(t *testing.T) {
			// Measured in the theme people see, not the test theme.
			test.NewTempApp(t).Settings().SetTheme(lightTheme{theme.DefaultTheme()})
			h := st.build(t)
			h.app.Settings().SetTheme(lightTheme{theme.DefaultTheme()})
			h.settle()
			c := h.w.win.Canvas()
			if w := c.Content().MinSize().Width; w > 420-2*4 { // the window's own padding
				t.Errorf("the window cannot be narrower than %.0f px", w)
			}
			// Large to narrow to large, as in the report of text drawn over
			// text after a resize.
			for _, size := range []fyne.Size{{Width: 1200, Height: 800}, {Width: 820, Height: 560}, {Width: 420, Height: 400}, defaultSize} {
				h.resizeTo(size)
				for _, p := range layoutProblems(c) {
					t.Errorf("at %v after resizing: %s", size, p)
				}
			}
			for _, size := range layoutSizes {
				h.resizeTo(size)
				for _, p := range layoutProblems(c) {
					t.Errorf("at %v: %s", size, p)
				}
				if size != defaultSize {
					test.AssertRendersToImage(t, fmt.Sprintf("layout/%s-%.0f.png", st.name, size.Width), c)
				}
			}
		})
	}
}

// TestTenAccountsFitAtTheDefaultSize: ten rows fit in the list at the
// window's default size, each one line, and the filter shows past five.
func TestTenAccountsFitAtTheDefaultSize(t *testing.T) {
	h := newHarness(t, &fakeService{stored: manyAccounts(10)}, compact())
	l := h.w.accounts
	if !l.filter.Visible() {
		t.Error("no filter with ten accounts")
	}
	for _, cd := range l.cards {
		if cd.expanded() {
			t.Errorf("%s's row is open among ten", cd.conn.Name)
		}
	}
	if need, have := l.scroll.Content.MinSize().Height, l.scroll.Size().Height; need > have {
		t.Errorf("ten rows need %.0f px, the list has %.0f at the default size", need, have)
	}
	// Five rows need no filter.
	h = newHarness(t, &fakeService{stored: manyAccounts(filterFrom)}, compact())
	if h.w.accounts.filter.Visible() {
		t.Errorf("a filter with %d accounts", filterFrom)
	}
}

// TestRowsExpandAndFilter: a lone account shows its details; among many
// each row opens and closes on its button, stays as the person left it
// when the list is rebuilt, and the filter narrows the rows, saying when
// none matches.
func TestRowsExpandAndFilter(t *testing.T) {
	h := newHarness(t, &fakeService{stored: manyAccounts(1)}, compact())
	if cd := h.w.accounts.cards[0]; !cd.expanded() {
		t.Error("a lone account's details are closed")
	}

	svc := &fakeService{stored: manyAccounts(7)}
	h = newHarness(t, svc, compact())
	c := h.w.win.Canvas()
	l := h.w.accounts
	grace := l.cards[1]
	if grace.expanded() || hasButton(c, "Disconnect") {
		t.Fatal("rows are open among seven accounts")
	}
	wantText(t, c, "Grace Hopper", " · grace@example.com", "Valid · 1h 14m left")
	test.Tap(grace.expand)
	h.settle()
	if !grace.expanded() || countButtons(c, "Disconnect") != 1 {
		t.Fatal("Grace's row did not open")
	}
	h.w.reload() // rebuilt, as after another process's change
	h.settle()
	if !l.cards[1].expanded() || l.cards[0].expanded() {
		t.Error("the rows did not stay as the person left them")
	}

	test.Type(l.filter, "JOHNSON")
	h.settle()
	var shown []string
	for _, cd := range l.cards {
		if cd.box.Visible() {
			shown = append(shown, cd.conn.Name)
		}
	}
	if len(shown) != 1 || shown[0] != "Katherine Johnson" {
		t.Errorf("the filter JOHNSON shows %q", shown)
	}
	l.filter.SetText("nobody")
	h.settle()
	wantText(t, c, "No account matches “nobody”.")
	l.filter.SetText("")
	h.settle()
	dontWantText(t, c, "No account matches")
}

// TestActionsMenu: a row's menu has the details' actions in the same
// order on every row, disabled where the button is, and choosing one
// does what the button does.
func TestActionsMenu(t *testing.T) {
	svc := &fakeService{stored: manyAccounts(3)}
	h := newHarness(t, svc, compact())
	l := h.w.accounts
	h.w.makeDefault(l.cards[0].conn.ID())
	h.settle()
	labels := func(m *fyne.Menu) (out []string) {
		for _, it := range m.Items {
			label := it.Label
			if it.Disabled {
				label += " (disabled)"
			}
			out = append(out, label)
		}
		return out
	}
	want := map[int]string{
		0: "Reconnect|Copy access token|Make default (disabled)|Disconnect",
		1: "Reconnect|Copy access token|Make default|Disconnect",
		2: "Reconnect|Copy access token|Make default|Disconnect",
	}
	for i, cd := range l.cards {
		if got := strings.Join(labels(cd.actionsMenu()), "|"); got != want[i] {
			t.Errorf("%s's menu: %s, want %s", cd.conn.Name, got, want[i])
		}
	}
	// The menu opens under its button with the keyboard in it.
	test.Tap(l.cards[2].menu)
	c := h.w.win.Canvas()
	if _, ok := c.Focused().(*widget.PopUpMenu); !ok {
		t.Errorf("the menu opened without the keyboard: focus on %T", c.Focused())
	}
	// It stands clear of the window's right edge: by more than the row's
	// own margin, which its shadow would fill.
	if m, ok := c.Focused().(*widget.PopUpMenu); ok {
		right := m.Position().X + m.Size().Width
		if margin := c.Size().Width - right; margin < theme.Padding()+theme.InnerPadding() {
			t.Errorf("the menu's right edge is %.0f px from the window's", margin)
		}
	}
	c.Overlays().Top().Hide()
	// Disconnect from the menu asks, as the button does.
	for _, it := range l.cards[2].actionsMenu().Items {
		if it.Label == "Disconnect" {
			it.Action()
		}
	}
	pressDialogButton(t, h, "Disconnect")
	h.settle()
	if len(l.cards) != 2 {
		t.Errorf("%d accounts after Disconnect from the menu, want 2", len(l.cards))
	}
}

// TestHeaderButtonsGoTogether: from 1,200 px down to 420, the header's
// buttons are all on the heading's line or all under it: none is left
// alone on a line of its own, in English or German.
func TestHeaderButtonsGoTogether(t *testing.T) {
	for _, locale := range []string{"en", "de"} {
		t.Run(locale, func(t *testing.T) {
			if locale != "en" {
				speak(t, locale)
			}
			h := newHarness(t, &fakeService{stored: manyAccounts(2)}, compact())
			check, settings, about := h.w.accounts.checkButton, buttonNamed(t, h.w.win.Canvas(), lang.L("Settings")), buttonNamed(t, h.w.win.Canvas(), lang.L("About"))
			for w := float32(1200); w >= 420; w -= 20 {
				h.resizeTo(fyne.NewSize(w, 600))
				ys := []float32{check.Position().Y, settings.Position().Y, about.Position().Y}
				if ys[0] != ys[2] && ys[1] != ys[2] {
					t.Errorf("at %.0f px %s is alone on its line", w, about.Text)
				}
			}
		})
	}
}

// TestNoticeCanBeDismissed: the notice's close button takes it away and
// gives its room back.
func TestNoticeCanBeDismissed(t *testing.T) {
	h := newHarness(t, &fakeService{stored: manyAccounts(1)}, compact())
	h.w.notice.set("Something happened.", errors.New("boom"))
	h.settle()
	c := h.w.win.Canvas()
	wantText(t, c, "Something happened.", "[Details]")
	before := h.w.accounts.pane.Position().Y
	test.Tap(h.w.notice.dismiss)
	h.settle()
	dontWantText(t, c, "Something happened.", "[Details]")
	if after := h.w.accounts.pane.Position().Y; after >= before {
		t.Errorf("the list stayed at %.0f after the notice went (was %.0f)", after, before)
	}
}
