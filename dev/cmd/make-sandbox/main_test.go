package main

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// TestMain runs the command itself when a test starts this binary with
// MAKE_SANDBOX_MAIN=1, so the tests below run make-sandbox as people do.
func TestMain(m *testing.M) {
	if os.Getenv("MAKE_SANDBOX_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestCAFileIsPrivate: with -tls and no -ca-file, the CA goes into a folder
// of its own that only its user can enter, and nothing already at a name in
// the shared temporary directory is written through: the fixed name
// make-sandbox-ca.pem that earlier versions wrote with os.WriteFile is a
// link another user could plant (to a file of yours, overwritten) or a
// certificate of theirs (trusted by whoever follows the printed hint).
func TestCAFileIsPrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("links, modes and SIGTERM: a Unix test")
	}
	tmp := t.TempDir()
	victim := filepath.Join(t.TempDir(), "yours")
	if err := os.WriteFile(victim, []byte("keep"), 0o600); err != nil {
		t.Fatal(err)
	}
	planted := filepath.Join(tmp, "make-sandbox-ca.pem")
	if err := os.Symlink(victim, planted); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(os.Args[0], "-tls", "-addr", "127.0.0.1:0", "-log", filepath.Join(t.TempDir(), "log"))
	cmd.Env = append(os.Environ(), "MAKE_SANDBOX_MAIN=1", "TMPDIR="+tmp)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })

	var said strings.Builder
	lines := bufio.NewScanner(stderr)
	for lines.Scan() {
		said.WriteString(lines.Text() + "\n")
		if strings.Contains(lines.Text(), "issuer") {
			break
		}
	}
	written := regexp.MustCompile(`CA certificate written to (\S+):`).FindStringSubmatch(said.String())
	if written == nil {
		cmd.Process.Kill()
		rest, _ := io.ReadAll(stderr)
		t.Fatalf("make-sandbox -tls did not say where it wrote its CA:\n%s%s", said.String(), rest)
	}
	caFile := written[1]

	if b, _ := os.ReadFile(victim); string(b) != "keep" {
		t.Errorf("the file a link at %s pointed to now holds %.40q: written through the link", planted, b)
	}
	if target, err := os.Readlink(planted); err != nil || target != victim {
		t.Errorf("the link at %s was replaced (%q, %v)", planted, target, err)
	}
	if caFile == planted {
		t.Errorf("the CA was written to the fixed name %s", planted)
	}
	if b, err := os.ReadFile(caFile); err != nil || !strings.HasPrefix(string(b), "-----BEGIN CERTIFICATE-----") {
		t.Errorf("%s holds no certificate (%v)", caFile, err)
	}
	dir := filepath.Dir(caFile)
	if fi, err := os.Lstat(dir); err != nil || !fi.IsDir() || fi.Mode().Perm() != 0o700 || filepath.Dir(dir) != tmp {
		t.Errorf("the CA's folder %s is not a private folder in %s (%v, %v)", dir, tmp, fi.Mode(), err)
	}

	// On exit the sandbox takes its folder away again.
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, stderr)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("make-sandbox did not stop cleanly: %v", err)
	}
	if _, err := os.Lstat(dir); !os.IsNotExist(err) {
		t.Errorf("the CA's folder %s is still there after the sandbox stopped (%v)", dir, err)
	}
}

// TestNamedCAFileIsNew: a -ca-file that already exists, as a file or as a
// link, is refused rather than written through.
func TestNamedCAFileIsNew(t *testing.T) {
	dir := t.TempDir()
	victim := filepath.Join(dir, "yours")
	if err := os.WriteFile(victim, []byte("keep"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.pem")
	if err := os.Symlink(victim, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	dangling := filepath.Join(dir, "dangling.pem")
	if err := os.Symlink(filepath.Join(dir, "not-yet"), dangling); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, file string
	}{
		{"a file", victim},
		{"a link to a file", link},
		{"a dangling link", dangling},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if written, _, err := writeCA(c.file, []byte("-----BEGIN CERTIFICATE-----\n")); err == nil {
				t.Errorf("writeCA(%s) wrote %s; want it refused", c.file, written)
			}
			if b, _ := os.ReadFile(victim); string(b) != "keep" {
				t.Errorf("%s now holds %q", victim, b)
			}
			if _, err := os.Lstat(filepath.Join(dir, "not-yet")); !os.IsNotExist(err) {
				t.Errorf("a file was made where the dangling link points (%v)", err)
			}
		})
	}
	fresh := filepath.Join(dir, "new.pem")
	written, remove, err := writeCA(fresh, []byte("-----BEGIN CERTIFICATE-----\n"))
	if err != nil || written != fresh {
		t.Fatalf("writeCA(%s) = %s, %v; want it written", fresh, written, err)
	}
	remove()
	if _, err := os.Lstat(fresh); !os.IsNotExist(err) {
		t.Errorf("%s is still there after remove (%v)", fresh, err)
	}
}
