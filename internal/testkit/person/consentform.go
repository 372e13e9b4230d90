package person

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// consentForm is what a Person reads off the consent page: the first
// form's action, its hidden fields, its user radios and its buttons.
type consentForm struct {
	action  string
	hidden  url.Values
	users   []radio
	buttons map[string]string // decision value → button text
}

// radio is one <input type="radio" name="user">.
type radio struct {
	value   string
	checked bool
}

// parseConsentForm parses the page with a real HTML parser, as a browser
// would, and collects the first <form>.
func parseConsentForm(page []byte) (*consentForm, error) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil, fmt.Errorf("parse html: %w", err)
	}
	formNode := findElement(doc, "form")
	if formNode == nil {
		return nil, errors.New("the page has no form")
	}
	f := &consentForm{action: attr(formNode, "action"), hidden: url.Values{}, buttons: map[string]string{}}
	for n := range formNode.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch {
		case n.Data == "input" && attr(n, "type") == "hidden":
			f.hidden.Add(attr(n, "name"), attr(n, "value"))
		case n.Data == "input" && attr(n, "type") == "radio" && attr(n, "name") == "user":
			_, checked := attrOK(n, "checked")
			f.users = append(f.users, radio{value: attr(n, "value"), checked: checked})
		case n.Data == "button" && attr(n, "name") == "decision":
			f.buttons[attr(n, "value")] = strings.TrimSpace(textOf(n))
		}
	}
	return f, nil
}

// submission is what the browser would post when the person picks email
// ("" keeps the preselected user) and presses Allow or Deny.
func (f *consentForm) submission(email string, allow bool) (url.Values, error) {
	values := url.Values{}
	for k, v := range f.hidden {
		values[k] = append([]string(nil), v...)
	}
	user, err := f.pickUser(email)
	if err != nil {
		return nil, err
	}
	values.Set("user", user)
	decision, label := "deny", "Deny"
	if allow {
		decision, label = "allow", "Allow"
	}
	if text, ok := f.buttons[decision]; !ok || text != label {
		return nil, fmt.Errorf("the form has no %q button", label)
	}
	values.Set("decision", decision)
	return values, nil
}

// pickUser selects the radio for email, or the checked one.
func (f *consentForm) pickUser(email string) (string, error) {
	for _, r := range f.users {
		if (email == "" && r.checked) || (email != "" && r.value == email) {
			return r.value, nil
		}
	}
	if email == "" {
		return "", errors.New("no user is preselected")
	}
	return "", fmt.Errorf("no user %q on the consent page", email)
}

// findElement returns the first element named tag, depth first.
func findElement(root *html.Node, tag string) *html.Node {
	for n := range root.Descendants() {
		if n.Type == html.ElementNode && n.Data == tag {
			return n
		}
	}
	return nil
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// textOf is the text content of n.
func textOf(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

// pageText is a page's visible text on one line, shortened, for errors.
func pageText(page []byte) string {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return ""
	}
	if body := findElement(doc, "body"); body != nil {
		doc = body
	}
	text := strings.Join(strings.Fields(textOf(doc)), " ")
	if r := []rune(text); len(r) > 300 {
		text = string(r[:300]) + "…"
	}
	return text
}
