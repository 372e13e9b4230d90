package explain

import (
	"errors"
	"io/fs"
	"os"
	"syscall"

	"github.com/make-connect/make-connect/internal/platform/instance"
	"github.com/make-connect/make-connect/internal/platform/peeruser"
	"github.com/make-connect/make-connect/internal/platform/safefile"
	"github.com/make-connect/make-connect/internal/platform/sanitize"
	"github.com/make-connect/make-connect/internal/platform/secretclip"
	"github.com/make-connect/make-connect/internal/platform/userdir"
	"github.com/make-connect/make-connect/internal/words/i18n"
)

// fileWords says what went wrong with a file or folder on this computer,
// naming it, or with the helpers that keep the app's files private; ""
// when e is none of that.
func fileWords(e error, _ Face) string {
	switch e := e.(type) {
	case *fs.PathError:
		return pathWords(e.Op, e.Path, e.Err)
	case *os.LinkError:
		return pathWords(e.Op, e.New, e.Err)
	case *os.SyscallError:
		return i18n.L("This computer refused a request of Make Connect's ({{.Call}}). The details say why.", vars{"Call": sanitize.Text(e.Syscall)})
	case *safefile.Error:
		return unsafeWords(e)
	case *userdir.CacheError:
		return cacheWords(e)
	case *userdir.NotPrivateError:
		v := vars{"Folder": sanitize.Text(e.Dir)}
		if e.Others {
			return i18n.L("Other users can write to the folder {{.Folder}}, so Make Connect does not keep its files there. Make it yours alone (chmod go-w), then try again.", v)
		}
		return i18n.L("The folder {{.Folder}} belongs to another user, so Make Connect does not keep its files there. Remove it as that user or as root (it is made anew), then try again.", v)
	}
	switch {
	case is(e, userdir.ErrNotPrivate):
		return i18n.L("A folder Make Connect keeps its files in is not yours alone, so it was not used. The details say which.")
	case is(e, instance.ErrHandedOver):
		return i18n.L("The Make Connect window already open was brought to the front.")
	case is(e, instance.ErrNotAnswering):
		return i18n.L("Another Make Connect window is open but does not answer. Close it (or end it in the task manager), then try again.")
	case is(e, instance.ErrNoSignIn):
		return i18n.L("No sign-in is waiting for this answer any more: it had already ended (finished, cancelled or timed out). Connect again if you need to.")
	case is(e, instance.ErrOtherUser):
		return i18n.L("Another user of this computer was at the other end of Make Connect's sign-in channel, so nothing was handed over.")
	case is(e, peeruser.ErrUnknown):
		return i18n.L("Make Connect could not tell which user of this computer made a request, so it refused it. The details say why.")
	case is(e, peeruser.ErrNoLookup):
		return i18n.L("This system does not say which user of this computer made a request, so Make Connect could not check it.")
	case is(e, secretclip.ErrUnsupported):
		return i18n.L("The clipboard here cannot be told to keep the token private (out of clipboard history and other devices), so it was not copied.")
	}
	return ""
}

// unsafeWords says why a file the app trusts (a CA file, a policy) was
// not read, naming the file, folder or link others control.
func unsafeWords(e *safefile.Error) string {
	v := vars{"Path": sanitize.Text(e.Path)}
	switch e.Reason {
	case safefile.OtherOwner:
		return i18n.L("{{.Path}} belongs to another user, who could change it, so Make Connect does not trust it. Make it belong to you or to root.", v)
	case safefile.OthersCanWrite:
		if e.Mode == 0 { // Windows: an access rule lets others change it
			return i18n.L("Other users can change {{.Path}}, so Make Connect does not trust it. Let only you and the administrators change it.", v)
		}
		return i18n.L("Other users can change {{.Path}}, so Make Connect does not trust it. Make it writable by its owner alone (chmod go-w).", v)
	case safefile.Link:
		return i18n.L("{{.Path}} is a symbolic link that is not root's, so it could lead elsewhere, and Make Connect does not follow it. Name the file by its real path.", v)
	case safefile.NotRegular:
		return i18n.L("{{.Path}} is not a file (it is a folder, a device or a pipe), so Make Connect does not read it.", v)
	case safefile.Replaced:
		return i18n.L("{{.Path}} was replaced while Make Connect read it, so it was not trusted. Try again.", v)
	}
	return i18n.L("Make Connect could not use {{.Path}}. The details say why.", v)
}

// pathWords says why the file operation op on path failed with err, and
// what to do.
func pathWords(op, path string, err error) string {
	v := vars{"Path": sanitize.Text(path)}
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return i18n.L("There is no space left on the disk that holds {{.Path}}. Free some space, then try again.", v)
	case errors.Is(err, syscall.EROFS):
		return i18n.L("{{.Path}} is on a disk that can only be read, so Make Connect cannot write there. Check that your home folder is on a disk you can write to.", v)
	case op == "mkdir" && errors.Is(err, fs.ErrPermission):
		return i18n.L("Make Connect could not create the folder {{.Path}}: it may not write there. Check that your home folder exists and that you can write to it.", v)
	case errors.Is(err, fs.ErrPermission):
		return i18n.L("Make Connect may not use {{.Path}}. Check that it belongs to you and that you can read and write it.", v)
	case errors.Is(err, fs.ErrNotExist):
		return i18n.L("{{.Path}} does not exist. Check that your home folder exists and that you can write to it.", v)
	}
	return i18n.L("Make Connect could not use {{.Path}}. The details say why.", v)
}
