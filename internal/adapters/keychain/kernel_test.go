//go:build linux

package keychain

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// The kernel store's tests keep their keys in a keyring of their own,
// never in the person's persistent keyring: a new keyring in this
// process's keyring (which every thread shares, unlike a session keyring
// joined by one of them), open to this user, so that helper processes can
// link it into theirs by its ID. It goes when the test process ends.

// newTestRing makes a keyring for one test and returns its ID.
func newTestRing() (string, error) {
	id, err := unix.AddKey("keyring", fmt.Sprintf("make-connect-test-%d", time.Now().UnixNano()), nil, unix.KEY_SPEC_PROCESS_KEYRING)
	if err != nil {
		return "", err
	}
	if err := unix.KeyctlSetperm(id, keyPerm); err != nil {
		return "", err
	}
	return strconv.Itoa(id), nil
}

// linkRing makes the test keyring ring this process's, and returns it.
func linkRing(ring string) (int, error) {
	id, err := strconv.Atoi(ring)
	if err != nil {
		return 0, err
	}
	if _, err := unix.KeyctlInt(unix.KEYCTL_LINK, id, unix.KEY_SPEC_PROCESS_KEYRING, 0, 0); err != nil {
		return 0, err
	}
	return id, nil
}

// kernelStore is a store on the test keyring ring.
func kernelStore(service, ring string) *Store {
	s := NewWithBackend(service, &kernelKeyring{find: func() (int, error) { return linkRing(ring) }})
	s.kind = Kernel
	return s
}

// needKernelKeyring skips where keys cannot be added (a kernel without
// keyrings, a sandbox that filters keyctl), and returns a new test
// keyring.
func needKernelKeyring(tb testing.TB) string {
	tb.Helper()
	ring, err := newTestRing()
	if err != nil {
		tb.Skipf("no kernel keyring here: %v", err)
	}
	return ring
}

// kernelKeys describes every key in ring: "description perm timeout?".
type kernelKey struct {
	desc    string
	perm    uint32
	size    int
	expires bool
}

func kernelKeys(t *testing.T, ring string) []kernelKey {
	t.Helper()
	id, err := linkRing(ring)
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 4096)
	n, err := unix.KeyctlBuffer(unix.KEYCTL_READ, id, buf, 0)
	if err != nil {
		t.Fatal(err)
	}
	var keys []kernelKey
	for i := 0; i+4 <= min(n, len(buf)); i += 4 {
		kid := int(int32(binary.NativeEndian.Uint32(buf[i:])))
		d, err := unix.KeyctlString(unix.KEYCTL_DESCRIBE, kid)
		if err != nil {
			continue // gone meanwhile (invalidated)
		}
		// type;uid;gid;perm;description
		f := strings.SplitN(d, ";", 5)
		perm, _ := strconv.ParseUint(f[3], 16, 32)
		size, _ := unix.KeyctlBuffer(unix.KEYCTL_READ, kid, nil, 0)
		keys = append(keys, kernelKey{desc: f[4], perm: uint32(perm), size: size, expires: keyExpires(kid)})
	}
	return keys
}

// keyExpires reports whether the key has a timeout, from /proc/keys.
func keyExpires(id int) bool {
	b, err := os.ReadFile("/proc/keys")
	if err != nil {
		return false
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) > 3 && f[0] == fmt.Sprintf("%08x", id) {
			return f[3] != "perm"
		}
	}
	return false
}

