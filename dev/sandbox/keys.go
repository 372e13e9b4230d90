package sandbox

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"fmt"

	"github.com/go-jose/go-jose/v3"
)

// signingKey is the RSA key that signs id_tokens, generated at start and
// published at the JWKS endpoint under kid.
type signingKey struct {
	private *rsa.PrivateKey
	kid     string
}

// newSigningKey generates a 2048-bit RSA key whose kid is its RFC 7638
// thumbprint.
func newSigningKey() (signingKey, error) {
	priv, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return signingKey{}, fmt.Errorf("generate rsa key: %w", err)
	}
	pub := jose.JSONWebKey{Key: &priv.PublicKey, Algorithm: string(jose.RS256), Use: "sig"}
	thumb, err := pub.Thumbprint(crypto.SHA256)
	if err != nil {
		return signingKey{}, fmt.Errorf("thumbprint rsa key: %w", err)
	}
	return signingKey{private: priv, kid: base64.RawURLEncoding.EncodeToString(thumb)}, nil
}

// publicJWKS is the JSON Web Key Set served at the jwks_uri.
func (k signingKey) publicJWKS() jose.JSONWebKeySet {
	return jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{
		Key:       &k.private.PublicKey,
		KeyID:     k.kid,
		Algorithm: string(jose.RS256),
		Use:       "sig",
	}}}
}
