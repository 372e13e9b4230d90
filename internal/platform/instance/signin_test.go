package instance

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/make-connect/make-connect/internal/testkit/tempdir"
)

// TestHandOverReachesTheWaitingSignIn: of two waiting sign-ins, the one
// that says the address is its own takes it; an address neither takes,
// or no sign-in at all, is ErrNoSignIn; a socket left by a killed process
// is removed on the way.
func TestHandOverReachesTheWaitingSignIn(t *testing.T) {
	dir := filepath.Join(tempdir.New(t), "make-connect")
	if err := HandOver(dir, "x:/callback?state=a"); !errors.Is(err, ErrNoSignIn) {
		t.Fatalf("no folder yet: %v, want ErrNoSignIn", err)
	}
	var got atomic.Value
	mine := func(state string) func(string) error {
		return func(address string) error {
			if !strings.HasSuffix(address, "state="+state) {
				return errors.New("not mine")
			}
			got.Store(address)
			return nil
		}
	}
	a, err := AwaitSignIn(dir, mine("a"))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := AwaitSignIn(dir, mine("b"))
	if err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, signInPrefix+"dead"+signInSuffix)
	if err := os.WriteFile(stale, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := HandOver(dir, "x:/callback?state=b"); err != nil {
		t.Fatalf("hand-over to b: %v", err)
	}
	if got.Load() != "x:/callback?state=b" {
		t.Errorf("b received %v", got.Load())
	}
	if err := HandOver(dir, "x:/callback?state=c"); !errors.Is(err, ErrNoSignIn) {
		t.Errorf("an address nobody waits for: %v, want ErrNoSignIn", err)
	}
	b.Close()
	if err := HandOver(dir, "x:/callback?state=b"); !errors.Is(err, ErrNoSignIn) {
		t.Errorf("after b stopped waiting: %v, want ErrNoSignIn", err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, signInPrefix+"*"))
	if len(left) != 1 {
		t.Errorf("sockets left: %v, want a's alone", left)
	}
}

// TestHandOverRefusesAFolderOfOthers: a folder others may write to could
// hold anyone's socket: nothing is sent there.
func TestHandOverRefusesAFolderOfOthers(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file modes do not say who may write on Windows: the folder is in %LocalAppData%, and the pipe's access list admits the user alone (TestPipeIsTheUsersAlone)")
	}
	dir := tempdir.New(t)
	os.Chmod(dir, 0o777)
	if err := HandOver(dir, "x:/callback?state=a"); err == nil || errors.Is(err, ErrNoSignIn) {
		t.Errorf("a folder others can write to: %v, want it refused", err)
	}
}

// TestAnotherUserCannotHandOver runs, as root, a process of another user
// (nobody, through setpriv) that connects to a waiting sign-in's socket in
// a folder it can reach: the sign-in asks the system who it is
// (SO_PEERCRED), receives nothing and answers nothing. Through HandOver
// the other user is refused earlier still, the folder not being theirs.
func TestAnotherUserCannotHandOver(t *testing.T) {
	if socket := os.Getenv("INSTANCE_TEST_OFFER"); socket != "" {
		err := HandOver(filepath.Dir(socket), "x:/callback?state=a")
		if err == nil {
			os.Stdout.WriteString("handed over\n")
		}
		// As a process of another user would, without checking who
		// listens: the listener must refuse on its own.
		if conn, err := net.Dial("unix", socket); err == nil {
			conn.SetDeadline(timeIn())
			fmt.Fprintln(conn, "x:/callback?state=a")
			reply, _ := bufio.NewReader(conn).ReadString('\n')
			os.Stdout.WriteString("reply: " + reply + "\n")
		} else {
			os.Stdout.WriteString("dial: " + err.Error() + "\n")
		}
		os.Stdout.WriteString("done\n")
		return
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root, to run a process as another user")
	}
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		t.Skip("needs setpriv")
	}
	dir := filepath.Join(tempdir.New(t), "make-connect")
	var received atomic.Int32
	w, err := AwaitSignIn(dir, func(string) error { received.Add(1); return nil })
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	// Reachable by others, not writable: the test is of the socket's
	// own check, not of the folder's.
	for d := dir; d != "/" && d != os.TempDir(); d = filepath.Dir(d) {
		os.Chmod(d, 0o755)
	}
	os.Chmod(w.path, 0o777)
	exe, _ := filepath.Abs(os.Args[0])
	os.Chmod(exe, 0o755)
	cmd := exec.Command(setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", exe, "-test.run", "^TestAnotherUserCannotHandOver$")
	cmd.Env = append(os.Environ(), "INSTANCE_TEST_OFFER="+w.path)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "done") {
		t.Fatalf("the other user's process: %v\n%s", err, out)
	}
	t.Logf("the other user's process: %s", out)
	if strings.Contains(string(out), "handed over") || !strings.Contains(string(out), "reply: \n") || received.Load() != 0 {
		t.Fatalf("another user handed an address over: %s, received %d", out, received.Load())
	}
}

func timeIn() time.Time { return time.Now().Add(answerWait) }
