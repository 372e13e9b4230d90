// Package webbrowser says whether a web browser can be opened on this
// computer, and with what: the command line falls back to printing the
// address, and doctor reports it.
package webbrowser

import "os/exec"

// Unavailable says why no browser can be opened for the person here: an
// SSH session (a browser would open on the remote computer, if at all), or
// a Linux machine without a display. "" when one can.
func Unavailable(getenv func(string) string, goos string) string {
	switch {
	case getenv("SSH_CONNECTION") != "" || getenv("SSH_TTY") != "":
		return "This is an SSH session"
	case goos == "linux" && getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == "":
		return "This computer has no display (neither DISPLAY nor WAYLAND_DISPLAY is set)"
	}
	return ""
}

// linuxLaunchers are the programs github.com/cli/browser tries, in order.
var linuxLaunchers = []string{"xdg-open", "x-www-browser", "www-browser", "wslview"}

// Launcher names what opens a browser here, the way github.com/cli/browser
// picks it: the first of linuxLaunchers on Linux, "open" on macOS, the
// shell on Windows. "" when there is none.
func Launcher(goos string) string {
	switch goos {
	case "windows":
		return "the Windows shell (ShellExecute)"
	case "darwin":
		return "open"
	}
	for _, l := range linuxLaunchers {
		if path, err := exec.LookPath(l); err == nil {
			return path
		}
	}
	return ""
}
