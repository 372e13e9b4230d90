//go:build unix

package safefile

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// maxLinks is how many symbolic links one path may pass, as Linux's
// open allows (ELOOP past it).
const maxLinks = 40

// ReadFile reads file when no one but root (and the user running the
// app, when who is SystemOrMe) could have changed what is read:
//
//   - every component of its path is looked at from / down (Lstat): each
//     folder must belong to root or to that user and be writable by no
//     one else, unless it is sticky (/tmp), where no one can rename or
//     remove what is not theirs;
//   - a symbolic link on the way is followed only when it is root's, in a
//     folder that passed (the system's own: /etc on macOS, /etc/ssl/certs
//     on Fedora, NixOS's /etc), and then its target's path is checked the
//     same way; any other link is refused, naming it;
//   - the file so found is opened once, without following a link
//     (O_NOFOLLOW), and the descriptor is checked (fstat): a regular file,
//     root's or that user's, writable by no one else, and the very file
//     (device and inode) the path named when it was looked at;
//   - what is returned is read from that descriptor.
//
// The path is walked before it is opened, so nothing is opened in a
// folder someone else controls (a pipe there would block the open; the
// open is non-blocking all the same). A folder or link no one else can
// change cannot be changed between the walk and the open, and a file
// replaced in between is refused (Replaced). A missing file is an error
// for which errors.Is(err, fs.ErrNotExist) holds; a file or folder that
// is not trusted is an *Error.
func ReadFile(file string, who Trust) ([]byte, error) {
	me := -1 // no one but root
	if who == SystemOrMe {
		me = os.Getuid()
	}
	real, seen, err := walk(file, me)
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(real, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0) // and O_CLOEXEC
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat() // fstat: the descriptor, not the path
	if err != nil {
		return nil, err
	}
	st := fi.Sys().(*syscall.Stat_t)
	switch {
	case !fi.Mode().IsRegular():
		return nil, &Error{File: file, Path: real, Reason: NotRegular, Mode: fi.Mode()}
	case !trusted(st.Uid, me):
		return nil, &Error{File: file, Path: real, Reason: OtherOwner, Owner: fmt.Sprintf("uid %d", st.Uid)}
	case fi.Mode().Perm()&0o022 != 0:
		return nil, &Error{File: file, Path: real, Reason: OthersCanWrite, Mode: fi.Mode().Perm()}
	case st.Dev != seen.Dev || st.Ino != seen.Ino:
		return nil, &Error{File: file, Path: real, Reason: Replaced}
	}
	return io.ReadAll(f)
}

// walk looks at every component of file's path from / down, following
// only root's links, and returns the path it leads to and what Lstat said
// of its last component.
func walk(file string, me int) (string, *syscall.Stat_t, error) {
	path := file
	if !filepath.IsAbs(path) {
		// The kernel's working folder, not $PWD, which may name it through links.
		wd, err := syscall.Getwd()
		if err != nil {
			return "", nil, &fs.PathError{Op: "getwd", Path: file, Err: err}
		}
		path = wd + "/" + path
	}
	if err := checkDir(file, "/", me); err != nil {
		return "", nil, err
	}
	cur, todo, links := "/", components(path), 0
	for len(todo) > 0 {
		name := todo[0]
		todo = todo[1:]
		if name == ".." {
			// cur is a real folder (no links in it), so its parent is the
			// kernel's "..", and was checked on the way down.
			cur = filepath.Dir(cur)
			continue
		}
		next := filepath.Join(cur, name)
		fi, err := os.Lstat(next)
		if err != nil {
			return "", nil, err
		}
		switch fi.Mode().Type() {
		case fs.ModeSymlink:
			target, err := os.Readlink(next)
			if err != nil {
				return "", nil, err
			}
			if fi.Sys().(*syscall.Stat_t).Uid != 0 {
				return "", nil, &Error{File: file, Path: next, Reason: Link, Target: target}
			}
			if links++; links > maxLinks {
				return "", nil, &fs.PathError{Op: "open", Path: file, Err: syscall.ELOOP}
			}
			if filepath.IsAbs(target) {
				cur = "/"
			}
			todo = append(components(target), todo...)
		case fs.ModeDir:
			if err := checkDir(file, next, me); err != nil {
				return "", nil, err
			}
			cur = next
		default:
			if len(todo) > 0 {
				return "", nil, &fs.PathError{Op: "lstat", Path: next, Err: syscall.ENOTDIR}
			}
			return next, fi.Sys().(*syscall.Stat_t), nil
		}
	}
	// The path ends on a folder.
	return "", nil, &Error{File: file, Path: cur, Reason: NotRegular, Mode: fs.ModeDir}
}

// checkDir refuses the folder dir on the way to file when someone but
// root and the user me (-1: none) could change what is in it.
func checkDir(file, dir string, me int) error {
	fi, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	mode := fi.Mode()
	switch uid := fi.Sys().(*syscall.Stat_t).Uid; {
	case !trusted(uid, me):
		return &Error{File: file, Path: dir, Dir: true, Reason: OtherOwner, Owner: fmt.Sprintf("uid %d", uid)}
	case mode.Perm()&0o022 != 0 && mode&fs.ModeSticky == 0:
		return &Error{File: file, Path: dir, Dir: true, Reason: OthersCanWrite, Mode: mode.Perm()}
	}
	return nil
}

// components are the names in path, without the empty ones and ".".
func components(path string) []string {
	var names []string
	for _, n := range strings.Split(path, "/") {
		if n != "" && n != "." {
			names = append(names, n)
		}
	}
	return names
}

// trusted says whether uid is root's or me's.
func trusted(uid uint32, me int) bool {
	return uid == 0 || me >= 0 && uid == uint32(me)
}
