package auth

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// echo answers like a token or revocation endpoint that puts its whole
// input in its error: the form as sent, and again URL-encoded, in both
// error and error_description.
func echo(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	var said []string
	for k, v := range r.PostForm {
		said = append(said, k+"="+v[0], url.QueryEscape(v[0]))
	}
	jsonToken(400, map[string]string{"error": "invalid_grant " + strings.Join(said, " "), "error_description": "bad request: " + strings.Join(said, ", ")})(w, r)
}

// noSecrets fails t if s holds any of secrets, or a prefix of one long
// enough to narrow it down.
func noSecrets(t *testing.T, what, s string, secrets ...string) {
	t.Helper()
	for _, secret := range secrets {
		if strings.Contains(s, secret) || len(secret) >= 32 && strings.Contains(s, secret[:32]) {
			t.Errorf("%s holds a secret of %d bytes: %q", what, len(secret), strings.ReplaceAll(s, secret, "<THE SECRET>"))
		}
	}
}

// TestTokenEndpointErrorsHideTheRequest: whatever a token endpoint echoes
// of the code, verifier, state, nonce or tokens, the error does not hold.
func TestTokenEndpointErrorsHideTheRequest(t *testing.T) {
	p := newTestProvider(t)
	p.token = echo
	a := begin(t, p, p.config())
	_, page, err := approve(t, a, "THE-CODE-123")
	if err == nil {
		t.Fatal("an error answer connected")
	}
	noSecrets(t, "the exchange's error", err.Error(), "THE-CODE-123", a.verifier, a.state, a.nonce)
	noSecrets(t, "the page", page, "THE-CODE-123", a.verifier, a.state, a.nonce)
	if !strings.Contains(err.Error(), "[hidden]") || !strings.Contains(err.Error(), "grant_type=authorization_code") {
		t.Errorf("the error should still say what the server said, without the secrets: %v", err)
	}

	refreshToken, accessToken := "rt-"+strings.Repeat("r", 40), "at-0123456789"
	c := &Connection{Issuer: p.URL, ClientID: "client-1", AccessToken: accessToken, RefreshToken: refreshToken}
	_, err = Refresh(context.Background(), p.config(), c)
	if err == nil {
		t.Fatal("a refused refresh worked")
	}
	noSecrets(t, "the refresh's error", err.Error(), refreshToken, accessToken)

	p.revoke = echo
	err = Revoke(context.Background(), p.config(), c)
	if err == nil || !strings.Contains(err.Error(), "revoke refresh_token") || !strings.Contains(err.Error(), "revoke access_token") {
		t.Fatalf("Revoke = %v, want both refusals", err)
	}
	noSecrets(t, "the revocation's error", err.Error(), refreshToken, accessToken)
}
