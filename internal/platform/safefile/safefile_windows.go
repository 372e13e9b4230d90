//go:build windows

package safefile

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"unsafe"

	"golang.org/x/sys/windows"
)

// ReadFile reads file when no one but the administrators (SYSTEM, the
// Administrators group, TrustedInstaller) and, when who is SystemOrMe,
// the user running the app could have changed what is read:
//
//   - the file is opened once, sharing it for reading only, so no one
//     can change, rename or delete it while it is read; links and
//     junctions on the way are followed;
//   - the opened file is checked by its handle: a file on a disk, not a
//     folder or a device, whose owner is trusted and whose access list
//     gives no one else a right to change it (write, append, delete,
//     change its permissions or owner);
//   - every folder above the file, by the path the handle says it has
//     (links and junctions resolved), must have a trusted owner and give
//     no one else the right to delete or rename what is in it, or the
//     folder itself, or to change its permissions. Others may create new
//     entries (C:\ and C:\ProgramData let every user do so), as in a
//     sticky Unix folder: that replaces nothing;
//   - what is returned is read from that handle.
//
// Deny entries are not weighed: an allow entry for others refuses the
// file even where a deny entry would take the right away again.
func ReadFile(file string, who Trust) ([]byte, error) {
	name, err := windows.UTF16PtrFromString(file)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: file, Err: err}
	}
	h, err := windows.CreateFile(name, windows.GENERIC_READ, windows.FILE_SHARE_READ, nil,
		windows.OPEN_EXISTING, windows.FILE_ATTRIBUTE_NORMAL|windows.FILE_FLAG_BACKUP_SEMANTICS, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: file, Err: err}
	}
	f := os.NewFile(uintptr(h), file)
	defer f.Close()
	trusted, err := trustedSIDs(who)
	if err != nil {
		return nil, err
	}
	real, err := finalPath(h)
	if err != nil {
		return nil, &os.PathError{Op: "GetFinalPathNameByHandle", Path: file, Err: err}
	}
	var info windows.ByHandleFileInformation
	if err := windows.GetFileInformationByHandle(h, &info); err != nil {
		return nil, &os.PathError{Op: "GetFileInformationByHandle", Path: file, Err: err}
	}
	if t, _ := windows.GetFileType(h); t != windows.FILE_TYPE_DISK || info.FileAttributes&windows.FILE_ATTRIBUTE_DIRECTORY != 0 {
		return nil, &Error{File: file, Path: real, Reason: NotRegular}
	}
	sd, err := windows.GetSecurityInfo(h, windows.SE_FILE_OBJECT, windows.OWNER_SECURITY_INFORMATION|windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		return nil, &os.PathError{Op: "GetSecurityInfo", Path: real, Err: err}
	}
	if err := check(sd, trusted, fileRights, &Error{File: file, Path: real}); err != nil {
		return nil, err
	}
	for dir := filepath.Dir(real); ; dir = filepath.Dir(dir) {
		sd, err := windows.GetNamedSecurityInfo(dir, windows.SE_FILE_OBJECT, windows.OWNER_SECURITY_INFORMATION|windows.DACL_SECURITY_INFORMATION)
		if err != nil {
			return nil, &os.PathError{Op: "GetNamedSecurityInfo", Path: dir, Err: err}
		}
		if err := check(sd, trusted, folderRights, &Error{File: file, Path: dir, Dir: true}); err != nil {
			return nil, err
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	return io.ReadAll(f)
}

// fileDeleteChild is FILE_DELETE_CHILD: delete or rename what is in a
// folder, whoever owns it.
const fileDeleteChild = 0x40

// The rights that let their holder change a file, or what a folder holds.
const (
	anyChange    = windows.DELETE | windows.WRITE_DAC | windows.WRITE_OWNER | windows.GENERIC_ALL
	fileRights   = anyChange | windows.FILE_WRITE_DATA | windows.FILE_APPEND_DATA | windows.GENERIC_WRITE
	folderRights = anyChange | fileDeleteChild
)

// check refuses sd when its owner is not trusted, or when its access list
// gives someone not trusted one of rights; refusal is filled in and
// returned.
func check(sd *windows.SECURITY_DESCRIPTOR, trusted []*windows.SID, rights windows.ACCESS_MASK, refusal *Error) error {
	owner, _, err := sd.Owner()
	if err != nil {
		return &os.PathError{Op: "owner", Path: refusal.Path, Err: err}
	}
	if !among(owner, trusted) {
		refusal.Reason, refusal.Owner = OtherOwner, owner.String()
		return refusal
	}
	dacl, _, err := sd.DACL()
	if err == windows.ERROR_OBJECT_NOT_FOUND || err == nil && dacl == nil {
		// No access list at all: everyone may do anything.
		refusal.Reason, refusal.Owner = OthersCanWrite, "S-1-1-0"
		return refusal
	}
	if err != nil {
		return &os.PathError{Op: "access list", Path: refusal.Path, Err: err}
	}
	for i := range uint32(dacl.AceCount) {
		var ace *windows.ACCESS_ALLOWED_ACE
		if err := windows.GetAce(dacl, i, &ace); err != nil {
			return &os.PathError{Op: "access list", Path: refusal.Path, Err: err}
		}
		// Allow entries (plain or conditional) that apply to this object.
		if ace.Header.AceType != windows.ACCESS_ALLOWED_ACE_TYPE && ace.Header.AceType != accessAllowedCallbackACEType ||
			ace.Header.AceFlags&windows.INHERIT_ONLY_ACE != 0 || ace.Mask&rights == 0 {
			continue
		}
		sid := (*windows.SID)(unsafe.Pointer(&ace.SidStart))
		if !among(sid, trusted) {
			refusal.Reason, refusal.Owner = OthersCanWrite, sid.String()
			return refusal
		}
	}
	return nil
}

// accessAllowedCallbackACEType is ACCESS_ALLOWED_CALLBACK_ACE_TYPE: an
// allow entry with a condition, laid out as a plain one.
const accessAllowedCallbackACEType = 9

// trustedSIDs are the accounts that may own or change a file read for
// who: SYSTEM, Administrators, TrustedInstaller, the owner of what is
// created (CREATOR OWNER, OWNER RIGHTS: whoever owns it, checked as the
// owner) and, for SystemOrMe, the user running the app.
func trustedSIDs(who Trust) ([]*windows.SID, error) {
	var sids []*windows.SID
	for _, s := range []string{"S-1-5-18", "S-1-5-32-544", "S-1-5-80-956008885-3418522649-1831038044-1850103386-2280997373", "S-1-3-0", "S-1-3-4"} {
		sid, err := windows.StringToSid(s)
		if err != nil {
			return nil, err
		}
		sids = append(sids, sid)
	}
	if who == SystemOrMe {
		u, err := windows.GetCurrentProcessToken().GetTokenUser()
		if err != nil {
			return nil, err
		}
		sids = append(sids, u.User.Sid)
	}
	return sids, nil
}

func among(sid *windows.SID, sids []*windows.SID) bool {
	for _, s := range sids {
		if sid.Equals(s) {
			return true
		}
	}
	return false
}

// finalPath is the path of the file h is open on, links and junctions
// resolved, as C:\… or \\server\share\….
func finalPath(h windows.Handle) (string, error) {
	buf := make([]uint16, windows.MAX_PATH)
	for {
		n, err := windows.GetFinalPathNameByHandle(h, &buf[0], uint32(len(buf)), 0)
		if err != nil {
			return "", err
		}
		if int(n) < len(buf) {
			p := windows.UTF16ToString(buf[:n])
			if rest, ok := strings.CutPrefix(p, `\\?\UNC\`); ok {
				return `\\` + rest, nil
			}
			return strings.TrimPrefix(p, `\\?\`), nil
		}
		buf = make([]uint16, n)
	}
}