// TestKernelStore runs the store on the kernel keyring as the Secret
// Service test runs it: large accounts in chunks, listed, deleted without
// a trace; every key readable by this user alone, and every key holding a
// token with a timeout.
func TestKernelStore(t *testing.T) {
	ring := needKernelKeyring(t)
	s := kernelStore(testService, ring)
	var saved []*Account
	for i := range 3 {
		c := testConn(i, 8300+i*500)
		saved = append(saved, c)
	}
	mustSave(t, s, saved...)
	keys := kernelKeys(t, ring)
	if len(keys) < 3*5 {
		t.Errorf("%d keys for three 8 KB accounts: want them chunked", len(keys))
	}
	for _, k := range keys {
		if k.perm != keyPerm {
			t.Errorf("%s has permissions %08x, want %08x: this user alone", k.desc, k.perm, keyPerm)
		}
		if k.size > chunkSize {
			t.Errorf("%s holds %d bytes, over %d", k.desc, k.size, chunkSize)
		}
		if holdsToken := strings.Count(k.desc, "/") == 3; holdsToken && !k.expires {
			t.Errorf("%s holds a token and never expires", k.desc)
		}
	}
	if got := mustList(t, kernelStore(testService, ring)); !slices.Equal(got, snapshot(t, saved)) {
		t.Fatalf("List = %d accounts, want the 3 saved", len(got))
	}
	if err := s.Delete(saved[1].ID()); err != nil {
		t.Fatal(err)
	}
	if got, want := mustList(t, kernelStore(testService, ring)), snapshot(t, []*Account{saved[0], saved[2]}); !slices.Equal(got, want) {
		t.Fatalf("after Delete, List = %d accounts, want the other two", len(got))
	}
	for _, k := range kernelKeys(t, ring) {
		if strings.Contains(k.desc, accountName(saved[1].ID())) {
			t.Errorf("%s survived Delete", k.desc)
		}
	}
	if s.Kind() != Kernel {
		t.Errorf("the store says it is %q", s.Kind())
	}
}

// TestKernelAccountsTimeOut: an account whose token has expired and
// cannot be renewed goes from the keyring by itself an hour later, and
// then reads as gone, never as damaged; the list drops it at the next
// write.
func TestKernelAccountsTimeOut(t *testing.T) {
	ring := needKernelKeyring(t)
	s := kernelStore(testService, ring)
	gone, kept := testConn(1, 100), testConn(2, 100)
	gone.RefreshToken, kept.RefreshToken = "", ""
	gone.ExpiresAt = time.Now().Add(-expiredGrace + 2*time.Second) // two seconds left in the keyring
	kept.ExpiresAt = time.Now().Add(time.Hour)
	mustSave(t, s, gone, kept)
	time.Sleep(3 * time.Second)
	conns, skipped, err := s.List()
	if err != nil || len(skipped) != 0 || len(conns) != 1 || conns[0].ID() != kept.ID() {
		t.Fatalf("List = %d accounts, skipped %v, %v; want the one that has not timed out, nothing damaged", len(conns), skipped, err)
	}
	if _, err := s.Get(gone.ID()); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get of a timed-out account: %v, want ErrNotFound", err)
	}
	mustSave(t, s, testConn(3, 100))
	ix, _, err := s.readIndex()
	if err != nil || ix.has(gone.ID()) {
		t.Errorf("the list still names the timed-out account: %v, %v", ix, err)
	}
}

// TestKernelStoreTwoProcessesAndAKill: two processes adding accounts at
// once lose none, and a process killed in the middle of writing leaves
// every account that was there readable, its leftovers cleaned by the next
// write.
func TestKernelStoreTwoProcessesAndAKill(t *testing.T) {
	ring := needKernelKeyring(t)
	const each = 6
	var cmds []*exec.Cmd
	var outs []*strings.Builder
	for p := range 2 {
		cmd := helper(t, "kernel-save", ring+" "+strconv.Itoa(p*each)+" "+strconv.Itoa(each))
		out := new(strings.Builder)
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, outs = append(cmds, cmd), append(outs, out)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("child: %v\n%s", err, outs[i])
		}
	}
	before := mustList(t, kernelStore(testService, ring))
	if len(before) != 2*each {
		t.Fatalf("List = %d accounts, want %d", len(before), 2*each)
	}

	// A process that keeps rewriting accounts, killed at a moment of the
	// test's choosing, many times over.
	for round := range 5 {
		cmd := helper(t, "kernel-rewrite", ring)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(20+round*13) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		s := kernelStore(testService, ring)
		conns, skipped, err := s.List()
		if err != nil || len(skipped) != 0 || len(conns) != 2*each {
			t.Fatalf("after a kill in round %d: %d accounts, skipped %v, %v", round, len(conns), skipped, err)
		}
	}
	s := kernelStore(testService, ring)
	mustSave(t, s, testConn(0, 2000)) // cleans what the last kill left
	for _, k := range kernelKeys(t, ring) {
		if strings.Contains(k.desc, "pending") {
			t.Errorf("leftover %s", k.desc)
		}
	}
}

