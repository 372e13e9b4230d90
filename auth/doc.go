// Package auth connects a Make account to this computer with the OAuth 2.0
// authorization code flow for native apps: PKCE (RFC 7636) as a public
// client, the redirect received on a loopback listener (RFC 8252 §7.3) —
// or, for the app's private-use scheme (§7.1) and an organization's https
// page, pasted or handed over by the process the system starts (Receive) —
// the issuer checked on the response (RFC 9207) and the id_token verified
// against the provider's published keys.
//
// The protocol work is done by golang.org/x/oauth2 (PKCE, authorize URL,
// code exchange) and github.com/coreos/go-oidc/v3 (discovery, id_token
// verification). This package adds what a desktop app needs around them: one
// attempt at a time with its own listener, a callback handler that ignores
// everything that is not the answer it waits for, honest pages for the
// browser, and errors a person can act on.
//
// It never imports Fyne: the window and the command line both drive it.
package auth
