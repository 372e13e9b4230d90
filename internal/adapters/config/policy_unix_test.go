//go:build unix && !darwin

package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The policy file is read when root alone can change it; otherwise it is
// refused with the reason, never half read.
func TestPolicyFilePermissions(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "policy.json")
	if p, err := readPolicyFile(path); err != nil || !p.Empty() {
		t.Fatalf("no file: %+v, %v", p, err)
	}
	if err := os.WriteFile(path, []byte(`{"Zone": "eu2.make.com"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	refused := func(why string) {
		t.Helper()
		_, err := readPolicyFile(path)
		var pe *PolicyError
		if !errors.As(err, &pe) || pe.Source != path || !strings.Contains(err.Error(), "only root may be able to change a policy") ||
			!strings.Contains(err.Error(), why) {
			t.Errorf("err = %v, want it refused because %s", err, why)
		}
	}
	if os.Geteuid() != 0 {
		refused("belongs to another user") // a file of the person's own
		return
	}
	p, err := readPolicyFile(path)
	if err != nil || p.Values[EnvZone] != "eu2.make.com" || p.Sources["Zone"] != path {
		t.Fatalf("root's own file, 0644: %+v, %v", p, err)
	}
	os.Chmod(path, 0o664)
	refused("other users can change")
	os.Chmod(path, 0o646)
	refused("chmod go-w")
	os.Chmod(path, 0o644)
	plist := filepath.Join(dir, "policy.plist")
	data, err := os.ReadFile(filepath.Join("testdata", "policy.plist"))
	if err == nil {
		err = os.WriteFile(plist, data, 0o644)
	}
	if err == nil {
		err = os.Chmod(plist, 0o646) // past the umask
	}
	if err != nil {
		t.Fatal(err)
	}
	if _, err := readPolicyPlist(plist); !strings.Contains(fmt.Sprint(err), "only root may be able to change a policy") {
		t.Errorf("macOS's reader read a property list others can change: %v", err)
	}
	if err := os.Chown(path, 65534, -1); err != nil {
		t.Fatal(err)
	}
	refused("belongs to another user")
}
