// Package sandbox is a Make-compatible OAuth 2.0 / OpenID Connect
// authorization server for tests and for `make demo`.
//
// It serves the paths Make documents (/oauth/v2/authorize, /oauth/v2/token,
// /oauth/v2/revoke, /oauth/v2/oidc/jwks, /oauth/v2/oidc/userinfo,
// /.well-known/openid-configuration) plus GET /api/v2/users/me, on one
// loopback listener. The protocol work — PKCE (RFC 7636), redirect URI
// matching including RFC 8252 §7.3 loopback ports, authorization codes,
// access and refresh tokens, revocation (RFC 7009) and id_token signing — is
// done by github.com/ory/fosite; this package only wires fosite to Make's
// paths, adds a consent page with built-in users, and offers a few faults for
// tests (see Options).
//
// Every client_id is accepted as a public client without a secret, with the
// loopback redirect URIs http://127.0.0.1/callback and http://[::1]/callback
// on any port.
//
// Its scripted person, who reads the consent page and presses Allow or Deny,
// is package internal/testkit/person of the app's module, which the app's
// tests share; those start this server as a process, dev/cmd/make-sandbox
// (internal/testkit/sandbox), so the app's module never requires fosite.
//
// The package is for tests and demos only; the shipped app must not import it.
package sandbox
