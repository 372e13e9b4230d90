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

// underWine is true when this runs under Wine, which names the process
// of only some connections (see lookup).
func underWine() bool {
	return windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
}
