//go:build windows

package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unsafe"

	"github.com/make-connect/make-connect/internal/testkit/tempdir"
	"golang.org/x/sys/windows"
)

// setACL gives path an access list of its own (nothing inherited): the
// user running the test may do anything, everyone else what others says.
func setACL(t *testing.T, path string, others windows.ACCESS_MASK) {
	t.Helper()
	me, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		t.Fatal(err)
	}
	everyone, err := windows.StringToSid("S-1-1-0")
	if err != nil {
		t.Fatal(err)
	}
	entry := func(sid *windows.SID, mask windows.ACCESS_MASK) windows.EXPLICIT_ACCESS {
		return windows.EXPLICIT_ACCESS{AccessPermissions: mask, AccessMode: windows.GRANT_ACCESS, Inheritance: windows.NO_INHERITANCE,
			Trustee: windows.TRUSTEE{TrusteeForm: windows.TRUSTEE_IS_SID, TrusteeValue: windows.TrusteeValueFromSID(sid)}}
	}
	acl, err := windows.ACLFromEntries([]windows.EXPLICIT_ACCESS{entry(me.User.Sid, windows.GENERIC_ALL), entry(everyone, others)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = windows.SetNamedSecurityInfo(path, windows.SE_FILE_OBJECT,
		windows.DACL_SECURITY_INFORMATION|windows.PROTECTED_DACL_SECURITY_INFORMATION, nil, nil, acl, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Wine keeps no access list of its own: it makes one up from the
	// Unix modes, which hold only some of what Windows can say.
	sd, err := windows.GetNamedSecurityInfo(path, windows.SE_FILE_OBJECT, windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		t.Fatal(err)
	}
	dacl, _, err := sd.DACL()
	if err != nil {
		t.Fatal(err)
	}
	for i := range uint32(dacl.AceCount) {
		var ace *windows.ACCESS_ALLOWED_ACE
		if err := windows.GetAce(dacl, i, &ace); err != nil {
			t.Fatal(err)
		}
		if sid := (*windows.SID)(unsafe.Pointer(&ace.SidStart)); sid.Equals(everyone) && ace.Mask != others {
			t.Skipf("%s kept not the access list set but another (Wine's, from Unix modes): everyone may %#x, not %#x", path, ace.Mask, others)
		}
	}
}

// TestReadFile: a file only its owner and the administrators can change
// is read; one whose access list lets others change it, or whose folder
// lets others delete what it holds, is refused naming which; a folder is
// not a file; a file of the user's is not the system's.
func TestReadFile(t *testing.T) {
	const (
		read   = windows.FILE_GENERIC_READ | windows.FILE_GENERIC_EXECUTE
		modify = read | windows.FILE_GENERIC_WRITE | windows.DELETE | fileDeleteChild // all but permissions and owner: Wine's for a Unix mode's o+w
	)
	cases := []struct {
		name      string
		file, dir windows.ACCESS_MASK // what everyone else may do
		who       Trust
		path      func(dir, file string) string
		reason    Reason
		names     func(dir, file string) string
	}{
		{name: "only its owner may change it", file: read, dir: read, who: SystemOrMe},
		// On a folder, FILE_WRITE_DATA and FILE_APPEND_DATA are adding a file and a folder.
		{name: "others may only add to its folder", file: read, dir: read | windows.FILE_WRITE_DATA | windows.FILE_APPEND_DATA, who: SystemOrMe},
		{name: "others may write it", file: read | windows.FILE_WRITE_DATA, dir: read, who: SystemOrMe,
			reason: OthersCanWrite, names: func(_, file string) string { return file }},
		{name: "others may change it", file: modify, dir: read, who: SystemOrMe,
			reason: OthersCanWrite, names: func(_, file string) string { return file }},
		{name: "others may change what its folder holds", file: read, dir: modify, who: SystemOrMe,
			reason: OthersCanWrite, names: func(dir, _ string) string { return dir }},
		{name: "others may change its permissions", file: read | windows.WRITE_DAC, dir: read, who: SystemOrMe,
			reason: OthersCanWrite, names: func(_, file string) string { return file }},
		{name: "others may delete what its folder holds", file: read, dir: read | fileDeleteChild, who: SystemOrMe,
			reason: OthersCanWrite, names: func(dir, _ string) string { return dir }},
		{name: "the user's own, read as the system's", file: read, dir: read, who: System,
			reason: OtherOwner, names: func(_, file string) string { return file }},
		{name: "a folder", file: read, dir: read, who: SystemOrMe, path: func(dir, _ string) string { return dir },
			reason: NotRegular, names: func(dir, _ string) string { return dir }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(tempdir.New(t), "ca")
			if err := os.Mkdir(dir, 0o700); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, "ca.pem")
			if err := os.WriteFile(file, []byte("pem"), 0o600); err != nil {
				t.Fatal(err)
			}
			setACL(t, file, tc.file)
			setACL(t, dir, tc.dir)
			path := file
			if tc.path != nil {
				path = tc.path(dir, file)
			}
			got, err := ReadFile(path, tc.who)
			if tc.names == nil {
				if err != nil || string(got) != "pem" {
					t.Fatalf("got %q, %v; want it read", got, err)
				}
				return
			}
			var unsafe *Error
			if !errors.As(err, &unsafe) || !sameFile(unsafe.Path, tc.names(dir, file)) || unsafe.Reason != tc.reason {
				t.Fatalf("err = %v (%+v); want %s refused, reason %d", err, unsafe, tc.names(dir, file), tc.reason)
			}
		})
	}
}

func sameFile(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	return err == nil && os.SameFile(fa, fb)
}
