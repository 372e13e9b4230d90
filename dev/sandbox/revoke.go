package sandbox

import (
	"net/http"

	"github.com/ory/fosite"
)

// handleRevoke serves POST /oauth/v2/revoke (RFC 7009): a public client
// sends token, token_type_hint and client_id. Revoking either token of a
// grant revokes both, and an unknown token is answered 200 as §2.2 asks.
func (s *Server) handleRevoke(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	err := s.provider.NewRevocationRequest(ctx, r)
	if err != nil {
		s.opts.Logf("sandbox: revoke: %s", fosite.ErrorToRFC6749Error(err).ErrorField)
	} else {
		s.opts.Logf("sandbox: revoke: done for client %q", r.PostForm.Get("client_id"))
	}
	s.provider.WriteRevocationResponse(ctx, w, err)
}
