//go:build (dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd

package keychain

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// These tests run the store where support staff meet it: over SSH, with no
// desktop. Each runs the store in a child process (go-keyring connects to
// D-Bus once per process), with DISPLAY and WAYLAND_DISPLAY unset unless a
// case sets one, on a session bus of its own or none.

// situations names the situations a child checks for.
var situations = map[string]Situation{
	"noSessionBus": NoSessionBus, "noSecretService": NoSecretService,
	"notRunning": NotRunning, "lockedKeyring": LockedKeyring, "noKeyring": NoKeyring,
}

// A machine with no session bus: the store must say so within 2 s and
// start nothing. godbus, asked for the session bus with no address, runs
// dbus-launch, which leaves a dbus-daemon behind; D-Bus activation then
// starts gnome-keyring-daemon with its login keyring locked. The child
// carries a mark in its environment, which both would inherit, so daemons
// of other users of this machine are not counted.
func TestNoSessionBusStartsNothing(t *testing.T) {
	bus := fmt.Sprintf("/run/user/%d/bus", os.Getuid())
	if _, err := os.Stat(bus); err == nil {
		t.Skipf("%s exists: godbus finds that session bus, so there is no case without one here", bus)
	}
	if _, err := exec.LookPath("dbus-launch"); err != nil {
		t.Log("no dbus-launch (package dbus-x11): godbus could not autolaunch a bus here anyway")
	}
	mark := fmt.Sprintf("KEYCHAIN_TEST_MARK=%d-%d", os.Getpid(), time.Now().UnixNano())
	before := daemons("")
	home := t.TempDir()
	cmd := helper(t, "headless", "unavailable noSessionBus")
	cmd.Env = append(headlessEnv(cmd.Env, "DBUS_SESSION_BUS_ADDRESS"),
		mark, "HOME="+home, "XDG_RUNTIME_DIR="+t.TempDir(), "XDG_DATA_HOME="+filepath.Join(home, "data"))
	out, err := cmd.CombinedOutput()

	time.Sleep(300 * time.Millisecond) // a daemon forks before it shows up
	for _, pid := range daemons(mark) {
		if slices.Contains(before, pid) {
			continue
		}
		comm, _ := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
		t.Errorf("a store call started %s (pid %d)", bytes.TrimSpace(comm), pid)
		_ = syscall.Kill(pid, syscall.SIGTERM) // started by this test, so ended by it
	}
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
}

// Every headless case is recognised within 2 s and explained, and nothing
// is started by D-Bus activation unless there is a display to prompt on.
func TestHeadlessKeychainIsExplained(t *testing.T) {
	keyring, keyringErr := exec.LookPath("gnome-keyring-daemon")
	cases := []struct {
		name      string
		activate  bool                            // the bus can start a (fake) Secret Service
		keyring   func(t *testing.T, addr string) // runs a real gnome-keyring on the bus
		display   bool
		want      string // kind and text, as headlessChild reads them
		activated bool   // whether the fake Secret Service must have been started
	}{
		{name: "no session bus", want: "unavailable noSessionBus"},
		{name: "no secret service", want: "unavailable noSecretService"},
		{name: "secret service not running", activate: true, want: "locked notRunning"},
		{name: "not running, with a display", activate: true, display: true,
			want: "unavailable noSecretService", activated: true},
		{name: "login keyring locked", keyring: func(t *testing.T, addr string) {
			startKeyring(t, keyring, addr, true)
			lockLogin(t, addr)
		}, want: "locked lockedKeyring"},
		{name: "no login keyring yet", keyring: func(t *testing.T, addr string) {
			startKeyring(t, keyring, addr, false)
		}, want: "locked noKeyring"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.keyring != nil && keyringErr != nil {
				t.Skip("needs gnome-keyring-daemon (package gnome-keyring)")
			}
			dir := t.TempDir()
			marker := filepath.Join(dir, "activated")
			addr := "unix:path=" + filepath.Join(dir, "no-bus")
			if tc.name != "no session bus" {
				services := ""
				if tc.activate {
					services = fakeSecretService(t, marker)
				}
				var err error
				if addr, err = privateBus(t, services); err != nil {
					t.Skipf("no private session bus: %v", err)
				}
			}
			if tc.keyring != nil {
				tc.keyring(t, addr)
			}
			cmd := helper(t, "headless", tc.want)
			cmd.Env = append(headlessEnv(cmd.Env, "DBUS_SESSION_BUS_ADDRESS"), "DBUS_SESSION_BUS_ADDRESS="+addr)
			if tc.display {
				cmd.Env = append(cmd.Env, "DISPLAY=:99")
			}
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("child: %v\n%s", err, out)
			}
			if _, err := os.Stat(marker); (err == nil) != tc.activated {
				t.Errorf("the Secret Service was started by D-Bus activation: %v, want %v", err == nil, tc.activated)
			}
		})
	}
}

// headlessChild runs List and Save in a child process and checks that each
// fails with the kind and situation named in arg, for example "locked
// lockedKeyring" (explain says each to a person): found out, not waited
// for, since a call that waited for the keychain would end in ErrTimeout.
func headlessChild(t *testing.T, arg string) {
	kindName, textName, _ := strings.Cut(arg, " ")
	kind := map[string]error{"unavailable": ErrUnavailable, "locked": ErrLocked}[kindName]
	want := situations[textName]
	s := New("com.makeconnect.test.headless")
	calls := map[string]func() error{
		"List": func() error { _, _, err := s.List(); return err },
		"Save": func() error { return s.Save(testConn(1, 100)) },
	}
	for name, call := range calls {
		err := call()
		var se *SituationError
		if !errors.Is(err, kind) || !errors.As(err, &se) || se.Situation != want {
			t.Errorf("%s = %v\nwant %s: %s", name, err, kindName, want)
		}
	}
}

// daemons returns the PIDs of running dbus-daemon, dbus-launch and
// gnome-keyring-daemon processes, only those whose environment holds mark
// when mark is not "".
func daemons(mark string) []int {
	entries, _ := os.ReadDir("/proc")
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		comm, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
		// The kernel cuts comm to 15 bytes: "gnome-keyring-d".
		name := string(bytes.TrimSpace(comm))
		if err != nil || name != "dbus-daemon" && name != "dbus-launch" && name != "gnome-keyring-d" {
			continue
		}
		if stat, _ := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid)); bytes.Contains(stat, []byte(") Z ")) {
			continue // exited, waiting for its parent to notice
		}
		env, _ := os.ReadFile(fmt.Sprintf("/proc/%d/environ", pid))
		if mark != "" && !bytes.Contains(append([]byte{0}, env...), []byte("\x00"+mark+"\x00")) {
			continue
		}
		pids = append(pids, pid)
	}
	return pids
}

// headlessEnv returns env without a display and without the variables
// named in drop.
func headlessEnv(env []string, drop ...string) []string {
	drop = append(drop, "DISPLAY", "WAYLAND_DISPLAY")
	return slices.DeleteFunc(slices.Clone(env), func(kv string) bool {
		name, _, _ := strings.Cut(kv, "=")
		return slices.Contains(drop, name)
	})
}