// kernelHelper is the child side of the tests above.
func kernelHelper(t *testing.T, kind, arg string) {
	switch kind {
	case "kernel-save":
		var ring string
		var from, n int
		fmt.Sscan(arg, &ring, &from, &n)
		s := kernelStore(testService, ring)
		for i := from; i < from+n; i++ {
			mustSave(t, s, testConn(i, 2000))
		}
	case "kernel-rewrite":
		s := kernelStore(testService, arg)
		for i := 0; ; i++ {
			c := testConn(i%12, 2000+i%5*1000)
			c.AccessToken += strconv.Itoa(i)
			mustSave(t, s, c)
		}
	case "kernel-quota":
		// As a user with the kernel's default quota: fill it.
		s, err := Open(testService, Kernel)
		if err != nil {
			fmt.Println("open:", err)
			os.Exit(3)
		}
		for i := 0; ; i++ {
			if err := s.Save(testConn(i, 6000)); err != nil {
				conns, _, lerr := s.List()
				fmt.Printf("saved %d; error quota=%v; listed %d %v; %s\n", i, errors.Is(err, ErrQuota), len(conns), lerr, err)
				for _, c := range conns {
					s.Delete(c.ID())
				}
				return
			}
		}
	}
}

// TestKernelQuotaIsExplained runs a helper as another user (nobody), whose
// quota is the kernel's default for users (20,000 bytes, 200 keys): it
// saves accounts until the quota is used up. The error says so as
// ErrQuota with what is allowed, never "disk quota exceeded" alone, and
// every account saved before is still there.
func TestKernelQuotaIsExplained(t *testing.T) {
	needKernelKeyring(t)
	if os.Geteuid() != 0 {
		t.Skip("needs root, to run the helper as another user")
	}
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		t.Skip("needs setpriv (util-linux)")
	}
	// A folder the other user can reach: t.TempDir's parent is root's.
	dir, err := os.MkdirTemp("", "kernel-quota-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o755)
	bin := filepath.Join(dir, "keychain.test")
	self, _ := os.ReadFile(os.Args[0])
	if err := os.WriteFile(bin, self, 0o755); err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(dir, "cache")
	os.Mkdir(cache, 0o777)
	os.Chmod(cache, 0o777)
	cmd := exec.Command(setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups", bin, "-test.run=^TestHelperProcess$")
	cmd.Env = []string{"KEYCHAIN_TEST_HELPER=kernel-quota", "XDG_CACHE_HOME=" + cache + "/nobody", "HOME=" + dir}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("helper: %v\n%s", err, out)
	}
	text := string(out)
	var saved, listed int
	var quota bool
	if _, err := fmt.Sscanf(text, "saved %d; error quota=%t; listed %d", &saved, &quota, &listed); err != nil {
		t.Fatalf("helper said %q", text)
	}
	if !quota || saved == 0 || listed != saved {
		t.Errorf("saved %d, quota error %v, then listed %d: want ErrQuota and every saved account kept\n%s", saved, quota, listed, text)
	}
	if !strings.Contains(text, "of 20000 bytes") && !strings.Contains(text, " bytes)") {
		t.Errorf("the error does not say what is allowed: %s", text)
	}
}
