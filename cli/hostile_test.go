package cli

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// hostile is an authorization server that misbehaves in one chosen way,
// for the tests of what a connect does then. Its authorize endpoint
// approves at once (there is no person to ask), sending the browser back
// with a long code, so that a leak of it would show. It serves https with
// hostileCert, which the client trusts as a company's CA (caFile); its
// redirects point at two catchers, which record whatever reaches them.
type hostile struct {
	*httptest.Server
	key, other *rsa.PrivateKey
	fault      string
	caFile     string
	// plain is http on the same host; elsewhere is https at another host
	// name (localhost) that the certificate names as well.
	plain, elsewhere *catcher

	mu    sync.Mutex
	nonce string
	// sent counts the bytes of the endless body written so far.
	sent atomic.Int64
}

const hostileCode = "hostile-code-5f1b2c9a7d3e4f60"

// hostileNames is every fault the server knows.
var hostileNames = []string{
	"500 html", "invalid_grant", "no access_token", "200 text/html", "endless body", "no answer",
	"alg none", "unknown key", "other audience", "other nonce", "other issuer", "expired", "unreachable keys",
	"discovery names another issuer", "plain http endpoint", "pkce plain only", "escapes in error_description",
	"escapes in the name", "expires_in as a string", "escapes in the discovery body", "escapes in the subject",
	"discovery 302 to http", "discovery 307 to another host", "keys 302 to http", "keys 307 to another host",
	"token 302 to http", "token 307 to another host", "users/me 302 to http", "users/me 307 to another host",
	"users/me 302 on the same server",
}

// escapes is what a server puts in a string to steer a terminal: retitle
// it (OSC … BEL), clear it (CSI 2J), a C1 CSI, and reverse the line (RLO).
const escapes = "\x1b]0;pwned\x07\x1b[2J\u009b31m\u202e"

// revocationFaults are the faults of disconnecting, not of connecting.
var revocationFaults = []string{"revocation 302 to http", "revocation 307 to another host"}

// redirectFault splits a fault like "token 307 to another host" into the
// endpoint that redirects, its status and where to; ok is false for the
// faults that are not redirects.
func redirectFault(fault string) (endpoint string, status int, to string, ok bool) {
	var n int
	if i := strings.Index(fault, " 30"); i > 0 {
		endpoint = fault[:i]
		if _, err := fmt.Sscanf(fault[i+1:], "%d", &n); err == nil {
			return endpoint, n, fault[i+5:], true
		}
	}
	return "", 0, "", false
}

// redirected answers r with the fault's redirect when endpoint is the one
// that redirects, and reports whether it did.
func (h *hostile) redirected(endpoint string, w http.ResponseWriter, r *http.Request) bool {
	which, status, to, ok := redirectFault(h.fault)
	if !ok || which != endpoint {
		return false
	}
	target := map[string]string{
		"to http":            h.plain.URL,
		"to another host":    h.elsewhere.URL,
		"on the same server": h.URL,
	}[to]
	http.Redirect(w, r, target+r.URL.Path+"?followed=1", status)
	return true
}

func newHostile(fault string) *hostile {
	h := &hostile{fault: fault}
	h.key, h.other = hostileKeys()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", h.discovery)
	mux.HandleFunc("GET /jwks", func(w http.ResponseWriter, r *http.Request) {
		if h.redirected("keys", w, r) {
			return
		}
		json.NewEncoder(w).Encode(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &h.key.PublicKey, KeyID: "k1", Algorithm: "RS256", Use: "sig"}}})
	})
	mux.HandleFunc("GET /authorize", h.authorize)
	mux.HandleFunc("POST /token", h.token)
	mux.HandleFunc("POST /revoke", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		if h.fault == "escapes in the subject" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(400)
			json.NewEncoder(w).Encode(map[string]string{"error": "invalid_request" + escapes, "error_description": "no" + escapes})
			return
		}
		h.redirected("revocation", w, r)
	})
	mux.HandleFunc("GET /api/v2/users/me", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("followed") == "" && h.redirected("users/me", w, r) {
			return
		}
		name := "Eve Example"
		if fault == "escapes in the name" {
			name = "Eve\x1b]0;pwned\x07\x1b[2J<b>\u202e"
		}
		json.NewEncoder(w).Encode(map[string]any{"authUser": map[string]any{"id": 66, "name": name, "email": "eve@example.com"}})
	})
	cert, pem := hostileCert()
	h.Server = httptest.NewUnstartedServer(mux)
	h.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	h.StartTLS()
	h.plain, h.elsewhere = newCatcher(false), newCatcher(true)
	h.elsewhere.URL = strings.Replace(h.elsewhere.URL, "127.0.0.1", "localhost", 1)
	f, err := os.CreateTemp("", "hostile-ca-*.pem")
	if err == nil {
		f.Write(pem)
		f.Close()
		h.caFile = f.Name()
	}
	return h
}

// Close stops the server and its catchers.
func (h *hostile) Close() {
	h.Server.Close()
	h.plain.Close()
	h.elsewhere.Close()
	os.Remove(h.caFile)
}

// hostileKeys are the servers' signing key and a key their JWKS does not
// hold, made once per test binary: each 2048-bit key takes a tenth of a
// second or more, and every case starts a server.
var hostileKeys = sync.OnceValues(func() (key, other *rsa.PrivateKey) {
	key, _ = rsa.GenerateKey(rand.Reader, 2048)
	other, _ = rsa.GenerateKey(rand.Reader, 2048)
	return key, other
})

