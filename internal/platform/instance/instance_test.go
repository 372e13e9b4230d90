package instance

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gofrs/flock"
	"github.com/make-connect/make-connect/internal/testkit/tempdir"
)

// TestSecondLaunchRaisesTheFirst: a second claim finds the window,
// asks it to come to the front, and says it handed over (a window that
// did not answer would give ErrNotAnswering instead).
func TestSecondLaunchRaisesTheFirst(t *testing.T) {
	dir := tempdir.New(t)
	p, err := Claim(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	var raised atomic.Int32
	var why atomic.Value
	p.OnRaise(func(w string) { raised.Add(1); why.Store(w) })
	if _, err := Claim(dir, ""); !errors.Is(err, ErrHandedOver) {
		t.Fatalf("second claim: %v, want ErrHandedOver", err)
	}
	if raised.Load() != 1 || why.Load() != "" {
		t.Errorf("the window was raised %d times (%q), want once", raised.Load(), why.Load())
	}
	if _, err := Claim(dir, SignInEnded); !errors.Is(err, ErrHandedOver) || why.Load() != SignInEnded {
		t.Errorf("a claim for a sign-in that ended: %v, the window told %q", err, why.Load())
	}
	p.Close()
	q, err := Claim(dir, "")
	if err != nil || !q.Listening() {
		t.Fatalf("after the window closed, a claim gives %v, %v", q, err)
	}
	q.Close()
}

// TestCrashedWindowDoesNotStopTheNext: a window killed outright leaves
// its socket behind; the next launch is the window all the same.
func TestCrashedWindowDoesNotStopTheNext(t *testing.T) {
	if os.Getenv("INSTANCE_TEST_CLAIM") != "" {
		if _, err := Claim(os.Getenv("INSTANCE_TEST_CLAIM"), ""); err != nil {
			os.Exit(3)
		}
		os.Stdout.WriteString("claimed\n")
		time.Sleep(time.Minute)
		return
	}
	dir := tempdir.New(t)
	cmd := exec.Command(os.Args[0], "-test.run", "^TestCrashedWindowDoesNotStopTheNext$")
	cmd.Env = append(os.Environ(), "INSTANCE_TEST_CLAIM="+dir)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 8)
	if _, err := out.Read(buf); err != nil || string(buf[:7]) != "claimed" {
		t.Fatalf("the child did not claim: %q %v", buf, err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	if _, err := os.Stat(filepath.Join(dir, socketName)); err != nil {
		t.Fatalf("the killed window left no socket to test with: %v", err)
	}
	p, err := Claim(dir, "")
	if err != nil || !p.Listening() {
		t.Fatalf("after a crash, a claim gives %v, %v; want the window", p, err)
	}
	p.Close()
}

// TestHeldButSilent: a lock held by a process that does not answer is
// reported within a second, so the launch can go on without it.
func TestHeldButSilent(t *testing.T) {
	dir := tempdir.New(t)
	holder := flock.New(filepath.Join(dir, lockName))
	if _, err := holder.TryLock(); err != nil {
		t.Fatal(err)
	}
	defer holder.Unlock()
	// The holder never answers (and never lets go): the claim returns
	// only because it gave up.
	if _, err := Claim(dir, ""); !errors.Is(err, ErrNotAnswering) {
		t.Fatalf("claim: %v, want ErrNotAnswering", err)
	}
}

// TestDirPerKeychain: the app's own keychain service has the folder it
// always had; another (make demo's) has its own beside it, so its window
// neither hands over to nor stands in for the person's; a name that is no
// safe file name is hashed into one.
func TestDirPerKeychain(t *testing.T) {
	base := tempdir.New(t)
	t.Setenv("XDG_RUNTIME_DIR", base)
	t.Setenv("LocalAppData", base) // Windows' (os.UserCacheDir)
	own, err := Dir("")
	if err != nil {
		t.Fatal(err)
	}
	demo, _ := Dir("com.makeconnect.app.demo")
	odd, _ := Dir("../../etc/x")
	dots, _ := Dir("..")
	if filepath.Base(own) != "make-connect" || filepath.Base(demo) != "make-connect-com.makeconnect.app.demo" {
		t.Errorf("folders %s and %s", own, demo)
	}
	for _, d := range []string{demo, odd, dots} {
		if filepath.Dir(d) != filepath.Dir(own) || d == own {
			t.Errorf("%s is not a folder of its own beside %s", d, own)
		}
	}
	p, err := Claim(own, "")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	q, err := Claim(demo, "")
	if err != nil {
		t.Fatalf("a window over another keychain service: %v, want a claim of its own", err)
	}
	q.Close()
}
