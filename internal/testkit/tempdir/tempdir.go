// Package tempdir gives a test a new folder that is removed, entry by
// entry, when the test ends. It stands in for t.TempDir in tests that also
// run under Wine: there Go's os.RemoveAll fails ("Invalid function": Wine
// 8 lacks the file-disposition call it uses), so t.TempDir's cleanup
// fails the test, while os.Remove works.
package tempdir

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// New makes the folder; the test's cleanup removes what is in it,
// deepest first, then the folder.
func New(t testing.TB) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "make-connect-test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		var paths []string
		filepath.WalkDir(dir, func(p string, _ fs.DirEntry, err error) error {
			if err == nil {
				paths = append(paths, p)
			}
			return nil
		})
		slices.Reverse(paths) // an entry before the folder it is in
		for _, p := range paths {
			os.Remove(p)
		}
		if _, err := os.Lstat(dir); err == nil {
			t.Errorf("the test's folder %s could not be removed", dir)
		}
	})
	return dir
}
