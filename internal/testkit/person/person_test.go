package person

import (
	"context"
	"net"
	"strings"
	"testing"
)

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
