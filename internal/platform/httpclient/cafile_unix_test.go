//go:build unix

package httpclient

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/make-connect/make-connect/internal/platform/safefile"
)

// nobody is the other user of these tests.
const nobody = 65534

// newCA is a self-signed CA certificate named name, and its PEM.
func newCA(t *testing.T, name string) (*x509.Certificate, []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: name},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return cert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

// trusts says whether roots make cert a root of trust.
func trusts(roots *x509.CertPool, cert *x509.Certificate) bool {
	_, err := cert.Verify(x509.VerifyOptions{Roots: roots})
	return err == nil
}

// tree makes folders and files under a root of its own (Chmod, not the
// modes at creation, which the umask would change), and gives them to
// another user when the test runs as root.
type tree struct {
	t    *testing.T
	root string
}

func (tr tree) path(name string) string { return filepath.Join(tr.root, name) }

func (tr tree) dir(name string, mode os.FileMode) string {
	p := tr.path(name)
	if err := os.Mkdir(p, 0o700); err != nil {
		tr.t.Fatal(err)
	}
	tr.chmod(p, mode)
	return p
}

func (tr tree) file(name string, data []byte, mode os.FileMode) string {
	p := tr.path(name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		tr.t.Fatal(err)
	}
	tr.chmod(p, mode)
	return p
}

func (tr tree) link(name, target string) string {
	p := tr.path(name)
	if err := os.Symlink(target, p); err != nil {
		tr.t.Fatal(err)
	}
	return p
}

func (tr tree) chmod(p string, mode os.FileMode) {
	if err := os.Chmod(p, mode); err != nil {
		tr.t.Fatal(err)
	}
}

// nobodys gives p (a link itself, not what it names) to the other user.
func (tr tree) nobodys(p string) {
	if err := os.Lchown(p, nobody, nobody); err != nil {
		tr.t.Fatal(err)
	}
}

