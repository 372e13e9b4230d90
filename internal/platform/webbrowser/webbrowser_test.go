package webbrowser

import (
	"strings"
	"testing"
)

func TestUnavailable(t *testing.T) {
	cases := []struct {
		name string
		goos string
		env  map[string]string
		want string
	}{
		{"desktop Linux", "linux", map[string]string{"DISPLAY": ":0"}, ""},
		{"Wayland", "linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, ""},
		{"SSH", "linux", map[string]string{"DISPLAY": ":0", "SSH_CONNECTION": "10.0.0.2 50000 10.0.0.1 22"}, "This is an SSH session"},
		{"SSH with a terminal only", "darwin", map[string]string{"SSH_TTY": "/dev/pts/3"}, "This is an SSH session"},
		{"Linux without a display", "linux", nil, "This computer has no display"},
		{"Windows has no DISPLAY", "windows", nil, ""},
		{"macOS has no DISPLAY", "darwin", nil, ""},
	}
	for _, tc := range cases {
		got := Unavailable(func(k string) string { return tc.env[k] }, tc.goos)
		if !strings.HasPrefix(got, tc.want) || (tc.want == "") != (got == "") {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
