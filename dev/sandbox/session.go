package sandbox

import (
	"strconv"
	"time"

	"github.com/ory/fosite"
	"github.com/ory/fosite/handler/openid"
	"github.com/ory/fosite/token/jwt"
)

// newSession is what fosite stores with the code and the tokens for a
// person who pressed Allow: the id_token claims (fosite adds aud, exp, iat
// and nonce when it signs) and the kid header that names the signing key.
func (s *Server) newSession(u User, ar fosite.AuthorizeRequester) *openid.DefaultSession {
	sub := strconv.Itoa(u.ID)
	claims := &jwt.IDTokenClaims{
		Subject:     sub,
		Issuer:      s.issuer,
		AuthTime:    time.Now().UTC(),
		RequestedAt: ar.GetRequestedAt(),
	}
	return &openid.DefaultSession{
		Claims:   claims,
		Headers:  &jwt.Headers{Extra: map[string]any{"kid": s.key.kid}},
		Subject:  sub,
		Username: u.Email,
	}
}