// TestCAFileOthersCannotChange: a CA file is trusted when no one but root
// and the person could change what is read, and otherwise refused, naming
// the file, folder or link that others control and why.
func TestCAFileOthersCannotChange(t *testing.T) {
	root := os.Getuid() == 0
	good, goodPEM := newCA(t, "the company's CA")
	cases := []struct {
		name     string
		needRoot bool
		// make lays the files out and returns the CA file to set and what
		// the refusal must name ("" when the file is trusted).
		make   func(tr tree) (file, names string)
		reason safefile.Reason
	}{
		{name: "only its owner", make: func(tr tree) (string, string) {
			tr.dir("ca", 0o700)
			return tr.file("ca/ca.pem", goodPEM, 0o600), ""
		}},
		{name: "readable by all", make: func(tr tree) (string, string) {
			tr.dir("ca", 0o755)
			return tr.file("ca/ca.pem", goodPEM, 0o644), ""
		}},
		{name: "in a sticky folder all can write", make: func(tr tree) (string, string) {
			tr.dir("shared", 0o777|os.ModeSticky)
			return tr.file("shared/ca.pem", goodPEM, 0o644), ""
		}},
		{name: "writable by the group", reason: safefile.OthersCanWrite, make: func(tr tree) (string, string) {
			tr.dir("ca", 0o755)
			f := tr.file("ca/ca.pem", goodPEM, 0o664)
			return f, f
		}},
		{name: "writable by all", reason: safefile.OthersCanWrite, make: func(tr tree) (string, string) {
			tr.dir("ca", 0o755)
			f := tr.file("ca/ca.pem", goodPEM, 0o666)
			return f, f
		}},
		{name: "in a folder all can write", reason: safefile.OthersCanWrite, make: func(tr tree) (string, string) {
			d := tr.dir("shared", 0o777)
			return tr.file("shared/ca.pem", goodPEM, 0o644), d
		}},
		{name: "in a folder the group can write", reason: safefile.OthersCanWrite, make: func(tr tree) (string, string) {
			d := tr.dir("shared", 0o775)
			return tr.file("shared/ca.pem", goodPEM, 0o644), d
		}},
		{name: "another user's", needRoot: true, reason: safefile.OtherOwner, make: func(tr tree) (string, string) {
			tr.dir("ca", 0o755)
			f := tr.file("ca/ca.pem", goodPEM, 0o644)
			tr.nobodys(f)
			return f, f
		}},
		{name: "a link in another user's folder to root's file", needRoot: true, reason: safefile.OtherOwner, make: func(tr tree) (string, string) {
			tr.dir("ca", 0o755)
			f := tr.file("ca/ca.pem", goodPEM, 0o644)
			d := tr.dir("theirs", 0o755)
			l := tr.link("theirs/ca.pem", f)
			tr.nobodys(l)
			tr.nobodys(d)
			return l, d
		}},
		{name: "a link that is not root's, to the file", reason: safefile.Link, make: func(tr tree) (string, string) {
			tr.dir("ca", 0o755)
			tr.file("ca/ca.pem", goodPEM, 0o644)
			l := tr.link("ca/link.pem", "ca.pem")
			if root {
				tr.nobodys(l)
			}
			return l, l
		}},
		{name: "a link that is not root's, to a folder on the way", reason: safefile.Link, make: func(tr tree) (string, string) {
			tr.dir("ca", 0o755)
			tr.file("ca/ca.pem", goodPEM, 0o644)
			l := tr.link("certs", tr.path("ca"))
			if root {
				tr.nobodys(l)
			}
			return filepath.Join(l, "ca.pem"), l
		}},
		{name: "a link that is not root's, from the start", reason: safefile.Link, make: func(tr tree) (string, string) {
			tr.dir("ca", 0o755)
			tr.file("ca/ca.pem", goodPEM, 0o644)
			l := tr.link("start", tr.root)
			if root {
				tr.nobodys(l)
			}
			return filepath.Join(l, "ca", "ca.pem"), l
		}},
		{name: "root's links in root's folders (as /etc/ssl/certs)", needRoot: true, make: func(tr tree) (string, string) {
			tr.dir("ca", 0o755)
			tr.file("ca/ca.pem", goodPEM, 0o644)
			tr.link("certs", "ca")
			return tr.link("ca/0a1b2c3d.0", "../certs/ca.pem"), ""
		}},
		{name: "root's link into a folder all can write", needRoot: true, reason: safefile.OthersCanWrite, make: func(tr tree) (string, string) {
			d := tr.dir("shared", 0o777)
			tr.file("shared/ca.pem", goodPEM, 0o644)
			tr.dir("ca", 0o755)
			return tr.link("ca/ca.pem", "../shared/ca.pem"), d
		}},
		{name: "a folder", reason: safefile.NotRegular, make: func(tr tree) (string, string) {
			d := tr.dir("ca", 0o755)
			return d, d
		}},
		{name: "a pipe, which must not block", reason: safefile.NotRegular, make: func(tr tree) (string, string) {
			tr.dir("ca", 0o755)
			p := tr.path("ca/ca.pem")
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				tr.t.Fatal(err)
			}
			return p, p
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.needRoot && !root {
				t.Skip("giving a file to another user, or making root's links, needs root")
			}
			tr := tree{t, t.TempDir()}
			file, names := tc.make(tr)
			roots, err := rootsWith(file)
			if names == "" {
				if err != nil || !trusts(roots, good) {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var unsafe *safefile.Error
			if !errors.Is(err, ErrCAFile) || !errors.As(err, &unsafe) || unsafe.Path != names || unsafe.Reason != tc.reason {
				t.Fatalf("err = %v (%+v); want ErrCAFile naming %s, reason %d", err, unsafe, names, tc.reason)
			}
		})
	}
}

// TestCAFileSwappedWhileRead: while another user's file or link is
// swapped in and out under the CA file's name, no client built from it
// trusts their certificate (the check is of what is read, not of the
// path read again). Only correctness is asserted: how many reads were
// accepted depends on the timing.
func TestCAFileSwappedWhileRead(t *testing.T) {
	const runs = 3000
	root := os.Getuid() == 0
	good, goodPEM := newCA(t, "the company's CA")
	evil, evilPEM := newCA(t, "an attacker's CA")
	cases := []struct {
		name string
		// make lays out the files and returns the CA file and the two
		// things flip swaps in under its name, in turn.
		make func(tr tree) (file string, flip func(bool) error)
	}{
		{name: "a link in a folder others can write, to root's file or theirs", make: func(tr tree) (string, func(bool) error) {
			tr.dir("ca", 0o755)
			goodFile := tr.file("ca/ca.pem", goodPEM, 0o644)
			d := tr.dir("theirs", 0o777)
			evilFile := tr.file("theirs/evil.pem", evilPEM, 0o644)
			if root {
				tr.nobodys(evilFile)
				tr.nobodys(d)
			}
			link := filepath.Join(d, "ca.pem")
			return link, func(bad bool) error {
				target := goodFile
				if bad {
					target = evilFile
				}
				os.Remove(link + ".new")
				if err := os.Symlink(target, link+".new"); err != nil {
					return err
				}
				return os.Rename(link+".new", link)
			}
		}},
		{name: "root's file and another's renamed over each other", make: func(tr tree) (string, func(bool) error) {
			tr.dir("ca", 0o755)
			goodFile := tr.file("ca/good.pem", goodPEM, 0o644)
			evilFile := tr.file("ca/evil.pem", evilPEM, 0o666)
			if root {
				tr.nobodys(evilFile)
			}
			file := tr.path("ca/ca.pem")
			return file, func(bad bool) error {
				from := goodFile
				if bad {
					from = evilFile
				}
				os.Remove(file + ".new")
				if err := os.Link(from, file+".new"); err != nil {
					return err
				}
				return os.Rename(file+".new", file)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			file, flip := tc.make(tree{t, t.TempDir()})
			if err := flip(false); err != nil {
				t.Fatal(err)
			}
			stop, done := make(chan struct{}), make(chan error)
			go func() {
				for bad := true; ; bad = !bad {
					select {
					case <-stop:
						done <- flip(false)
						return
					default:
					}
					if err := flip(bad); err != nil {
						done <- err
						return
					}
				}
			}()
			accepted, attackers := 0, 0
			for range runs {
				roots, err := rootsWith(file)
				if err != nil {
					continue
				}
				accepted++
				if trusts(roots, evil) {
					attackers++
				} else if !trusts(roots, good) {
					t.Errorf("accepted a file with neither certificate")
				}
			}
			close(stop)
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			t.Logf("%d of %d reads accepted", accepted, runs)
			if attackers > 0 {
				t.Errorf("%d of %d clients trusted the attacker's certificate", attackers, runs)
			}
		})
	}
}
