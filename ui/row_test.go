package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/core/account"
)

// TestRowWordsFit: a row's summary is cut in order — the email and zone
// with an ellipsis, then left out with the name cut — and never loses
// the parts it keeps.
func TestRowWordsFit(t *testing.T) {
	w := rowWords{name: "Grace Hopper", rest: []string{"grace@example.com", "eu1.make.com"}, kept: []string{"sso.acme.example", "default"}}
	width := func(s string, bold bool) float32 { return float32(len([]rune(s))) } // one a character
	full := len("Grace Hopper · grace@example.com · eu1.make.com · sso.acme.example · default")
	cases := []struct {
		room float32
		want string
	}{
		{float32(full), "Grace Hopper|· grace@example.com · eu1.make.com · sso.acme.example · default"},
		{float32(full - 7), "Grace Hopper| · grace@example.com · eu1.make… · sso.acme.example · default"},
		{48, "Grace Hopper| · gra… · sso.acme.example · default"},
		{42, "Grace Hopper| · sso.acme.example · default"},
		{35, "Grace…| · sso.acme.example · default"},
		{10, "…| · sso.acme.example · default"},
	}
	for _, tc := range cases {
		var parts []string
		for _, s := range w.fit(tc.room, width) {
			parts = append(parts, s.(*widget.TextSegment).Text)
		}
		got := strings.Join(parts, "|")
		if strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(tc.want, " ", "") {
			t.Errorf("in %.0f: %q, want %q", tc.room, got, tc.want)
		}
		if tc.room >= 30 && float32(len([]rune(strings.Join(parts, "")))) > tc.room {
			t.Errorf("in %.0f: %q does not fit", tc.room, got)
		}
		if !strings.HasSuffix(got, "sso.acme.example · default") {
			t.Errorf("in %.0f: %q lost the server or the default mark", tc.room, got)
		}
	}
}

// TestRowsTellNamesakesApart: at the default width, in every language,
// the rows of two accounts of one person at two sign-in servers name the
// server, and keep the state and the default mark; what is cut ends in an
// ellipsis. Disconnect's question and its notice name the server too.
func TestRowsTellNamesakesApart(t *testing.T) {
	for _, locale := range []string{"en", "de", "cs", "fr", "pt-BR", "es"} {
		t.Run(locale, func(t *testing.T) {
			if locale != "en" {
				speak(t, locale)
			}
			svc, env := twoGraces()
			h := newHarness(t, svc, compact(), withEnv(env))
			h.resizeTo(defaultSize)
			cards := h.w.accounts.cards
			for i, cd := range cards {
				row := cd.summary.String()
				state, _, _ := stateLook(account.Valid)
				if !strings.Contains(cd.short.String(), state) {
					t.Errorf("row %d's state says %q, want %q", i, cd.short.String(), state)
				}
				if i == 1 && !strings.Contains(row, "www.make.com") {
					t.Errorf("the live Grace's row %q does not name her sign-in server", row)
				}
				if i == 2 && !strings.Contains(row, "sso.acme-test.example") {
					t.Errorf("the test Grace's row %q does not name her sign-in server", row)
				}
				if i == 0 && strings.Contains(row, "www.make.com") {
					t.Errorf("Ada's row %q names a server though no one shares her name", row)
				}
				if def := lang.L("default"); (i == 1) != strings.HasSuffix(row, def) {
					t.Errorf("row %d %q: default mark wrong (default is row 1)", i, row)
				}
				if !fits(cd.summary) {
					t.Errorf("row %d %q runs past its room", i, row)
				}
			}
			test.Tap(cards[2].disconnect)
			title := dialogText(h.w.win.Canvas())
			if !strings.Contains(title, "sso.acme-test.example") {
				t.Errorf("the Disconnect question does not name the server:\n%s", title)
			}
		})
	}
}

// fits reports whether a rich text's words fit its width without the
// rich text cutting them.
func fits(r *widget.RichText) bool {
	th := r.Theme()
	var w float32
	for _, s := range r.Segments {
		ts := s.(*widget.TextSegment)
		w += fyne.MeasureText(ts.Text, th.Size(theme.SizeNameText), ts.Style.TextStyle).Width
	}
	return w <= r.Size().Width-2*th.Size(theme.SizeNameInnerPadding)+0.5
}

