package sanitize

import (
	"net/url"
	"regexp"
	"strings"
)

// Hidden is what Hide puts where a secret was.
const Hidden = "[hidden]"

// tokenLike is a run of characters long enough to be a token, a verifier
// or a segment of a JWT (base64, base64url, hex), whatever it belongs to:
// a server that echoes a credential of another request, or one it made
// up, must not get it printed either. 32 keeps a client ID or an error
// code readable.
var tokenLike = regexp.MustCompile(`[A-Za-z0-9_~+/=-]{32,}`)

// Hide returns s, text a server sent about a request, with each of
// secrets (the request's code, state, verifier, nonce or tokens), as it is
// and as a URL query escapes it, and every token-like run replaced by
// Hidden: a server that echoes its input in an error must not carry the
// input into a message or a log. Apply it before cutting s short, so no
// part of a secret survives at the cut. Secrets under 4 bytes are not
// secrets and are left alone.
func Hide(s string, secrets ...string) string {
	for _, secret := range secrets {
		if len(secret) < 4 {
			continue
		}
		s = strings.ReplaceAll(s, secret, Hidden)
		if q := url.QueryEscape(secret); q != secret {
			s = strings.ReplaceAll(s, q, Hidden)
		}
	}
	return tokenLike.ReplaceAllString(s, Hidden)
}
