package ui

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/make-connect/make-connect/auth"
)

// fakeConnector stands in for the account service: the flow itself is
// tested in auth/ and end to end in cli/.
type fakeConnector struct {
	mu     sync.Mutex
	stored []*auth.Connection
	conn   *auth.Connection
	err    error
	opened string
}

func (f *fakeConnector) Connect(ctx context.Context, opened func(string)) (*auth.Connection, error) {
	opened("https://www.make.com/oauth/v2/authorize?client_id=x")
	f.mu.Lock()
	defer f.mu.Unlock()
	f.opened = "yes"
	if f.err != nil {
		return nil, f.err
	}
	f.stored = append(f.stored, f.conn)
	return f.conn, nil
}

func (f *fakeConnector) List() ([]*auth.Connection, []error, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]*auth.Connection(nil), f.stored...), nil, nil
}

// texts collects every label and card text in the window.
func texts(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Label:
			b.WriteString(v.Text + "\n")
		case *widget.Card:
			b.WriteString(v.Title + "\n" + v.Subtitle + "\n")
			walk(v.Content)
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

func waitFor(t *testing.T, w fyne.Window, want string) string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		got := texts(w.Content())
		if strings.Contains(got, want) {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("window never showed %q; it shows:\n%s", want, got)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestConnectShowsAccountExpiryAndScopes(t *testing.T) {
	a := test.NewApp()
	defer a.Quit()
	now := time.Now()
	f := &fakeConnector{conn: &auth.Connection{
		Issuer: "https://www.make.com", Subject: "1001", Name: "Ada Lovelace", Email: "ada@example.com",
		Scopes: []string{"openid", "user:read"}, ExpiresAt: now.Add(time.Hour),
	}}
	w := NewWindow(a, f, nil)
	if w.win.Title() != "Make Connect" {
		t.Errorf("title = %q", w.win.Title())
	}
	waitFor(t, w.win, "No account is connected yet.")
	test.Tap(w.connect)
	got := waitFor(t, w.win, "Ada Lovelace <ada@example.com>")
	for _, want := range []string{"Connected Ada Lovelace", "openid, user:read (as requested; not confirmed by the server)", "(in 59m)", "valid"} {
		if !strings.Contains(got, want) {
			t.Errorf("window lacks %q:\n%s", want, got)
		}
	}
	if f.opened == "" || w.connect.Disabled() || w.cancel.Visible() {
		t.Error("after connecting, the button should be ready again and Cancel hidden")
	}
}

func TestConnectOutcomes(t *testing.T) {
	cases := []struct {
		err  error
		want string
	}{
		{auth.ErrDeclined, "You declined in the browser"},
		{auth.ErrTimedOut, "did not finish in time"},
		{auth.ErrCancelled, "Connecting was cancelled."},
		{errors.New("boom"), "Connecting did not work."},
	}
	for _, tc := range cases {
		t.Run(tc.want, func(t *testing.T) {
			a := test.NewApp()
			defer a.Quit()
			w := NewWindow(a, &fakeConnector{err: tc.err}, nil)
			test.Tap(w.connect)
			waitFor(t, w.win, tc.want)
		})
	}
}

func TestProblemDisablesConnecting(t *testing.T) {
	a := test.NewApp()
	defer a.Quit()
	w := NewWindow(a, &fakeConnector{}, errors.New("no Make OAuth client ID is configured"))
	waitFor(t, w.win, "no Make OAuth client ID is configured")
	if !w.connect.Disabled() {
		t.Error("Connect is enabled without a client ID")
	}
}