// dialogText is the words of the dialog on top.
func dialogText(c fyne.Canvas) string {
	var b strings.Builder
	walkObject(c.Overlays().Top(), func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			b.WriteString(v.Text + "\n")
		case *widget.RichText:
			b.WriteString(v.String() + "\n")
		}
	})
	return b.String()
}

// fleetPolicy is an organization's policy that names itself and locks
// the client ID, the zone, the scopes and the keychain, as an
// administrator's walk-through of docs/admin.md set it.
func fleetPolicy(t testing.TB) config.Policy {
	t.Helper()
	p, err := config.ParsePolicyJSON("/etc/make-connect/policy.json", []byte(`{
		"ManagedByOrganization": "Example Ltd", "ClientID": "acme-make-connect", "Zone": "eu2.make.com",
		"Scopes": "openid user:read", "Keychain": "system", "DisableTokenCopy": true}`))
	if err != nil || len(p.Problems) > 0 {
		t.Fatalf("the policy: %v %v", err, p.Problems)
	}
	return p
}

// TestManagedRowsKeepTheirMarks: under an organization's policy (the
// "Managed by" line in the header, no Copy access token), at 420 px, the
// default size and full width, the default account's row ends with its
// whole default mark, no row's words run past its room, and each row's ⋮
// menu opens inside the window, clear of its edges. Golden images show
// the default account's menu open at 420 and 1,200 px.
func TestManagedRowsKeepTheirMarks(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 420, Height: 400}, defaultSize, {Width: 1200, Height: 800}, {Width: 1920, Height: 1040}} {
		t.Run(fmt.Sprintf("%.0f", size.Width), func(t *testing.T) {
			test.NewTempApp(t).Settings().SetTheme(lightTheme{theme.DefaultTheme()})
			h := managedRows(t)
			h.app.Settings().SetTheme(lightTheme{theme.DefaultTheme()})
			h.resizeTo(size)
			c := h.w.win.Canvas()
			wantText(t, c, "Managed by Example Ltd")
			def := lang.L("default")
			for i, cd := range h.w.accounts.cards {
				row := cd.summary.String()
				if (i == 1) != strings.HasSuffix(row, " "+def) {
					t.Errorf("row %d %q: the default mark is wrong or cut (the default is row 1)", i, row)
				}
				if !fits(cd.summary) {
					t.Errorf("row %d %q runs past its room", i, row)
				}
				test.Tap(cd.menu)
				m, ok := c.Focused().(*widget.PopUpMenu)
				if !ok {
					t.Fatalf("row %d's menu did not open: focus on %T", i, c.Focused())
				}
				pos := m.Position()
				if right := c.Size().Width - (pos.X + m.Size().Width); right < theme.Padding()+theme.InnerPadding() || pos.X < 0 {
					t.Errorf("row %d's menu spans %.0f–%.0f in a window %.0f px wide", i, pos.X, pos.X+m.Size().Width, c.Size().Width)
				}
				if bottom := pos.Y + m.Size().Height; bottom > c.Size().Height {
					t.Errorf("row %d's menu runs to %.0f, below the window's %.0f", i, bottom, c.Size().Height)
				}
				if i == 1 && (size.Width == 420 || size.Width == 1200) {
					test.AssertRendersToImage(t, fmt.Sprintf("layout/managed-menu-%.0f.png", size.Width), c)
				}
				c.Overlays().Top().Hide()
			}
		})
	}
}

// managedRows is the window under fleetPolicy with three accounts, the
// second the default: one person at two sign-in servers, with Ada.
func managedRows(t *testing.T) *harness {
	svc, env := twoGraces()
	for _, c := range svc.stored {
		c.ZonesChecked = true
		c.Organizations = []account.Organization{{ID: 1, Name: "Acme Customer Success", Zone: "eu2.make.com"}}
	}
	return newHarness(t, svc, compact(), withEnv(env), withPolicy(fleetPolicy(t)))
}
