package e2e

import (
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/make-connect/make-connect/internal/testkit/secretservice"
	"golang.org/x/sys/unix"
)

// TestKilledReconnectsLeaveNothingBehind: a script kills "make-connect
// connect" reconnecting a large account, again and again, at a random
// moment soon after the browser's page — while the keychain deletes the
// version it replaced. One clean reconnect afterwards leaves exactly the
// entries the same connect and reconnect leave when nothing is killed
// (the process waits for its clean-up before it exits, Store.Close), on
// the Secret Service and on the kernel's keyring.
func TestKilledReconnectsLeaveNothingBehind(t *testing.T) {
	for _, kind := range []struct {
		name    string
		env     []string
		entries func(t *testing.T, service string) []string
	}{
		{"secret service", nil, secretServiceEntries},
		{"kernel keyring", []string{"MAKE_CONNECT_KEYCHAIN=kernel"}, kernelEntries},
	} {
		t.Run(kind.name, func(t *testing.T) {
			// 9,000 random bytes: tokens of about 12 KB, seven parts each.
			w := newWorld(t, "-token-bytes", "9000")
			w.env = append(w.env, kind.env...)
			killed := w.withService(t.Name() + ".killed")
			clean := w.withService(t.Name() + ".clean")

			clean.connect()
			clean.connect()
			want := kind.entries(t, clean.service())
			if len(slices.Compact(slices.Clone(want))) != len(want) {
				t.Fatalf("a reconnect that ran to its end left two versions of a record:\n%s", strings.Join(want, "\n"))
			}
			t.Logf("a clean reconnect leaves %d entries", len(want))

			killed.connect()
			for range 15 {
				c, _, authURL := killed.startConnect()
				if out, err := exec.Command(filepath.Join(bin, "sandbox-person"), authURL).CombinedOutput(); err != nil {
					c.Process.Kill()
					c.Wait()
					t.Fatalf("sandbox-person: %v: %s", err, out)
				}
				time.Sleep(time.Duration(10+rand.IntN(290)) * time.Millisecond)
				c.Process.Kill()
				c.Wait()
			}
			killed.connect()
			got := kind.entries(t, killed.service())
			if !slices.Equal(got, want) {
				t.Errorf("after 15 killed reconnects and a clean one, the keychain holds %d entries:\n%s\nwant the %d a clean reconnect leaves:\n%s",
					len(got), strings.Join(got, "\n"), len(want), strings.Join(want, "\n"))
			}
			if out, err := killed.cmd("repair").CombinedOutput(); err != nil || !strings.Contains(string(out), "nothing needs repairing") {
				t.Errorf("repair: %v\n%s", err, out)
			}
		})
	}
}

// withService is w with the app's keychain service set to name.
func (w *world) withService(name string) *world {
	c := *w
	c.env = append(slices.Clone(w.env), "MAKE_CONNECT_KEYRING_SERVICE=com.makeconnect.e2e."+strings.ReplaceAll(name, "/", "."))
	return &c
}

// service is the keychain service w's app uses: the last one set wins.
func (w *world) service() string {
	s := ""
	for _, kv := range w.env {
		if v, ok := strings.CutPrefix(kv, "MAKE_CONNECT_KEYRING_SERVICE="); ok {
			s = v
		}
	}
	return s
}

// connect connects (or reconnects) Ada through the command line, to the end.
func (w *world) connect() {
	w.t.Helper()
	c, stdout, authURL := w.startConnect()
	if out, err := exec.Command(filepath.Join(bin, "sandbox-person"), authURL).CombinedOutput(); err != nil {
		c.Process.Kill()
		c.Wait()
		w.t.Fatalf("sandbox-person: %v: %s", err, out)
	}
	if code := exitCode(c.Wait()); code != 0 {
		w.t.Fatalf("connect exited %d: %s", code, stdout)
	}
}

// generation numbers in entry names: which generation a record is at
// depends on how often it was written, not on what is left over.
var generation = regexp.MustCompile(`/[0-9]+/([0-9]+)$`)

func normalized(users []string) []string {
	out := make([]string, 0, len(users))
	for _, u := range users {
		out = append(out, generation.ReplaceAllString(u, "/GEN/$1"))
	}
	slices.Sort(out)
	return out
}

// secretServiceEntries lists the entries of service, straight from the
// (private) Secret Service.
func secretServiceEntries(t *testing.T, service string) []string {
	t.Helper()
	users, err := secretservice.Users(service)
	if err != nil {
		t.Fatal(err)
	}
	return normalized(users)
}

// kernelEntries lists the keys of service in this user's persistent
// keyring, and unlinks them when the test ends.
func kernelEntries(t *testing.T, service string) []string {
	t.Helper()
	ring, err := unix.KeyctlInt(unix.KEYCTL_GET_PERSISTENT, -1, unix.KEY_SPEC_PROCESS_KEYRING, 0, 0)
	if err != nil {
		t.Skipf("no kernel keyring here: %v", err)
	}
	buf := make([]byte, 1<<16)
	n, err := unix.KeyctlBuffer(unix.KEYCTL_READ, ring, buf, 0)
	if err != nil || n > len(buf) {
		t.Fatalf("read the persistent keyring: %d bytes, %v", n, err)
	}
	var users []string
	for i := 0; i+4 <= n; i += 4 {
		id := int(int32(uint32(buf[i]) | uint32(buf[i+1])<<8 | uint32(buf[i+2])<<16 | uint32(buf[i+3])<<24))
		desc, err := unix.KeyctlString(unix.KEYCTL_DESCRIBE, id)
		if err != nil {
			continue // gone meanwhile
		}
		// "type;uid;gid;perm;description"
		parts := strings.SplitN(desc, ";", 5)
		if len(parts) < 5 {
			continue
		}
		if user, ok := strings.CutPrefix(parts[4], service+":"); ok {
			users = append(users, user)
			t.Cleanup(func() { unix.KeyctlInt(unix.KEYCTL_UNLINK, id, ring, 0, 0) })
		}
	}
	return normalized(users)
}
