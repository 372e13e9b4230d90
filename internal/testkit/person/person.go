package person

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// maxPage bounds how much of any page a Person reads.
const maxPage = 1 << 20

// pathAuthorize is Make's authorization endpoint, as the sandbox serves it.
const pathAuthorize = "/oauth/v2/authorize"

// Person acts like a human in a web browser on the sandbox's consent page,
// for tests: it opens the authorization URL, reads the real consent form
// (its action, hidden fields, user radios and buttons), picks a user and
// presses Allow or Deny.
type Person struct {
	// Email is the built-in user to sign in as; "" means the one the page
	// preselects.
	Email string

	// Client makes the requests. Default: a plain client. Consent never
	// follows redirects (it returns the target instead), whatever the
	// client's CheckRedirect says; Visit follows them like a browser.
	Client *http.Client
}

// Consent opens authURL, reads the consent page, presses Allow (allow=true)
// or Deny, and returns where the server redirects the browser — the app's
// loopback URL with code, state and iss, or with error and state — without
// visiting it. If the server refuses the request before asking (for
// example, no PKCE challenge), that error redirect is returned the same
// way; if it shows an error page instead, Consent returns an error.
func (p Person) Consent(ctx context.Context, authURL string, allow bool) (*url.URL, error) {
	client := p.httpClient(false)
	page, err := url.Parse(authURL)
	if err != nil {
		return nil, fmt.Errorf("parse authorization url: %w", hideQuery(err))
	}
	resp, body, err := send(ctx, client, http.MethodGet, page.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("open authorization page: %w", err)
	}
	// An app's single-use launch link sends the browser on to the
	// authorization page first.
	if target, ok := redirectTarget(resp, page); ok && target.Path == pathAuthorize {
		page = target
		if resp, body, err = send(ctx, client, http.MethodGet, page.String(), nil); err != nil {
			return nil, fmt.Errorf("open authorization page: %w", err)
		}
	}
	if target, ok := redirectTarget(resp, page); ok {
		return target, nil
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("authorization page: %s: %s", resp.Status, pageText(body))
	}
	form, err := parseConsentForm(body)
	if err != nil {
		return nil, fmt.Errorf("read consent page: %w", err)
	}
	values, err := form.submission(p.Email, allow)
	if err != nil {
		return nil, fmt.Errorf("fill in consent form: %w", err)
	}
	action, err := page.Parse(form.action)
	if err != nil {
		return nil, fmt.Errorf("consent form action: %w", err)
	}
	resp, body, err = send(ctx, client, http.MethodPost, action.String(), values)
	if err != nil {
		return nil, fmt.Errorf("submit consent form: %w", err)
	}
	if target, ok := redirectTarget(resp, action); ok {
		return target, nil
	}
	return nil, fmt.Errorf("consent form answered %s: %s", resp.Status, pageText(body))
}

// Visit GETs u the way a browser would, following redirects, and returns
// the final status code and body.
func (p Person) Visit(ctx context.Context, u string) (status int, body string, err error) {
	resp, b, err := send(ctx, p.httpClient(true), http.MethodGet, u, nil)
	if err != nil {
		return 0, "", fmt.Errorf("visit: %w", err)
	}
	return resp.StatusCode, string(b), nil
}

// Approve presses Allow on the consent page and visits the redirect target,
// usually the app's loopback callback.
func (p Person) Approve(ctx context.Context, authURL string) (status int, body string, err error) {
	return p.consentAndVisit(ctx, authURL, true)
}

// Deny presses Deny on the consent page and visits the redirect target.
func (p Person) Deny(ctx context.Context, authURL string) (status int, body string, err error) {
	return p.consentAndVisit(ctx, authURL, false)
}

func (p Person) consentAndVisit(ctx context.Context, authURL string, allow bool) (int, string, error) {
	target, err := p.Consent(ctx, authURL, allow)
	if err != nil {
		return 0, "", err
	}
	return p.Visit(ctx, target.String())
}

// httpClient is p.Client (or a plain client) with the redirect policy the
// caller needs.
func (p Person) httpClient(followRedirects bool) *http.Client {
	c := http.Client{}
	if p.Client != nil {
		c = *p.Client
	}
	c.CheckRedirect = nil
	if !followRedirects {
		c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	}
	return &c
}

// send makes one request (a form POST when form is not nil) and reads up to
// maxPage bytes of the answer.
func send(ctx context.Context, c *http.Client, method, u string, form url.Values) (*http.Response, []byte, error) {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return nil, nil, hideQuery(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, nil, hideQuery(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxPage))
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", method, err)
	}
	return resp, b, nil
}

// redirectTarget returns the absolute Location of a 3xx answer.
func redirectTarget(resp *http.Response, base *url.URL) (*url.URL, bool) {
	loc := resp.Header.Get("Location")
	if resp.StatusCode < 300 || resp.StatusCode > 399 || loc == "" {
		return nil, false
	}
	target, err := base.Parse(loc)
	if err != nil {
		return nil, false
	}
	return target, true
}

// hideQuery drops the query from the URL a *url.Error names: the
// authorization URL carries the attempt's state, the callback its code,
// and neither may reach an error message or a test's output.
func hideQuery(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if i := strings.IndexAny(ue.URL, "?#"); i >= 0 {
			ue.URL = ue.URL[:i] + "?…"
		}
	}
	return err
}
