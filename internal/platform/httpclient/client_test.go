package httpclient

import (
	"bytes"
	"encoding/pem"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/elazarl/goproxy"
)

func TestBodiesAreCapped(t *testing.T) {
	big := strings.Repeat("x", MaxBody)
	cases := []struct {
		name    string
		handler http.HandlerFunc
		wantErr bool
	}{
		{"exactly the cap", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, big) }, false},
		{"one byte over, with a length", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, big+"x") }, true},
		{"one byte over, chunked", func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, big[:10])
			w.(http.Flusher).Flush()
			io.WriteString(w, big[10:]+"x")
		}, true},
		{"endless", func(w http.ResponseWriter, r *http.Request) {
			chunk := []byte(strings.Repeat("y", 64<<10))
			for r.Context().Err() == nil {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(tc.handler)
			defer srv.Close()
			resp, err := Default().Get(srv.URL)
			var body []byte
			if err == nil {
				body, err = io.ReadAll(resp.Body)
				resp.Body.Close()
			}
			if tc.wantErr {
				if !errors.Is(err, ErrBodyTooLarge) || len(body) > MaxBody {
					t.Fatalf("read %d bytes, err %v; want ErrBodyTooLarge after at most %d", len(body), err, MaxBody)
				}
				return
			}
			if err != nil || len(body) != MaxBody {
				t.Fatalf("read %d bytes, err %v", len(body), err)
			}
		})
	}
}

// writeCA writes the TLS test server's certificate as a PEM file.
func writeCA(t *testing.T, srv *httptest.Server) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "corporate-ca.pem")
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	if err := os.WriteFile(file, pemBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}

func TestCAFile(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }))
	defer srv.Close()

	_, err := Default().Get(srv.URL)
	var ce *CertificateError
	if !errors.As(err, &ce) || ce.Host != strings.TrimPrefix(srv.URL, "https://") {
		t.Fatalf("an untrusted certificate gave %v, want a *CertificateError naming the host", err)
	}

	c, err := New(Options{CAFile: writeCA(t, srv)})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Get(srv.URL)
	if err != nil {
		t.Fatalf("with the CA file: %v", err)
	}
	resp.Body.Close()

	for name, content := range map[string]string{"not PEM": "hello", "a key, no certificate": "-----BEGIN PRIVATE KEY-----\nAA==\n-----END PRIVATE KEY-----\n"} {
		file := filepath.Join(t.TempDir(), "bad.pem")
		os.WriteFile(file, []byte(content), 0o600)
		if _, err := New(Options{CAFile: file}); !errors.Is(err, ErrCAFile) || !strings.Contains(err.Error(), "holds no PEM certificate") {
			t.Errorf("%s: %v, want ErrCAFile", name, err)
		}
	}
	if _, err := New(Options{CAFile: filepath.Join(t.TempDir(), "missing.pem")}); !errors.Is(err, ErrCAFile) {
		t.Errorf("a missing file: %v, want ErrCAFile", err)
	}
}

// TestProxyFromTheEnvironment sends a request for a name only the proxy
// can reach (it dials the TLS test server whatever the name), so an answer
// proves the request went through the proxy named by https_proxy.
func TestProxyFromTheEnvironment(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }))
	defer srv.Close()
	target := srv.Listener.Addr().String()
	proxy := goproxy.NewProxyHttpServer()
	connects := 0
	proxy.ConnectDial = func(network, addr string) (net.Conn, error) {
		connects++
		return net.Dial(network, target)
	}
	ps := httptest.NewServer(proxy)
	defer ps.Close()

	var log bytes.Buffer
	env := map[string]string{"https_proxy": ps.URL}
	getenv := func(k string) string { return env[k] }
	c, err := New(Options{CAFile: writeCA(t, srv), Log: &log, Getenv: getenv})
	if err != nil {
		t.Fatal(err)
	}
	// httptest's certificate names example.com.
	resp, err := c.Get("https://example.com/path?code=secret-code")
	if err != nil {
		t.Fatalf("through the proxy: %v", err)
	}
	resp.Body.Close()
	if connects != 1 {
		t.Errorf("the proxy tunnelled %d connections, want 1", connects)
	}
	line := log.String()
	want := "http GET https://example.com/path → 200 in "
	if !strings.HasPrefix(line, want) || !strings.Contains(line, "proxy http://"+strings.TrimPrefix(ps.URL, "http://")) {
		t.Errorf("log line %q, want %q… naming the proxy", line, want)
	}
	if strings.Contains(line, "secret-code") || strings.Contains(line, "?") {
		t.Errorf("the log line holds the query: %q", line)
	}

	env["NO_PROXY"] = "example.com"
	c, _ = New(Options{CAFile: writeCA(t, srv), Timeout: 2 * time.Second, Getenv: getenv})
	if resp, err := c.Get("https://example.com/"); err == nil {
		resp.Body.Close()
	}
	if connects != 1 {
		t.Error("NO_PROXY=example.com still went through the proxy")
	}
}

func TestLogNamesFailuresWithoutSecrets(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	var log bytes.Buffer
	c, _ := New(Options{Log: &log})
	c.Get(srv.URL + "/token?refresh_token=secret")
	line := log.String()
	if !strings.Contains(line, "/token → failed after") || !strings.Contains(line, "certificate not trusted") || !strings.Contains(line, "no proxy") {
		t.Errorf("log line %q", line)
	}
	if strings.Contains(line, "secret") {
		t.Errorf("the log line holds the query: %q", line)
	}
}

// A client made for every call would leave its idle connections open
// until they time out: fuzzing Begin ran out of file descriptors so.
func TestDefaultIsShared(t *testing.T) {
	if first, second := Default(), Default(); first != second {
		t.Fatal("Default made a new client (and transport) for a second call")
	}
}
