package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBinaryDoctorOnALockedKeychain runs "doctor" where a real
// gnome-keyring runs with its login keyring locked and no desktop can ask
// for the password, as in an SSH session: the keychain line fails, says
// what is wrong and what to run, and the other checks still report.
func TestBinaryDoctorOnALockedKeychain(t *testing.T) {
	home := t.TempDir()
	script := `
		set -e
		# A first session makes the login keyring, with a password.
		dbus-run-session -- sh -c 'printf throwaway | gnome-keyring-daemon --unlock --components=secrets >/dev/null; sleep 0.5'
		# A second session starts the daemon without unlocking it.
		exec dbus-run-session -- sh -c 'gnome-keyring-daemon --start --components=secrets >/dev/null; sleep 0.5; exec "$APP" doctor --json'
	`
	cmd := exec.Command("bash", "-c", script)
	env := []string{"HOME=" + home, "XDG_DATA_HOME=" + filepath.Join(home, "data"), "XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"XDG_CACHE_HOME=" + filepath.Join(home, "cache"), "XDG_RUNTIME_DIR=" + home, "PATH=" + os.Getenv("PATH"),
		"APP=" + filepath.Join(bin, "make-connect"), "MAKE_CONNECT_CLIENT_ID=doctor-test", "MAKE_CONNECT_ISSUER=http://127.0.0.1:1", "MAKE_CONNECT_KEYRING_SERVICE=com.makeconnect.e2e.doctor"}
	cmd.Env = env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var v struct {
		Checks []struct{ Name, Status, Message string }
		OK     bool
	}
	if jerr := json.Unmarshal(out, &v); jerr != nil {
		t.Fatalf("doctor printed %q (%v): %v\n%s", out, err, jerr, stderr.String())
	}
	if exitCode(err) != 1 || v.OK {
		t.Errorf("doctor exited %d, ok %v; want 1, false", exitCode(err), v.OK)
	}
	found := false
	for _, c := range v.Checks {
		if c.Name == "keychain" {
			found = true
			if c.Status != "failure" || !strings.Contains(c.Message, "locked") || !strings.Contains(c.Message, "gnome-keyring-daemon --replace --unlock") {
				t.Errorf("keychain: %s: %s", c.Status, c.Message)
			}
		}
	}
	if !found || len(v.Checks) < 8 {
		t.Errorf("doctor reported %d checks, keychain among them %v", len(v.Checks), found)
	}
}
