package cli

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/elazarl/goproxy"

	"github.com/make-connect/make-connect/internal/testkit/person"
	"github.com/make-connect/make-connect/internal/testkit/sandbox"
)

// behindProxy is a TLS sandbox that only a forward proxy can reach: its
// issuer is https://make.sandbox.test:PORT, a name no resolver knows, and
// the proxy (a real CONNECT proxy, goproxy) tunnels every connection to
// where the sandbox listens. A client that ignored HTTPS_PROXY could not
// connect at all.
type behindProxy struct {
	h       *harness
	proxy   string
	tunnels atomic.Int32
	caFile  string
	person  person.Person
}

func newBehindProxy(t *testing.T) *behindProxy {
	t.Helper()
	h := newHarness(t, sandbox.Options{TLS: true, Host: "make.sandbox.test"})
	b := &behindProxy{h: h}
	sandboxAddr := strings.TrimPrefix(h.sandbox.Issuer(), "https://make.sandbox.test")
	p := goproxy.NewProxyHttpServer()
	p.ConnectDial = func(network, addr string) (net.Conn, error) {
		b.tunnels.Add(1)
		return net.Dial(network, "127.0.0.1"+sandboxAddr)
	}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	b.proxy = srv.URL
	b.caFile = filepath.Join(t.TempDir(), "company-ca.pem")
	if err := os.WriteFile(b.caFile, h.sandbox.CA(), 0o600); err != nil {
		t.Fatal(err)
	}
	h.env["HTTPS_PROXY"] = b.proxy
	// The browser trusts the company CA and uses the proxy too.
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(h.sandbox.CA())
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = func(r *http.Request) (*url.URL, error) {
		if r.URL.Hostname() == "127.0.0.1" {
			return nil, nil // the loopback callback is never proxied
		}
		return url.Parse(b.proxy)
	}
	tr.TLSClientConfig = &tls.Config{RootCAs: roots}
	b.person = person.Person{Client: &http.Client{Transport: tr}}
	return b
}

// TestTLSInspectingProxyNeedsTheCAFile: without the company's CA the
// certificate failure is explained in plain words and names the setting;
// with it, connecting works through the proxy, and --verbose shows each
// request going through it, without a secret.
func TestTLSInspectingProxyNeedsTheCAFile(t *testing.T) {
	t.Parallel()
	b := newBehindProxy(t)
	h := b.h

	code, _, errOut := h.run("connect", "--no-browser")
	if code != ExitFailure || !strings.Contains(errOut, "The secure connection to make.sandbox.test:") ||
		!strings.Contains(errOut, "Something on this network may intercept secure connections") ||
		!strings.Contains(errOut, "set MAKE_CONNECT_CA_FILE or pass --ca-file") {
		t.Fatalf("without the CA file: exit %d: %s", code, errOut)
	}
	if b.tunnels.Load() == 0 {
		t.Fatal("the request did not go through the proxy")
	}

	h.env["MAKE_CONNECT_CA_FILE"] = b.caFile
	c := h.startConnect(context.Background(), "--verbose")
	if _, _, err := b.person.Approve(context.Background(), c.authURL); err != nil {
		t.Fatal(err)
	}
	if code := c.wait(t); code != ExitOK {
		t.Fatalf("with the CA file: exit %d: %s", code, c.errText())
	}
	log := c.errText()
	want := "http GET https://make.sandbox.test:" // discovery, through the proxy
	if !strings.Contains(log, want) || !strings.Contains(log, "/.well-known/openid-configuration → 200") ||
		!strings.Contains(log, "proxy "+b.proxy) || !strings.Contains(log, "/oauth/v2/token → 200") {
		t.Errorf("--verbose does not show the requests through the proxy:\n%s", log)
	}
	if n := len(h.status()); n != 1 {
		t.Errorf("%d accounts stored, want 1", n)
	}
}
