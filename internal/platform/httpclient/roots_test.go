//go:build unix && !darwin

package httpclient

import (
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoSystemRoots runs a request to a TLS server in a process of its own
// (Go reads the system's roots once per process), with SSL_CERT_FILE and
// SSL_CERT_DIR pointing where a minimal Debian without ca-certificates
// has nothing: the failure must say the system has no roots, and only
// then.
func TestNoSystemRoots(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "certs")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	_, pem := newCA(t, "Some Root")
	bundle := filepath.Join(dir, "bundle.pem")
	if err := os.WriteFile(bundle, pem, 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, file, dir string
		want            string
	}{
		{"no bundle, an empty folder", filepath.Join(dir, "none.pem"), empty, "missing=true noSystemRoots=true"},
		{"no bundle, no folder", filepath.Join(dir, "none.pem"), filepath.Join(dir, "none"), "missing=true noSystemRoots=true"},
		{"a bundle with one root", bundle, empty, "missing=false noSystemRoots=false"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestRootsHelper$")
			cmd.Env = append(os.Environ(), "HTTPCLIENT_ROOTS_HELPER=1", "SSL_CERT_FILE="+tc.file, "SSL_CERT_DIR="+tc.dir)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%v:\n%s", err, out)
			}
			if !strings.Contains(string(out), tc.want) {
				t.Errorf("got %s, want %s", out, tc.want)
			}
		})
	}
}

// TestRootsHelper is TestNoSystemRoots's other process.
func TestRootsHelper(t *testing.T) {
	if os.Getenv("HTTPCLIENT_ROOTS_HELPER") != "1" {
		t.Skip("run by TestNoSystemRoots")
	}
	srv := httptest.NewTLSServer(nil)
	defer srv.Close()
	c, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Get(srv.URL)
	var ce *CertificateError
	if !errors.As(err, &ce) {
		t.Fatalf("not a certificate error: %v", err)
	}
	fmt.Printf("missing=%v noSystemRoots=%v\n", SystemRootsMissing(), ce.NoSystemRoots)
}
