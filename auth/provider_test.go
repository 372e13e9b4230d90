package auth

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// testProvider is a minimal OpenID provider for unit tests: discovery,
// a JWKS and a token endpoint whose answer each test chooses. The full,
// independent authorization server is the sandbox, used by the
// integration tests.
type testProvider struct {
	*httptest.Server
	key    *rsa.PrivateKey
	token  http.HandlerFunc // answers POST /token
	meta   map[string]any   // extra discovery fields
	forms  []url.Values     // every token request's form
	revoke http.HandlerFunc
}

// providerKey is the signing key of every testProvider: a 2048-bit key
// takes a tenth of a second or more to make, and each provider serves
// its own JWKS, so one key for the test binary is enough.
var providerKey = sync.OnceValues(func() (*rsa.PrivateKey, error) { return rsa.GenerateKey(rand.Reader, 2048) })

func newTestProvider(t testing.TB) *testProvider {
	t.Helper()
	key, err := providerKey()
	if err != nil {
		t.Fatal(err)
	}
	p := &testProvider{key: key, meta: map[string]any{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		doc := map[string]any{
			"issuer":                                p.URL,
			"authorization_endpoint":                p.URL + "/authorize",
			"token_endpoint":                        p.URL + "/token",
			"jwks_uri":                              p.URL + "/jwks",
			"revocation_endpoint":                   p.URL + "/revoke",
			"id_token_signing_alg_values_supported": []string{"RS256"},
			"code_challenge_methods_supported":      []string{"S256"},
		}
		for k, v := range p.meta {
			doc[k] = v
		}
		json.NewEncoder(w).Encode(doc)
	})
	mux.HandleFunc("GET /jwks", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &key.PublicKey, KeyID: "k1", Algorithm: "RS256", Use: "sig"}}})
	})
	mux.HandleFunc("POST /token", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		p.forms = append(p.forms, r.PostForm)
		p.token(w, r)
	})
	mux.HandleFunc("POST /revoke", func(w http.ResponseWriter, r *http.Request) { p.revoke(w, r) })
	p.Server = httptest.NewServer(mux)
	t.Cleanup(p.Close)
	return p
}

// idToken signs claims over the standard ones for clientID and nonce.
func (p *testProvider) idToken(t *testing.T, clientID, nonce string, change func(c map[string]any)) string {
	t.Helper()
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: p.key}, (&jose.SignerOptions{}).WithHeader("kid", "k1"))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	claims := map[string]any{
		"iss": p.URL, "sub": "user-1", "aud": clientID, "nonce": nonce,
		"iat": now.Unix(), "exp": now.Add(time.Hour).Unix(),
	}
	if change != nil {
		change(claims)
	}
	raw, err := jwt.Signed(signer).Claims(claims).Serialize()
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// jsonToken answers with a JSON body and status.
func jsonToken(status int, body any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(body)
	}
}

func (p *testProvider) config() Config {
	return Config{ClientID: "client-1", Issuer: p.URL, Timeout: 5 * time.Second}
}
