package peeruser

import (
	"testing"

	"golang.org/x/sys/windows"
)

// myUserForTest is how Peer.User names this process's user: its SID.
func myUserForTest(t *testing.T) string {
	u, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		t.Fatal(err)
	}
	return u.User.Sid.String()
}
