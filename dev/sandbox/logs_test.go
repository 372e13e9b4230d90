package sandbox

import (
	"strings"
	"testing"

	"golang.org/x/oauth2"

	"github.com/make-connect/make-connect/internal/testkit/person"
)

// TestLogsKeepSecrets runs flows that succeed and fail and checks that no
// log line carries a code, token, verifier, nonce or state.
func TestLogsKeepSecrets(t *testing.T) {
	f := newFixture(t, Options{RefreshTokens: true}, "openid", "user:read")
	a := f.newAttempt()
	code := f.approve(t, a)
	tok, err := f.conf.Exchange(testContext(t), code, oauth2.VerifierOption(a.verifier))
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.conf.Exchange(testContext(t), code, oauth2.VerifierOption(a.verifier)) // reuse: refused, logged
	get(t, f.srv.Issuer()+pathUsersMe, tok.AccessToken+"x")                         // bad token: logged
	f.consent(t, person.Person{}, a, false)                                         // deny: logged
	logs := f.logs.all()
	if logs == "" {
		t.Fatal("nothing was logged")
	}
	secrets := map[string]string{
		"code": code, "verifier": a.verifier, "state": a.state, "nonce": a.nonce,
		"access token": tok.AccessToken, "refresh token": tok.RefreshToken, "id_token": tok.Extra("id_token").(string),
	}
	for name, secret := range secrets {
		if secret == "" || strings.Contains(logs, secret) {
			t.Errorf("the %s is empty or appears in the log", name)
		}
	}
}
