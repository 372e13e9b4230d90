//go:build unix

package httpclient

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCAFileOthersCannotChange: a CA file that another user could change
// is refused with the reason; the same file where only its owner can
// change it is trusted.
func TestCAFileOthersCannotChange(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	cases := []struct {
		name            string
		dirMode, mode   os.FileMode
		chownNobody     bool
		refused, reason string
	}{
		{name: "only its owner", dirMode: 0o700, mode: 0o600},
		{name: "readable by all", dirMode: 0o755, mode: 0o644},
		{name: "in a sticky folder all can write", dirMode: 0o777 | os.ModeSticky, mode: 0o644},
		{name: "writable by the group", dirMode: 0o755, mode: 0o664, refused: "the file", reason: "other users can change"},
		{name: "writable by all", dirMode: 0o755, mode: 0o666, refused: "the file", reason: "other users can change"},
		{name: "in a folder all can write", dirMode: 0o777, mode: 0o644, refused: "the folder", reason: "other users can change"},
		{name: "in a folder the group can write", dirMode: 0o775, mode: 0o644, refused: "the folder", reason: "other users can change"},
		{name: "another user's", dirMode: 0o755, mode: 0o644, chownNobody: true, refused: "the file", reason: "belongs to another user"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.chownNobody && os.Getuid() != 0 {
				t.Skip("giving a file to another user needs root")
			}
			file := writeCA(t, srv)
			dir := filepath.Join(filepath.Dir(file), "shared")
			if err := os.Mkdir(dir, 0o700); err != nil {
				t.Fatal(err)
			}
			moved := filepath.Join(dir, "ca.pem")
			os.Rename(file, moved)
			// Chmod, not the modes at creation, which the umask would change.
			if err := os.Chmod(moved, tc.mode); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(dir, tc.dirMode); err != nil {
				t.Fatal(err)
			}
			if tc.chownNobody {
				if err := os.Chown(moved, 65534, 65534); err != nil {
					t.Fatal(err)
				}
			}
			// Through a symbolic link: what is checked is the file it names.
			link := filepath.Join(t.TempDir(), "link.pem")
			os.Symlink(moved, link)
			_, err := New(Options{CAFile: link})
			if tc.refused == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrCAFile) || !strings.Contains(err.Error(), tc.refused+" "+filepath.Dir(moved)) ||
				!strings.Contains(err.Error(), tc.reason) {
				t.Fatalf("err = %v; want ErrCAFile naming %s and saying %q", err, tc.refused, tc.reason)
			}
		})
	}
}
