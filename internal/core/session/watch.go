package session

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/make-connect/make-connect/internal/adapters/keychain"
)

// Change says what another process changed. Watch reports only other
// processes' changes to accounts: those this process made itself it knows
// already.
type Change int

const (
	// AccountsChanged: an account was connected, disconnected or renewed
	// (the keychain's change mark, keychain.ChangeMark).
	AccountsChanged Change = 1 << iota
	// SettingsChanged: the saved settings, the default account among them.
	SettingsChanged
)

// Watched is a file whose changes mean something to a face.
type Watched struct {
	Path   string
	Change Change
	// Mine reports whether the file as it is now is this process's own
	// write (MarkedHere, config.WrittenHere); such a change is not
	// reported, since a face announces what others changed and knows
	// what it did itself. nil: every change is reported.
	Mine func(path string) bool
}

// MarkedHere reports whether the keychain change mark at path was written
// last by this process.
func MarkedHere(path string) bool {
	pid, ok := keychain.MarkedBy(path)
	return ok && pid == os.Getpid()
}

// others is c without the changes this process made itself.
func others(c Change, files []Watched) Change {
	for _, f := range files {
		if f.Mine != nil && c&f.Change != 0 && f.Mine(f.Path) {
			c &^= f.Change
		}
	}
	return c
}

// settleDelay gathers the events of one change (a write is a create, a
// write and a rename) into one call.
const settleDelay = 50 * time.Millisecond

// pollEvery is how often files are looked at where the system cannot say
// when they change: at most once a second, so an idle window costs nothing
// it would notice.
const pollEvery = time.Second

// Watch calls changed with what changed among files, from its own
// goroutine, until ctx ends: through the system's file notifications
// (inotify, kqueue, ReadDirectoryChangesW), which wake nothing while
// nothing changes, or, where they cannot be had, by looking at the files'
// times once a second. The folders of files are made if missing.
func Watch(ctx context.Context, files []Watched, changed func(Change)) {
	w, err := fsnotify.NewWatcher()
	if err == nil {
		for _, f := range files {
			dir := filepath.Dir(f.Path)
			_ = os.MkdirAll(dir, 0o700)
			if err = w.Add(dir); err != nil {
				break
			}
		}
	}
	if err != nil {
		if w != nil {
			w.Close()
		}
		go poll(ctx, files, changed)
		return
	}
	go notified(ctx, w, files, changed)
}

func notified(ctx context.Context, w *fsnotify.Watcher, files []Watched, changed func(Change)) {
	defer w.Close()
	var pending Change
	settle := time.NewTimer(time.Hour)
	settle.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			for _, f := range files {
				if filepath.Clean(ev.Name) == filepath.Clean(f.Path) {
					pending |= f.Change
					settle.Reset(settleDelay)
				}
			}
		case _, ok := <-w.Errors:
			if !ok {
				return
			}
			// An overflow loses events: say everything may have changed.
			for _, f := range files {
				pending |= f.Change
			}
			settle.Reset(settleDelay)
		case <-settle.C:
			if c := others(pending, files); c != 0 {
				changed(c)
			}
			pending = 0
		}
	}
}

// poll looks at the files' modification times once a second.
func poll(ctx context.Context, files []Watched, changed func(Change)) {
	stamps := make([]time.Time, len(files))
	look := func() Change {
		var c Change
		for i, f := range files {
			var t time.Time
			if fi, err := os.Stat(f.Path); err == nil {
				t = fi.ModTime()
			}
			if !t.Equal(stamps[i]) {
				stamps[i] = t
				c |= f.Change
			}
		}
		return c
	}
	look()
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if c := others(look(), files); c != 0 {
				changed(c)
			}
		}
	}
}
