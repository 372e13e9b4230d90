package logfile

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func open(t *testing.T, max int64) (*Writer, string) {
	t.Helper()
	dir := t.TempDir()
	w, err := Open(dir, "window.log", max)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w, dir
}

func files(t *testing.T, dir string) map[string]int64 {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, e := range entries {
		info, _ := e.Info()
		out[e.Name()] = info.Size()
	}
	return out
}

func TestRotation(t *testing.T) {
	line := "http GET https://www.make.com/api/v2/users/me → 200 in 84ms, no proxy\n" // 72 bytes
	cases := []struct {
		name     string
		max      int64
		lines    int
		want     map[string]int64
		wantTail string
	}{
		{"under the size: one file", 1000, 3, map[string]int64{"window.log": 3 * int64(len(line))}, strings.Repeat(line, 3)},
		{"exactly the size: no rotation yet", int64(2 * len(line)), 2, map[string]int64{"window.log": 2 * int64(len(line))}, strings.Repeat(line, 2)},
		{"one line past: the file moves aside", int64(2 * len(line)), 3, map[string]int64{"window.log": int64(len(line)), "window.log.1": 2 * int64(len(line))}, strings.Repeat(line, 3)},
		{"many times the size: still two files", int64(2 * len(line)), 50, map[string]int64{"window.log": 2 * int64(len(line)), "window.log.1": 2 * int64(len(line))}, strings.Repeat(line, 4)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w, dir := open(t, tc.max)
			for i := 0; i < tc.lines; i++ {
				if n, err := w.Write([]byte(line)); err != nil || n != len(line) {
					t.Fatalf("Write = %d, %v", n, err)
				}
			}
			got := files(t, dir)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("files %v, want %v", got, tc.want)
			}
			if tail, err := w.Tail(1 << 20); err != nil || tail != tc.wantTail {
				t.Errorf("Tail = %q, %v; want %q", tail, err, tc.wantTail)
			}
		})
	}
}

func TestReopenKeepsCountingTheSize(t *testing.T) {
	w, dir := open(t, 10)
	w.Write([]byte("12345678\n"))
	w.Close()
	w2, err := Open(dir, "window.log", 10)
	if err != nil {
		t.Fatal(err)
	}
	defer w2.Close()
	w2.Write([]byte("abc\n"))
	if got := files(t, dir); got["window.log"] != 4 || got["window.log.1"] != 9 {
		t.Errorf("after reopening, files %v: the size written before was not counted", got)
	}
}

func TestTailStartsAtALine(t *testing.T) {
	w, _ := open(t, 1000)
	w.Write([]byte("first line\nsecond line\nthird\n"))
	if got, _ := w.Tail(15); got != "third\n" {
		t.Errorf("Tail(15) = %q, want the last whole line", got)
	}
}

func TestAnOverlongWriteIsCut(t *testing.T) {
	w, dir := open(t, 8)
	if n, err := w.Write([]byte("0123456789abcdef\n")); err != nil || n != 17 {
		t.Fatalf("Write = %d, %v", n, err)
	}
	if got := files(t, dir)["window.log"]; got != 8 {
		t.Errorf("the file holds %d bytes, want at most 8", got)
	}
}

func TestConcurrentWritesKeepWholeLines(t *testing.T) {
	w, dir := open(t, 4096)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				fmt.Fprintf(w, "goroutine %d line %03d\n", g, i)
			}
		}()
	}
	wg.Wait()
	got := files(t, dir)
	if len(got) != 2 || got["window.log"] > 4096 || got["window.log.1"] > 4096 {
		t.Errorf("files %v, want two of at most 4096 bytes", got)
	}
	for _, name := range []string{"window.log", "window.log.1"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
			var g, i int
			if _, err := fmt.Sscanf(l, "goroutine %d line %d", &g, &i); err != nil {
				t.Errorf("%s has a broken line %q", name, l)
			}
		}
	}
}

func TestPermissions(t *testing.T) {
	w, _ := open(t, 100)
	info, err := os.Stat(w.Path())
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		t.Errorf("the log is %v, readable by others", perm)
	}
}

func TestWriteAfterClose(t *testing.T) {
	w, _ := open(t, 100)
	w.Close()
	if _, err := w.Write([]byte("x\n")); err == nil {
		t.Error("a closed log took a write")
	}
}
