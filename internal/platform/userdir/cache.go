package userdir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// CacheError is a cache folder that could be made nowhere: each place
// tried, with why not.
type CacheError struct {
	Tried []string
	Errs  []error
}

func (e *CacheError) Error() string {
	var b strings.Builder
	b.WriteString("no folder of this user's could be made for the lock and cache")
	for i, dir := range e.Tried {
		fmt.Fprintf(&b, "; %s: %v", dir, e.Errs[i])
	}
	return b.String()
}

func (e *CacheError) Unwrap() []error { return e.Errs }

// Cache is the folder name in the user's cache, made if missing and
// checked as Ensure checks it. Where the cache cannot be made or written
// (a service account whose home is /nonexistent, a read-only home) it is
// name in the user's runtime folder ($XDG_RUNTIME_DIR, emptied at logout
// or reboot), else name-UID in the system's temporary folder (a folder of
// its own, 0700, refused when it is a link or someone else's). A folder
// that is there but not private is refused (a *NotPrivateError), never
// passed over for the next: another user may have made it to be passed
// over. A *CacheError says why no place would do.
func Cache(name string) (string, error) {
	ce := &CacheError{}
	for _, dir := range cacheDirs(name) {
		err := usable(dir)
		if err == nil {
			return dir, nil
		}
		if errors.Is(err, ErrNotPrivate) {
			return "", err
		}
		ce.Tried, ce.Errs = append(ce.Tried, dir), append(ce.Errs, err)
	}
	return "", ce
}

// cacheDirs are the places Cache tries, in order.
func cacheDirs(name string) []string {
	var dirs []string
	if d, err := os.UserCacheDir(); err == nil {
		dirs = append(dirs, filepath.Join(d, name))
	}
	if d := os.Getenv("XDG_RUNTIME_DIR"); filepath.IsAbs(d) {
		dirs = append(dirs, filepath.Join(d, name))
	}
	if t := tempFallback(name); t != "" {
		dirs = append(dirs, t)
	}
	return dirs
}

// usable makes dir with Ensure and checks that this user can make files
// in it; a link is refused as someone else's folder.
func usable(dir string) error {
	if fi, err := os.Lstat(dir); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		return &NotPrivateError{Dir: dir}
	}
	if err := Ensure(dir); err != nil {
		return err
	}
	return writable(dir)
}