// hostileCert is one self-signed certificate for 127.0.0.1, ::1 and
// localhost, and its PEM, made once per test binary.
var hostileCert = sync.OnceValues(func() (tls.Certificate, []byte) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "hostile test server"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true,
		KeyUsage:    x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback}, DNSNames: []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		panic(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key},
		pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
})

// catcher is where a hostile redirect points: it answers 200 with an
// empty JSON object and remembers what reached it, of which a credential
// must never be part, nor any request at all.
type catcher struct {
	*httptest.Server
	mu  sync.Mutex
	got []string // "METHOD /path"
}

func newCatcher(useTLS bool) *catcher {
	c := &catcher{}
	c.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.mu.Lock()
		c.got = append(c.got, r.Method+" "+r.URL.Path)
		c.mu.Unlock()
		io.WriteString(w, "{}")
	}))
	if useTLS {
		cert, _ := hostileCert()
		c.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
		c.StartTLS()
	} else {
		c.Start()
	}
	return c
}

// requests is what reached c.
func (c *catcher) requests() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.got)
}

func (h *hostile) discovery(w http.ResponseWriter, r *http.Request) {
	if h.redirected("discovery", w, r) {
		return
	}
	if h.fault == "escapes in the discovery body" {
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, "down for maintenance"+escapes)
		return
	}
	doc := map[string]any{
		"issuer": h.URL, "authorization_endpoint": h.URL + "/authorize", "token_endpoint": h.URL + "/token",
		"jwks_uri": h.URL + "/jwks", "revocation_endpoint": h.URL + "/revoke", "code_challenge_methods_supported": []string{"S256"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
	}
	switch h.fault {
	case "discovery names another issuer":
		doc["issuer"] = "https://www.make.com"
	case "plain http endpoint":
		doc["token_endpoint"] = "http://make.example.org/token"
	case "pkce plain only":
		doc["code_challenge_methods_supported"] = []string{"plain"}
	case "unreachable keys":
		ln, _ := net.Listen("tcp", "127.0.0.1:0")
		ln.Close()
		doc["jwks_uri"] = "http://" + ln.Addr().String() + "/jwks"
	}
	json.NewEncoder(w).Encode(doc)
}

func (h *hostile) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	h.mu.Lock()
	h.nonce = q.Get("nonce")
	h.mu.Unlock()
	back := url.Values{"state": {q.Get("state")}, "iss": {h.URL}}
	if h.fault == "escapes in error_description" {
		back.Set("error", "server_error")
		back.Set("error_description", "\x1b]0;pwned\x07\x1b[2J<script>alert(1)</script>\u202e")
	} else {
		back.Set("code", hostileCode)
	}
	http.Redirect(w, r, q.Get("redirect_uri")+"?"+back.Encode(), http.StatusFound)
}

func (h *hostile) token(w http.ResponseWriter, r *http.Request) {
	// Read the form first: only then does net/http notice a client that
	// gives up, and end r's context.
	r.ParseForm()
	if h.redirected("token", w, r) {
		return
	}
	body := map[string]any{"access_token": "hostile-at-8c1d2e3f4a5b6c7d", "token_type": "Bearer", "expires_in": 3600}
	claims := map[string]any{}
	switch h.fault {
	case "500 html":
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(500)
		fmt.Fprint(w, "<html><h1>Internal Server Error</h1></html>")
		return
	case "invalid_grant":
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(400)
		fmt.Fprint(w, `{"error":"invalid_grant","error_description":"code was already used"}`)
		return
	case "no access_token":
		delete(body, "access_token")
	case "200 text/html":
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html>Please log in</html>")
		return
	case "endless body":
		w.Header().Set("Content-Type", "application/json")
		chunk := []byte(strings.Repeat(" ", 64<<10))
		for r.Context().Err() == nil {
			n, err := w.Write(chunk)
			h.sent.Add(int64(n))
			if err != nil {
				return
			}
		}
		return
	case "no answer":
		<-r.Context().Done()
		return
	case "other audience":
		claims["aud"] = "someone-else"
	case "other nonce":
		claims["nonce"] = "replayed-nonce"
	case "other issuer":
		claims["iss"] = "https://www.make.com"
	case "expired":
		claims["exp"] = time.Now().Add(-time.Hour).Unix()
	case "expires_in as a string":
		body["expires_in"] = "3600"
	}
	body["id_token"] = h.idToken(r.PostFormValue("client_id"), claims)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(body)
}

// idToken signs the standard claims, changed as the fault asks.
func (h *hostile) idToken(clientID string, change map[string]any) string {
	h.mu.Lock()
	nonce := h.nonce
	h.mu.Unlock()
	now := time.Now()
	sub := "eve-66"
	if h.fault == "escapes in the subject" {
		sub = "eve" + escapes + "-66"
	}
	claims := map[string]any{"iss": h.URL, "sub": sub, "aud": clientID, "nonce": nonce, "iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}
	for k, v := range change {
		claims[k] = v
	}
	key, alg := any(h.key), jose.RS256
	switch h.fault {
	case "unknown key":
		key = h.other
	case "alg none":
		head, _ := json.Marshal(map[string]string{"alg": "none", "typ": "JWT"})
		payload, _ := json.Marshal(claims)
		return b64(head) + "." + b64(payload) + "."
	}
	signer, _ := jose.NewSigner(jose.SigningKey{Algorithm: alg, Key: key}, (&jose.SignerOptions{}).WithHeader("kid", "k1"))
	raw, _ := jwt.Signed(signer).Claims(claims).Serialize()
	return raw
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }
