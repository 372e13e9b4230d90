package ui

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/app"
)

// The window keeps a log of its HTTP requests, one line each, as
// --verbose prints them (method, scheme, host, path, status, duration,
// proxy; never a query, header or body), so that a person can send what
// happened: Copy diagnostics in About copies its tail.
const (
	logName     = "window.log"
	logFileSize = 1 << 20  // two files of this at the most
	logTailSize = 32 << 10 // what Copy diagnostics takes of it
)

// requestLog is the window's log: a rotating file, and standard error as
// well when MAKE_CONNECT_DEBUG=1.
type requestLog struct {
	file app.LogFile // nil when it could not be opened
	err  error       // why not
	w    io.Writer   // what the HTTP client writes to
}

// openRequestLog opens the log in dir (default make-connect in the user's
// cache directory). A log that cannot be opened leaves the window working,
// with nothing logged to the file.
func openRequestLog(dir string, debug bool, stderr io.Writer) *requestLog {
	l := &requestLog{}
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			l.err = fmt.Errorf("find the directory for the log: %w", err)
		}
		dir = filepath.Join(cache, "make-connect")
	}
	var ws []io.Writer
	if l.err == nil {
		l.file, l.err = app.OpenLog(dir, logName, logFileSize)
		if l.err == nil {
			ws = append(ws, l.file)
		}
	}
	if debug {
		ws = append(ws, stderr)
	}
	l.w = &dated{w: io.MultiWriter(ws...), now: time.Now}
	return l
}

// logTime is how each log line and the diagnostics are dated: ISO 8601
// with the offset, to the millisecond.
const logTime = "2006-01-02T15:04:05.000-07:00"

// dated starts every line written to w with the time, whichever writer
// (the HTTP client's log, the window's notes) wrote it.
type dated struct {
	mu     sync.Mutex
	w      io.Writer
	now    func() time.Time
	inLine bool // the last write ended inside a line
}

func (d *dated) Write(p []byte) (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := len(p)
	var b []byte
	for len(p) > 0 {
		if !d.inLine {
			b = append(b, d.now().Format(logTime)+" "...)
		}
		line := p
		if i := bytes.IndexByte(p, '\n'); i >= 0 {
			line = p[:i+1]
		}
		b = append(b, line...)
		d.inLine = line[len(line)-1] != '\n'
		p = p[len(line):]
	}
	if _, err := d.w.Write(b); err != nil {
		return 0, err
	}
	return n, nil
}

// debugLogging reports whether MAKE_CONNECT_DEBUG=1 asks for the log on
// standard error as well.
func debugLogging(lookupEnv func(string) (string, bool)) bool {
	v, _ := lookupEnv(config.EnvDebug)
	return v == "1"
}

// note writes a line about the window itself to the log, as "window: "
// and what happened: what a person looking at the log should know besides
// the requests.
func (l *requestLog) note(what string) {
	fmt.Fprintf(l.w, "window: %s\n", what)
}

// tail is the end of the log, or why there is none.
func (l *requestLog) tail() string {
	if l.file == nil {
		return "(no log: " + l.err.Error() + ")\n"
	}
	t, err := l.file.Tail(logTailSize)
	if err != nil {
		return "(" + err.Error() + ")\n"
	}
	if t == "" {
		return "(no request yet)\n"
	}
	return t
}

// close closes the log file.
func (l *requestLog) close() {
	if l.file != nil {
		l.file.Close()
	}
}
