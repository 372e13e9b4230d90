package sandbox

import (
	"context"
	"encoding/base64"
	"net/http"
	"strings"
	"time"

	"github.com/ory/fosite"
	"github.com/ory/fosite/handler/openid"
)

// handleToken serves POST /oauth/v2/token. fosite authenticates the public
// client by client_id, checks the code, redirect_uri and code_verifier (or
// the refresh token) and mints the tokens; the sandbox only applies the
// TokenDelay and TamperIDToken faults.
func (s *Server) handleToken(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if s.opts.Secrets != nil && r.ParseForm() == nil {
		for _, name := range []string{"code", "code_verifier", "refresh_token"} {
			if v := r.PostForm.Get(name); v != "" {
				s.opts.Secrets(v)
			}
		}
	}
	ar, err := s.provider.NewAccessRequest(ctx, r, openid.NewDefaultSession())
	if err != nil {
		s.tokenError(ctx, w, ar, err)
		return
	}
	resp, err := s.provider.NewAccessResponse(ctx, ar)
	if err != nil {
		s.tokenError(ctx, w, ar, err)
		return
	}
	// fosite truncates expires_in, so a token minted a few milliseconds
	// after its rounded expiry was stored says 3599; round it instead.
	if exp := ar.GetSession().GetExpiresAt(fosite.AccessToken); !exp.IsZero() {
		resp.SetExpiresIn(time.Until(exp).Round(time.Second))
	}
	if s.opts.TamperIDToken {
		if idToken, ok := resp.GetExtra("id_token").(string); ok {
			resp.SetExtra("id_token", tamperSignature(idToken))
		}
	}
	if !s.holdBack(ctx) {
		return
	}
	if s.opts.Secrets != nil {
		s.opts.Secrets(resp.GetAccessToken())
		for _, name := range []string{"refresh_token", "id_token"} {
			if v, ok := resp.GetExtra(name).(string); ok {
				s.opts.Secrets(v)
			}
		}
	}
	_, hasRefresh := resp.GetExtra("refresh_token").(string)
	s.opts.Logf("sandbox: token: %v grant for client %q; refresh token: %v",
		[]string(ar.GetGrantTypes()), ar.GetClient().GetID(), hasRefresh)
	s.provider.WriteAccessResponse(ctx, w, ar, resp)
}

// tokenError writes fosite's RFC 6749 §5.2 error, after the TokenDelay.
func (s *Server) tokenError(ctx context.Context, w http.ResponseWriter, ar fosite.AccessRequester, err error) {
	rfcErr := fosite.ErrorToRFC6749Error(err)
	s.opts.Logf("sandbox: token: refused: %s: %s", rfcErr.ErrorField, rfcErr.HintField)
	if !s.holdBack(ctx) {
		return
	}
	s.provider.WriteAccessError(ctx, w, ar, err)
}

// holdBack waits out Options.TokenDelay. It reports false, at once, if the
// client goes away first; then nothing should be written.
func (s *Server) holdBack(ctx context.Context) bool {
	if s.opts.TokenDelay <= 0 {
		return true
	}
	t := time.NewTimer(s.opts.TokenDelay)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		s.opts.Logf("sandbox: token: the client went away during the %v token delay", s.opts.TokenDelay)
		return false
	}
}

// tamperSignature flips one bit in the first byte of a JWS compact
// serialization's signature. Editing the base64 text instead could change
// only padding bits and leave the signature valid.
func tamperSignature(jws string) string {
	dot := strings.LastIndexByte(jws, '.')
	sig, err := base64.RawURLEncoding.DecodeString(jws[dot+1:])
	if dot < 0 || err != nil || len(sig) == 0 {
		return jws + "x"
	}
	sig[0] ^= 0x01
	return jws[:dot+1] + base64.RawURLEncoding.EncodeToString(sig)
}
