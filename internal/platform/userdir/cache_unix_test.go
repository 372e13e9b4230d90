//go:build unix

package userdir

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestCacheFallsBack: where the user's cache cannot be made (a home such
// as /nonexistent; here a path under a plain file, which even root cannot
// make), the lock and cache go to the runtime folder, else to a private
// folder in the temporary one; a folder that is there but not private is
// refused, never passed over.
func TestCacheFallsBack(t *testing.T) {
	tmp := t.TempDir()
	file := filepath.Join(tmp, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	open := filepath.Join(tmp, "open")
	if err := os.Mkdir(open, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(open, "mc"), 0o777); err != nil {
		t.Fatal(err)
	}
	os.Chmod(filepath.Join(open, "mc"), 0o777)
	run := filepath.Join(tmp, "run")
	temp := filepath.Join(tmp, "temp")
	os.Mkdir(temp, 0o1777)
	cases := []struct {
		name, cache, runtime string
		want                 string
		notPrivate           bool
	}{
		{"the cache", filepath.Join(tmp, "cache"), run, filepath.Join(tmp, "cache", "mc"), false},
		{"no cache: the runtime folder", file, run, filepath.Join(run, "mc"), false},
		{"neither: the temporary folder", file, "", filepath.Join(temp, "mc-"+strconv.Itoa(os.Geteuid())), false},
		{"a cache others can write is refused", open, run, "", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("XDG_CACHE_HOME", tc.cache)
			t.Setenv("HOME", file)
			t.Setenv("XDG_RUNTIME_DIR", tc.runtime)
			t.Setenv("TMPDIR", temp)
			got, err := Cache("mc")
			if tc.notPrivate {
				if !errors.Is(err, ErrNotPrivate) {
					t.Errorf("Cache = %q, %v; want it refused", got, err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("Cache = %q, %v; want %q", got, err, tc.want)
			}
			if fi, err := os.Stat(got); err != nil || fi.Mode().Perm() != 0o700 {
				t.Errorf("%s is not a private folder: %v %v", got, fi.Mode(), err)
			}
		})
	}
	t.Run("a link in the temporary folder is refused", func(t *testing.T) {
		t.Setenv("XDG_CACHE_HOME", file)
		t.Setenv("HOME", file)
		t.Setenv("XDG_RUNTIME_DIR", "")
		t.Setenv("TMPDIR", temp)
		link := filepath.Join(temp, "link-"+strconv.Itoa(os.Geteuid()))
		if err := os.Symlink(run, link); err != nil {
			t.Fatal(err)
		}
		if got, err := Cache("link"); !errors.Is(err, ErrNotPrivate) {
			t.Errorf("Cache through a link = %q, %v; want it refused", got, err)
		}
	})
	t.Run("nowhere", func(t *testing.T) {
		t.Setenv("XDG_CACHE_HOME", file)
		t.Setenv("HOME", file)
		t.Setenv("XDG_RUNTIME_DIR", "")
		t.Setenv("TMPDIR", file)
		var ce *CacheError
		if _, err := Cache("mc"); !errors.As(err, &ce) || len(ce.Tried) != 2 {
			t.Errorf("Cache with nowhere to go = %v, want the two places tried", err)
		}
	})
}
