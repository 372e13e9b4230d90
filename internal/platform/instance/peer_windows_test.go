package instance

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/make-connect/make-connect/internal/testkit/tempdir"
)

// TestPipeIsTheUsersAlone: a waiting sign-in's pipe has a random name,
// kept in the user's folder; its access list is protected and names this
// user alone; a second pipe of that name cannot be made; and each end
// finds this user at the other.
func TestPipeIsTheUsersAlone(t *testing.T) {
	dir := tempdir.New(t)
	w, err := AwaitSignIn(dir, func(string) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	name, err := os.ReadFile(w.path)
	if err != nil {
		t.Fatal(err)
	}
	if len(name) != len(pipePrefix)+32 {
		t.Fatalf("the file names %q, want %s and 32 hex digits", name, pipePrefix)
	}
	me, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		t.Fatal(err)
	}
	ln := w.ln.(*pipeListener)
	ln.mu.Lock()
	sd, err := windows.GetSecurityInfo(ln.next, windows.SE_KERNEL_OBJECT, windows.DACL_SECURITY_INFORMATION)
	ln.mu.Unlock()
	if err != nil {
		t.Fatalf("the pipe's access list: %v", err)
	}
	if control, _, err := sd.Control(); err != nil || control&windows.SE_DACL_PROTECTED == 0 {
		t.Errorf("the access list is not protected (control %#x, %v): it may inherit entries", control, err)
	}
	dacl, _, err := sd.DACL()
	if err != nil || dacl == nil {
		t.Fatalf("no access list (%v): anyone may open the pipe", err)
	}
	if dacl.AceCount != 1 {
		t.Errorf("the access list has %d entries, want one", dacl.AceCount)
	}
	for i := range uint32(dacl.AceCount) {
		var ace *windows.ACCESS_ALLOWED_ACE
		if err := windows.GetAce(dacl, i, &ace); err != nil {
			t.Fatal(err)
		}
		if sid := (*windows.SID)(unsafe.Pointer(&ace.SidStart)); ace.Header.AceType != windows.ACCESS_ALLOWED_ACE_TYPE || !sid.Equals(me.User.Sid) {
			t.Errorf("entry %d: type %d for %s, want access allowed to %s alone", i, ace.Header.AceType, sid, me.User.Sid)
		}
	}

	// Someone who read the name cannot serve a pipe of that name first.
	squat := &pipeListener{name: string(name), path: filepath.Join(dir, "squat")}
	if h, err := squat.instance(true); err == nil {
		windows.CloseHandle(h)
		if underWine() {
			t.Logf("Wine 8 made a second first instance of the pipe (it ignores FILE_FLAG_FIRST_PIPE_INSTANCE; Windows refuses it)")
		} else {
			t.Errorf("a second first instance of %s was made", name)
		}
	}

	conn, err := dial(w.path, time.Now().Add(answerWait))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := sameUser(conn); err != nil {
		t.Errorf("the client finds another user at the server's end: %v", err)
	}
	// Deadlines hold (the handle is on the runtime's poller): a read with
	// nothing to read ends at its deadline, before the sign-in hangs up
	// on a client that says nothing (answerWait).
	if err := conn.SetReadDeadline(time.Now().Add(50 * time.Millisecond)); err != nil {
		t.Fatalf("the pipe takes no deadline: %v", err)
	}
	if _, err := conn.Read(make([]byte, 1)); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("a read past its deadline gave %v, want os.ErrDeadlineExceeded", err)
	}
	conn.SetDeadline(time.Now().Add(answerWait))
	fmt.Fprintln(conn, "x:/callback?state=a")
	if reply, err := bufio.NewReader(conn).ReadString('\n'); reply != taken+"\n" {
		t.Errorf("the sign-in answered %q (%v), want %q: it did not find this user at the client's end", reply, err, taken)
	}
}

// underWine reports whether this runs under Wine, whose ntdll says its
// version.
func underWine() bool {
	return windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
}
