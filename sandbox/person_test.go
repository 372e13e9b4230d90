package sandbox

import (
	"context"
	"net"
	"strings"
	"testing"
)

// TestPersonVisitsLoopback checks Approve and Deny end to end: the Person
// answers the consent page and then visits the app's loopback callback.
func TestPersonVisitsLoopback(t *testing.T) {
	cases := []struct {
		name       string
		act        func(Person, context.Context, string) (int, string, error)
		wantStatus int
		wantBody   string
		wantParam  string // the callback parameter that must be present
	}{
		{"approve", Person.Approve, 200, "Connected", "code"},
		{"deny", Person.Deny, 403, "declined", "error"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, Options{}, "openid")
			app := newLoopback(t)
			f.conf.RedirectURL = app.URL + "/callback"
			a := f.newAttempt()
			status, body, err := c.act(Person{Email: "grace@example.com"}, testContext(t), a.authURL)
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
	_, err := Person{Email: "mallory@example.com"}.Consent(testContext(t), f.newAttempt().authURL, true)
	if err == nil || !strings.Contains(err.Error(), "mallory@example.com") {
		t.Errorf("err = %v, want one naming the unknown user", err)
	}
}

// TestConsentForm checks the parser on pages that lack what Person needs.
func TestConsentForm(t *testing.T) {
	cases := []struct {
		name, page, email string
		allow             bool
		wantErr           string
	}{
		{"no form", `<p>hello</p>`, "", true, "no form"},
		{"no preselected user", `<form><input type="radio" name="user" value="a@x"><button name="decision" value="allow">Allow</button></form>`, "", true, "preselected"},
		{"no deny button", `<form><input type="radio" name="user" value="a@x" checked><button name="decision" value="allow">Allow</button></form>`, "", false, "Deny"},
		{"chosen user", `<form><input type="radio" name="user" value="a@x" checked><input type="radio" name="user" value="b@x"><button name="decision" value="allow">Allow</button></form>`, "b@x", true, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			form, err := parseConsentForm([]byte(c.page))
			if err == nil {
				var values map[string][]string
				values, err = form.submission(c.email, c.allow)
				if err == nil && values["user"][0] != c.email {
					t.Errorf("user = %v, want %q", values["user"], c.email)
				}
			}
			if (err == nil) != (c.wantErr == "") || (err != nil && !strings.Contains(err.Error(), c.wantErr)) {
				t.Errorf("err = %v, want %q", err, c.wantErr)
			}
		})
	}
}

func TestPersonErrorsHideTheQuery(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String() // nothing answers once closed
	ln.Close()
	for name, call := range map[string]func() error{
		"visit": func() error {
			_, _, err := Person{}.Visit(context.Background(), closed+"/callback?code=SECRET-CODE&state=SECRET-STATE")
			return err
		},
		"consent": func() error {
			_, err := Person{}.Consent(context.Background(), closed+"/oauth/v2/authorize?state=SECRET-STATE", true)
			return err
		},
		"parse": func() error {
			_, err := Person{}.Consent(context.Background(), "http://[::1/x?state=SECRET-STATE", true)
			return err
		},
	} {
		err := call()
		if err == nil {
			t.Fatalf("%s: no error", name)
		}
		if strings.Contains(err.Error(), "SECRET") {
			t.Errorf("%s: the error shows the query: %v", name, err)
		}
	}
}
