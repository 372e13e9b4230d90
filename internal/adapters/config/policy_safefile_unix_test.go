//go:build unix && !darwin

package config

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/make-connect/make-connect/internal/platform/safefile"
)

// The policy file is read as the CA file is (safefile.ReadFile): a link
// to root's policy from a folder another user owns, or a link that is not
// root's, is refused naming it, never followed.
func TestPolicyFileThroughLinks(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("a policy file root alone can change needs root")
	}
	dir := t.TempDir()
	policy := filepath.Join(dir, "policy.json")
	if err := os.WriteFile(policy, []byte(`{"Zone": "eu2.make.com"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	theirs := filepath.Join(dir, "theirs")
	if err := os.Mkdir(theirs, 0o755); err != nil {
		t.Fatal(err)
	}
	inTheirs := filepath.Join(theirs, "policy.json")
	notRoots := filepath.Join(dir, "link.json")
	for _, l := range []string{inTheirs, notRoots} {
		if err := os.Symlink(policy, l); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []string{theirs, inTheirs, notRoots} {
		if err := os.Lchown(p, 65534, 65534); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		path, names string
		reason      safefile.Reason
	}{
		{inTheirs, theirs, safefile.OtherOwner},
		{notRoots, notRoots, safefile.Link},
	}
	for _, tc := range cases {
		p, err := readPolicyFile(tc.path)
		var pe *PolicyError
		var unsafe *safefile.Error
		if !errors.As(err, &pe) || pe.Fault != Unsafe || !errors.As(err, &unsafe) || unsafe.Path != tc.names || unsafe.Reason != tc.reason || !p.Empty() {
			t.Errorf("%s: %+v, %v; want it refused naming %s", tc.path, p, err, tc.names)
		}
	}
}
