package sandbox

import (
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"time"
)

// Make's paths, all served on one listener.
const (
	pathAuthorize = "/oauth/v2/authorize"
	pathToken     = "/oauth/v2/token"
	pathRevoke    = "/oauth/v2/revoke"
	pathJWKS      = "/oauth/v2/oidc/jwks"
	pathUserinfo  = "/oauth/v2/oidc/userinfo"
	pathDiscovery = "/.well-known/openid-configuration"
	pathUsersMe   = "/api/v2/users/me"
	pathOrgs      = "/api/v2/organizations"
)

// Server is a running sandbox authorization server. Start one with Start
// and stop it with Close.
type Server struct {
	opts     Options
	issuer   string
	ca       []byte // PEM, with TLS
	key      signingKey
	provider *provider
	http     *http.Server
	done     chan struct{}
}

// Start generates a signing key, listens on opts.Addr and serves in the
// background until Close.
func Start(opts Options) (*Server, error) {
	if err := opts.validateAndSetDefaults(); err != nil {
		return nil, fmt.Errorf("sandbox options: %w", err)
	}
	key, err := newSigningKey()
	if err != nil {
		return nil, fmt.Errorf("start sandbox: %w", err)
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return nil, fmt.Errorf("start sandbox: %w", err)
	}
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	if opts.Host != "" {
		host = opts.Host
	}
	s := &Server{opts: opts, key: key, done: make(chan struct{})}
	scheme := "http"
	if opts.TLS {
		cfg, ca, err := serverTLS(host)
		if err != nil {
			ln.Close()
			return nil, fmt.Errorf("start sandbox: %w", err)
		}
		ln, s.ca, scheme = tls.NewListener(ln, cfg), ca, "https"
	}
	s.issuer = scheme + "://" + net.JoinHostPort(host, port)
	if s.provider, err = newProvider(opts, s.issuer, key); err != nil {
		ln.Close()
		return nil, fmt.Errorf("start sandbox: %w", err)
	}
	s.http = &http.Server{Handler: s.skewClock(s.routes()), ReadHeaderTimeout: 10 * time.Second, ErrorLog: log.New(io.Discard, "", 0)}
	go func() {
		defer close(s.done)
		if err := s.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.opts.Logf("sandbox: serve: %v", err)
		}
	}()
	return s, nil
}

// Issuer returns the server's base URL, such as http://127.0.0.1:8787,
// without a trailing slash. It is the "issuer" of the discovery document
// and of every id_token.
func (s *Server) Issuer() string { return s.issuer }

// CA returns the PEM certificate of the CA that signed the server's
// certificate, with TLS; nil without.
func (s *Server) CA() []byte { return s.ca }

// skewClock sets every answer's Date header ClockSkew off the real time.
func (s *Server) skewClock(next http.Handler) http.Handler {
	if s.opts.ClockSkew == 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", time.Now().Add(s.opts.ClockSkew).UTC().Format(http.TimeFormat))
		next.ServeHTTP(w, r)
	})
}

// Close stops the server at once, breaking open connections; requests
// waiting out a TokenDelay return early.
func (s *Server) Close() error {
	err := s.http.Close()
	<-s.done
	if err != nil {
		return fmt.Errorf("close sandbox: %w", err)
	}
	return nil
}

// routes maps Make's paths to their handlers.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+pathAuthorize, s.handleAuthorize)
	mux.HandleFunc("POST "+pathAuthorize, s.handleConsent)
	mux.HandleFunc("POST "+pathToken, s.handleToken)
	mux.HandleFunc("POST "+pathRevoke, s.handleRevoke)
	mux.HandleFunc("GET "+pathJWKS, s.handleJWKS)
	mux.HandleFunc("GET "+pathUserinfo, s.handleUserinfo)
	mux.HandleFunc("GET "+pathDiscovery, s.handleDiscovery)
	mux.HandleFunc("GET "+pathUsersMe, s.handleUsersMe)
	mux.HandleFunc("GET "+pathOrgs, s.handleOrganizations)
	return mux
}

// writeJSON writes v as a JSON response with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
