package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/core/account"
)

// visible calls f for every visible object of the window, the dialogs on
// top included, stopping at the widgets people read or press.
func visible(c fyne.Canvas, f func(o fyne.CanvasObject)) {
	walkObject(c.Content(), f)
	for _, o := range c.Overlays().List() {
		walkObject(o, f)
	}
}

// walkObject calls f for o and every visible object inside it.
func walkObject(o fyne.CanvasObject, f func(o fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	f(o)
	switch v := o.(type) {
	case *fyne.Container:
		for _, child := range v.Objects {
			walkObject(child, f)
		}
	case *widget.Label, *widget.Button, *button, *widget.Entry, *entry, *widget.Check, *widget.Select, *canvas.Text:
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(v).Objects() {
			walkObject(child, f)
		}
	}
}

// screenText is every visible text of the window, one per line.
func screenText(c fyne.Canvas) string {
	var b strings.Builder
	visible(c, func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			b.WriteString(v.Text + "\n")
		case *button:
			b.WriteString("[" + v.Text + "]\n")
		case *widget.Button:
			if v.Text != "" {
				b.WriteString("[" + v.Text + "]\n")
			}
		case *widget.Card:
			b.WriteString(v.Title + "\n" + v.Subtitle + "\n")
		case *entry:
			b.WriteString("<" + v.Text + ">\n")
		case *widget.Entry:
			b.WriteString("<" + v.Text + ">\n")
		case *canvas.Text:
			b.WriteString(v.Text + "\n")
		}
	})
	return b.String()
}

// buttonNamed returns the visible button with the label.
func buttonNamed(t testing.TB, c fyne.Canvas, label string) *button {
	t.Helper()
	var found *button
	visible(c, func(o fyne.CanvasObject) {
		if b, ok := o.(*button); ok && b.Text == label && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no visible button %q; the window shows:\n%s", label, screenText(c))
	}
	return found
}

func hasButton(c fyne.Canvas, label string) bool {
	found := false
	visible(c, func(o fyne.CanvasObject) {
		if b, ok := o.(*button); ok && b.Text == label {
			found = true
		}
	})
	return found
}

// wantText fails unless the window shows each of the texts.
func wantText(t *testing.T, c fyne.Canvas, texts ...string) {
	t.Helper()
	got := screenText(c)
	for _, want := range texts {
		if !strings.Contains(got, want) {
			t.Errorf("the window does not show %q; it shows:\n%s", want, got)
		}
	}
}

// dontWantText fails if the window shows any of the texts.
func dontWantText(t *testing.T, c fyne.Canvas, texts ...string) {
	t.Helper()
	got := screenText(c)
	for _, bad := range texts {
		if strings.Contains(got, bad) {
			t.Errorf("the window shows %q:\n%s", bad, got)
		}
	}
}

// conn is an account of the tests' Make, expiring d after t0.
func conn(name, email, subject string, d time.Duration) *account.Connected {
	return &account.Connected{
		Connection: auth.Connection{
			Issuer:      "https://www.make.com",
			ClientID:    "test-client",
			Subject:     subject,
			AccessToken: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMDAxIn0.c2lnbmF0dXJl",
			Scopes:      []string{"openid", "user:read"},
			ObtainedAt:  t0.Add(d - time.Hour),
			ExpiresAt:   t0.Add(d),
		},
		Profile: account.Profile{
			Name:    name,
			Email:   email,
			APIBase: "https://eu1.make.com/api/v2",
		},
	}
}

func ada(d time.Duration) *account.Connected {
	return conn("Ada Lovelace", "ada@example.com", "1001", d)
}
