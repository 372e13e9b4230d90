package termline

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// terminal is what a terminal outside canonical mode sends, chunk by
// chunk, and what the editor wrote back to it.
type terminal struct {
	chunks []string
	echo   bytes.Buffer
}

func (t *terminal) Read(p []byte) (int, error) {
	if len(t.chunks) == 0 {
		return 0, io.EOF
	}
	n := copy(p, t.chunks[0])
	if t.chunks[0] = t.chunks[0][n:]; t.chunks[0] == "" {
		t.chunks = t.chunks[1:]
	}
	return n, nil
}

func (t *terminal) Write(p []byte) (int, error) { return t.echo.Write(p) }

func TestEditor(t *testing.T) {
	long := "http://127.0.0.1:53682/callback?code=" + strings.Repeat("c", 6000) + "&state=s"
	cases := []struct {
		name   string
		chunks []string
		want   string // what is read, lines and all
		echo   string // what the editor wrote to the terminal
	}{
		{"a line longer than a terminal's", []string{long[:4096], long[4096:] + "\n"}, long + "\n", ""},
		{"two lines in one chunk", []string{"one\ntwo\n"}, "one\ntwo\n", ""},
		{"Enter as a carriage return", []string{"one\r"}, "one\n", ""},
		{"Backspace (DEL) removes the character before it", []string{"onx\x7fe\n"}, "one\n", "\b \b"},
		{"Backspace (BS) too", []string{"onx\x08e\n"}, "one\n", " \b"},
		{"Backspace removes a whole character", []string{"caf\u00e9\x7fe\n"}, "cafe\n", "\b \b"},
		{"Backspace on an empty line does nothing", []string{"\x7fone\n"}, "one\n", ""},
		{"Ctrl-D on an empty line ends the input", []string{"one\n\x04two\n"}, "one\n", ""},
		{"Ctrl-D within a line is ignored", []string{"on\x04e\n"}, "one\n", ""},
		{"a last line without Enter is not handed on", []string{"one\ntw"}, "one\n", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tty := &terminal{chunks: tc.chunks}
			got, err := io.ReadAll(&editor{tty: tty, eof: 0x04})
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("read %q\nwant %q", shorten(string(got)), shorten(tc.want))
			}
			if tty.echo.String() != tc.echo {
				t.Errorf("echoed %q, want %q", tty.echo.String(), tc.echo)
			}
		})
	}
}

func shorten(s string) string {
	if len(s) > 80 {
		return s[:40] + "…" + s[len(s)-40:]
	}
	return s
}
