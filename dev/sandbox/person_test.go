package sandbox

import (
	"context"
	"strings"
	"testing"

	"github.com/make-connect/make-connect/internal/testkit/person"
)

// TestPersonVisitsLoopback checks Approve and Deny end to end: the Person
// answers the consent page and then visits the app's loopback callback.
func TestPersonVisitsLoopback(t *testing.T) {
	cases := []struct {
		name       string
		act        func(person.Person, context.Context, string) (int, string, error)
		wantStatus int
		wantBody   string
		wantParam  string // the callback parameter that must be present
	}{
		{"approve", person.Person.Approve, 200, "Connected", "code"},
		{"deny", person.Person.Deny, 403, "declined", "error"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, Options{}, "openid")
			app := newLoopback(t)
			f.conf.RedirectURL = app.URL + "/callback"
			a := f.newAttempt()
			status, body, err := c.act(person.Person{Email: "grace@example.com"}, testContext(t), a.authURL)
			if err != nil {
				t.Fatal(err)
			}
			if status != c.wantStatus || !strings.Contains(body, c.wantBody) {
				t.Errorf("loopback page: %d %q, want %d containing %q", status, body, c.wantStatus, c.wantBody)
			}
			app.mu.Lock()
			defer app.mu.Unlock()
			if len(app.queries) != 1 {
				t.Fatalf("the loopback saw %d requests, want 1", len(app.queries))
			}
			if q := app.queries[0]; q.Get(c.wantParam) == "" || q.Get("state") != a.state {
				t.Errorf("callback query %v lacks %s or the state", q, c.wantParam)
			}
		})
	}
}

// TestPersonRefusesWhatABrowserCannotDo checks that Person goes through the
// page: a user who is not on it cannot be chosen.
func TestPersonRefusesWhatABrowserCannotDo(t *testing.T) {
	f := newFixture(t, Options{}, "openid")
	_, err := person.Person{Email: "mallory@example.com"}.Consent(testContext(t), f.newAttempt().authURL, true)
	if err == nil || !strings.Contains(err.Error(), "mallory@example.com") {
		t.Errorf("err = %v, want one naming the unknown user", err)
	}
}
