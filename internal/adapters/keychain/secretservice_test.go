//go:build (dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd

package keychain

import (
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/make-connect/make-connect/internal/testkit/secretservice"
)

// These tests talk to a real Secret Service. Run them with
//
//	.ci/with-secret-service go test ./keychain/
func needSecretService(tb testing.TB) string {
	tb.Helper()
	if !secretservice.Private() {
		tb.Skip("needs a real Secret Service: run .ci/with-secret-service go test ./keychain/")
	}
	service := fmt.Sprintf("com.makeconnect.test.%d", time.Now().UnixNano())
	tb.Cleanup(func() { _ = keyring.DeleteAll(service) })
	return service
}

func TestSecretService(t *testing.T) {
	service := needSecretService(t)
	s := New(service)
	var saved []*Account
	for i := range 3 {
		c := testConn(i, 8300+i*500)
		if len(c.AccessToken) <= 8<<10 {
			t.Fatalf("access token of %d bytes, want over 8 KB", len(c.AccessToken))
		}
		saved = append(saved, c)
	}
	mustSave(t, s, saved...)

	users := rawUsers(t, service)
	for _, u := range users {
		v, err := keyring.Get(service, u)
		if err != nil {
			t.Fatalf("go-keyring Get %s: %v", u, err)
		}
		if len(v) > chunkSize {
			t.Errorf("%s holds %d bytes, over %d", u, len(v), chunkSize)
		}
	}
	if live := liveUsers(t, systemKeychain(), service); !slices.Equal(users, live) {
		t.Errorf("keychain holds %v, reachable %v", users, live)
	}
	t.Logf("3 accounts of ~9 KB: %d entries", len(users))

	if got := mustList(t, New(service)); !slices.Equal(got, snapshot(t, saved)) {
		t.Fatalf("List = %d accounts, want the 3 saved", len(got))
	}
	if err := s.Delete(saved[1].ID()); err != nil {
		t.Fatal(err)
	}
	if got, want := mustList(t, New(service)), snapshot(t, []*Account{saved[0], saved[2]}); !slices.Equal(got, want) {
		t.Fatalf("after Delete, List = %d accounts, want the other two intact", len(got))
	}
	for _, u := range rawUsers(t, service) {
		if strings.HasPrefix(u, accountName(saved[1].ID())) {
			t.Errorf("%s survived Delete", u)
		}
	}
}

// Two processes adding accounts at once must not lose one from the index.
func TestSecretServiceTwoProcesses(t *testing.T) {
	service := needSecretService(t)
	const each = 6
	var cmds []*exec.Cmd
	var outs []*strings.Builder
	for p := range 2 {
		cmd := helper(t, "save", service+" "+strconv.Itoa(p*each)+" "+strconv.Itoa(each))
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
	if got := mustList(t, New(service)); len(got) != 2*each {
		t.Errorf("List = %d accounts, want %d", len(got), 2*each)
	}
}

// TestHelperProcess is the child of the tests above.
func TestHelperProcess(t *testing.T) {
	arg := os.Getenv("KEYCHAIN_TEST_ARG")
	switch os.Getenv("KEYCHAIN_TEST_HELPER") {
	case "headless":
		headlessChild(t, arg)
	case "kernel-save", "kernel-rewrite", "kernel-quota":
		kernelHelper(t, os.Getenv("KEYCHAIN_TEST_HELPER"), arg)
	case "save":
		var service string
		var from, n int
		fmt.Sscan(arg, &service, &from, &n)
		s := New(service)
		for i := from; i < from+n; i++ {
			mustSave(t, s, testConn(i, 2000))
		}
	}
}

func helper(t *testing.T, kind, arg string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), "KEYCHAIN_TEST_HELPER="+kind, "KEYCHAIN_TEST_ARG="+arg)
	return cmd
}

// rawUsers lists the go-keyring user of every item under service, straight
// from the Secret Service.
func rawUsers(t *testing.T, service string) []string {
	t.Helper()
	users, err := secretservice.Users(service)
	if err != nil {
		t.Fatal(err)
	}
	return users
}

// BenchmarkLoad50 lists 50 accounts of about 3 KB from a real Secret
// Service; the target is under a second.
func BenchmarkLoad50(b *testing.B) {
	service := needSecretService(b)
	s := New(service)
	for i := range 50 {
		if err := s.Save(testConn(i, 2400)); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		conns, skipped, err := s.List()
		if err != nil || len(skipped) > 0 || len(conns) != 50 {
			b.Fatalf("List = %d, %v, %v", len(conns), skipped, err)
		}
	}
	// The target: under 1 s on this machine.
	per := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(per.Seconds(), "s/load")
	if per > time.Second {
		b.Errorf("loading 50 accounts took %v; the target is under 1 s", per)
	}
}
