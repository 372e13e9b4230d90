// Package logfile is a log that keeps itself small: one file that, when
// the next line would take it past its size, becomes the previous file
// (replacing the one before), so there are never more than two. The
// window writes the lines --verbose prints there, so that a person can
// send what happened without anything growing without bound.
package logfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// Writer appends to the log; it is safe for concurrent use.
type Writer struct {
	mu   sync.Mutex
	path string
	max  int64
	f    *os.File
	size int64
}

// Open opens the log name in dir for appending, creating both, readable
// by this user only. max is the size of one file; the log is at most two
// files, name and name.1.
func Open(dir, name string, max int64) (*Writer, error) {
	if max <= 0 {
		return nil, fmt.Errorf("open the log: size %d is not positive", max)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("open the log: %w", err)
	}
	w := &Writer{path: filepath.Join(dir, name), max: max}
	if err := w.open(); err != nil {
		return nil, err
	}
	return w, nil
}

// Path is the current file's path; the previous one is Path()+".1".
func (w *Writer) Path() string { return w.path }

func (w *Writer) open() error {
	f, err := os.OpenFile(w.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("open the log: %w", err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("open the log: %w", err)
	}
	w.f, w.size = f, info.Size()
	return nil
}

// Write appends p, first moving the current file aside when p would take
// it past the size. A p longer than one file is cut to fit; the log's
// writers write a line at a time, far shorter.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return 0, errors.New("write the log: it is closed")
	}
	n := len(p)
	if int64(len(p)) > w.max {
		p = p[:w.max]
	}
	if w.size > 0 && w.size+int64(len(p)) > w.max {
		if err := w.rotate(); err != nil {
			return 0, err
		}
	}
	m, err := w.f.Write(p)
	w.size += int64(m)
	if err != nil {
		return m, fmt.Errorf("write the log: %w", err)
	}
	return n, nil
}

// rotate makes the current file the previous one and starts a new one.
func (w *Writer) rotate() error {
	w.f.Close()
	w.f = nil
	if err := os.Rename(w.path, w.path+".1"); err != nil {
		return fmt.Errorf("rotate the log: %w", err)
	}
	return w.open()
}

// Tail returns up to the last n bytes of the log, across both files,
// starting at a line.
func (w *Writer) Tail(n int) (string, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	var all []byte
	for _, p := range []string{w.path + ".1", w.path} {
		b, err := os.ReadFile(p)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("read the log: %w", err)
		}
		all = append(all, b...)
	}
	if len(all) <= n {
		return string(all), nil
	}
	all = all[len(all)-n:]
	for i, b := range all {
		if b == '\n' {
			return string(all[i+1:]), nil
		}
	}
	return string(all), nil
}

// Close closes the current file; later writes fail.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return nil
	}
	err := w.f.Close()
	w.f = nil
	return err
}
