package accounts

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/adapters/keychain"
	"github.com/make-connect/make-connect/internal/core/account"
	scripted "github.com/make-connect/make-connect/internal/testkit/person" // (person is a helper here)
	"github.com/make-connect/make-connect/internal/testkit/sandbox"
)

// TestDisconnectRacingARefreshRevokesEverything runs a refresh and a
// disconnect of the same account at once, many times, against a sandbox
// that rotates refresh tokens, and watches the app's requests: every
// refresh token the server handed out must have been spent on a renewal
// or revoked, and each account's last access token revoked. Before the
// disconnect revoked under the keychain's lock, a refresh between its
// read and its delete left the rotated tokens unrevoked and on no
// computer. (The sandbox, like fosite, revokes a whole grant when any of
// its refresh tokens is revoked; a server that revokes just the token it
// is sent, as RFC 7009 allows, would keep them working.)
func TestDisconnectRacingARefreshRevokesEverything(t *testing.T) {
	srv := sandbox.Start(t, sandbox.Options{RefreshTokens: true})
	cfg, err := config.Load(nil, func(k string) string {
		return map[string]string{config.EnvIssuer: srv.Issuer(), config.EnvAPIBase: srv.Issuer() + "/api/v2", config.EnvClientID: "c"}[k]
	}, nil, config.Policy{})
	if err != nil {
		t.Fatal(err)
	}
	rec := &tokenRecorder{next: http.DefaultTransport, spent: map[string]bool{}, revoked: map[string]bool{}}
	s := &Service{Config: cfg, Store: keychain.NewWithBackend("test", keychain.NewMemoryBackend(keychain.NoLimit)),
		HTTPClient: &http.Client{Transport: rec}}
	const rounds = 25
	unrevoked, lastAlive := 0, 0
	for range rounds {
		s.Now = time.Now
		a, err := s.Begin(context.Background(), func(ctx context.Context, c *account.Connected) error {
			_, err := s.Save(c, nil)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := (scripted.Person{}).Approve(context.Background(), a.AuthURL()); err != nil {
			t.Fatal(err)
		}
		c, err := a.Wait(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		rec.reset()
		s.Now = func() time.Time { return time.Now().Add(59 * time.Minute) } // the refresh is due
		var wg sync.WaitGroup
		wg.Go(func() { s.EnsureFresh(context.Background(), c.ID()) })
		wg.Go(func() {
			if _, err := s.Disconnect(context.Background(), c.ID()); err != nil {
				t.Errorf("disconnect: %v", err)
			}
		})
		wg.Wait()
		refresh, access := rec.issuedSince(c)
		for _, rt := range refresh {
			if !rec.spent[rt] && !rec.revoked[rt] {
				unrevoked++
			}
		}
		if !rec.revoked[access] {
			lastAlive++
		}
	}
	if unrevoked > 0 || lastAlive > 0 {
		t.Errorf("of %d disconnects racing a refresh, %d left a refresh token neither spent nor revoked, %d the last access token unrevoked",
			rounds, unrevoked, lastAlive)
	}
}

// tokenRecorder watches the app's token and revocation requests: which
// refresh tokens were spent on a renewal, which tokens were revoked, and
// what the renewals handed out.
type tokenRecorder struct {
	next           http.RoundTripper
	mu             sync.Mutex
	spent, revoked map[string]bool
	renewedRefresh []string
	renewedAccess  []string
}

func (r *tokenRecorder) reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.renewedRefresh, r.renewedAccess = nil, nil
}

// issuedSince is every refresh token of c's and its renewals since reset,
// and the last access token of them.
func (r *tokenRecorder) issuedSince(c *account.Connected) (refresh []string, access string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	refresh = append([]string{c.RefreshToken}, r.renewedRefresh...)
	access = c.AccessToken
	if n := len(r.renewedAccess); n > 0 {
		access = r.renewedAccess[n-1]
	}
	return refresh, access
}

func (r *tokenRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	var form url.Values
	if req.Body != nil && req.Method == http.MethodPost {
		body, _ := io.ReadAll(req.Body)
		req.Body.Close()
		req.Body = io.NopCloser(bytes.NewReader(body))
		form, _ = url.ParseQuery(string(body))
	}
	resp, err := r.next.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case strings.HasSuffix(req.URL.Path, "/revoke") && resp.StatusCode == http.StatusOK:
		r.revoked[form.Get("token")] = true
	case strings.HasSuffix(req.URL.Path, "/token") && form.Get("grant_type") == "refresh_token" && resp.StatusCode == http.StatusOK:
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(body))
		var tok struct {
			Access  string `json:"access_token"`
			Refresh string `json:"refresh_token"`
		}
		json.Unmarshal(body, &tok)
		r.spent[form.Get("refresh_token")] = true
		r.renewedRefresh = append(r.renewedRefresh, tok.Refresh)
		r.renewedAccess = append(r.renewedAccess, tok.Access)
	}
	return resp, nil
}
