//go:build unix

package safefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestReadFilePaths: how a path is walked (relative, with "..", through
// root's links, to nothing) — the rules themselves are tested where users
// meet them, with the CA file (httpclient) and the policy (config).
func TestReadFilePaths(t *testing.T) {
	root := os.Getuid() == 0
	dir := t.TempDir()
	for _, d := range []string{"a", "a/b"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "a", "f"), []byte("data"), 0o644); err != nil {
		t.Fatal(err)
	}
	open := filepath.Join(dir, "open")
	if err := os.Mkdir(open, 0o777); err != nil {
		t.Fatal(err)
	}
	os.Chmod(open, 0o777)
	t.Chdir(filepath.Join(dir, "a"))
	cases := []struct {
		name, path string
		needRoot   bool
		links      map[string]string // made first, as root's
		want       error             // nil: "data" is read
	}{
		{name: "absolute", path: filepath.Join(dir, "a", "f")},
		{name: "relative to the working folder", path: "f"},
		{name: "with . and ..", path: "./b/../f"},
		{name: "from a folder of root's links up", needRoot: true, path: "l/../f", links: map[string]string{"a/l": "b"}},
		{name: "around root's links in a loop", needRoot: true, path: "x/f", links: map[string]string{"a/x": "y", "a/y": "x"}, want: syscall.ELOOP},
		{name: "missing", path: "g", want: fs.ErrNotExist},
		{name: "missing in a folder others can write", path: filepath.Join(open, "g"), want: &Error{}},
		{name: "a folder at the end", path: "b/.", want: &Error{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.needRoot && !root {
				t.Skip("root's links need root")
			}
			for l, target := range tc.links {
				if err := os.Symlink(target, filepath.Join(dir, l)); err != nil {
					t.Fatal(err)
				}
				defer os.Remove(filepath.Join(dir, l))
			}
			got, err := ReadFile(tc.path, SystemOrMe)
			var unsafe *Error
			switch {
			case tc.want == nil && (err != nil || string(got) != "data"):
				t.Errorf("got %q, %v; want it read", got, err)
			case tc.want == nil:
			case errors.As(tc.want, &unsafe):
				if !errors.As(err, &unsafe) {
					t.Errorf("err = %v, want it refused", err)
				}
			case !errors.Is(err, tc.want):
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
}
