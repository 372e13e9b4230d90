package cli

import (
	"bufio"
	"net/http"
	"net/url"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/make-connect/make-connect/internal/testkit/sandbox"
	"github.com/make-connect/make-connect/internal/testkit/secretservice"
)

// connectAs runs a whole "connect" in which the sandbox's person signs in
// as email.
func (h *harness) connectAs(email string) {
	h.t.Helper()
	h.connectAsSaying(email)
}

// TestManyLargeAccounts connects three accounts whose access tokens are
// over 8 KB and checks what the keychain really holds.
func TestManyLargeAccounts(t *testing.T) {
	t.Parallel()
	h := newHarness(t, sandbox.Options{TokenEntropy: 6200})
	emails := []string{"ada@example.com", "grace@example.com", "alan@example.com"}
	for _, e := range emails {
		h.connectAs(e)
	}
	h.connectAs("grace@example.com") // reconnecting replaces, never duplicates

	accts := h.status()
	if len(accts) != 3 {
		t.Fatalf("status lists %d accounts, want 3", len(accts))
	}
	for i, a := range accts {
		if a.Email != emails[i] {
			t.Errorf("account %d is %s, want %s", i, a.Email, emails[i])
		}
	}

	if secretservice.Private() {
		sizes := secretSizes(t, h.env["MAKE_CONNECT_KEYRING_SERVICE"])
		if len(sizes) < 3*5 {
			t.Errorf("the Secret Service holds %d items for three 8 KB accounts; want them chunked", len(sizes))
		}
		for user, n := range sizes {
			if n > 2000 {
				t.Errorf("secret %s is %d bytes, over 2,000", user, n)
			}
		}
	} else {
		t.Log("no real Secret Service: secret sizes are checked under `make test`")
	}

	if code, _, errOut := h.run("disconnect", "--account", "grace@example.com"); code != 0 {
		t.Fatalf("disconnect: exit %d: %s", code, errOut)
	}
	accts = h.status()
	if len(accts) != 2 || accts[0].Email != "ada@example.com" || accts[1].Email != "alan@example.com" {
		t.Fatalf("after disconnecting Grace: %+v", accts)
	}
	for _, a := range accts {
		code, tok, errOut := h.run("token", "--account", a.ID)
		if code != 0 || usersMe(t, h, strings.TrimSpace(tok)) != 200 {
			t.Errorf("%s: token exit %d (%s), or it does not work", a.Email, code, errOut)
		}
	}
}

// secretSizes lists every secret the Secret Service holds for service,
// found by its attributes rather than through our own index, with its
// size in bytes.
func secretSizes(t *testing.T, service string) map[string]int {
	t.Helper()
	out, err := exec.Command("secret-tool", "search", "--all", "--unlock", "service", service).CombinedOutput()
	if err != nil {
		t.Fatalf("secret-tool search: %v", err)
	}
	sizes := map[string]int{}
	user, secret := "", ""
	flush := func() {
		if user != "" {
			sizes[user] = len(secret)
		}
		user, secret = "", ""
	}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "["):
			flush()
		case strings.HasPrefix(line, "secret = "):
			secret = strings.TrimPrefix(line, "secret = ")
		case strings.HasPrefix(line, "attribute.username = "):
			user = strings.TrimPrefix(line, "attribute.username = ")
		}
	}
	flush()
	return sizes
}

// TestTokenRefreshesAndRotates uses a sandbox that issues rotating refresh
// tokens, and asks for a token 59 minutes after connecting, inside the
// refresh margin of the 1-hour token.
func TestTokenRefreshesAndRotates(t *testing.T) {
	t.Parallel()
	h := newHarness(t, sandbox.Options{RefreshTokens: true})
	h.connectAs("ada@example.com")
	h.now = func() time.Time { return time.Now().Add(59 * time.Minute) }
	before, _, err := h.store.List()
	if err != nil || len(before) != 1 {
		t.Fatalf("stored %d accounts: %v", len(before), err)
	}
	old := before[0]

	// Two processes' worth of callers refresh at once: with the refresh
	// under the keychain lock, each re-reads and none spends a rotated
	// refresh token.
	var wg sync.WaitGroup
	tokens := make([]string, 4)
	codes := make([]int, 4)
	for i := range tokens {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var code int
			code, tokens[i], _ = h.run("token")
			codes[i] = code
		}()
	}
	wg.Wait()
	for i, tok := range tokens {
		tok = strings.TrimSpace(tok)
		if codes[i] != 0 || tok == old.AccessToken || tok != strings.TrimSpace(tokens[0]) || usersMe(t, h, tok) != 200 {
			t.Errorf("caller %d: exit %d; old token %v; same as caller 0 %v", i, codes[i], tok == old.AccessToken, tok == strings.TrimSpace(tokens[0]))
		}
	}
	after, _, _ := h.store.List()
	if len(after) != 1 || after[0].RefreshToken == old.RefreshToken || !after[0].ExpiresAt.After(old.ExpiresAt) {
		t.Fatal("the rotated tokens were not stored")
	}
	if after[0].Name != "Ada Lovelace" || after[0].Subject != old.Subject {
		t.Errorf("refreshing lost the identity: %q %q", after[0].Name, after[0].Subject)
	}
	// The stored refresh token is the newest, not one already spent: the
	// server still accepts it.
	resp, err := http.PostForm(h.sandbox.Issuer()+"/oauth/v2/token", url.Values{
		"grant_type": {"refresh_token"}, "refresh_token": {after[0].RefreshToken}, "client_id": {h.env["MAKE_CONNECT_CLIENT_ID"]},
	})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("the stored refresh token was refused: HTTP %d", resp.StatusCode)
	}
}
