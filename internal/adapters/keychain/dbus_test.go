//go:build (dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd

package keychain

import (
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// privateBus starts a dbus-daemon of the test's own and returns its
// address. It can start the services described in servicesDir by D-Bus
// activation; with servicesDir "" it can start none.
func privateBus(t *testing.T, servicesDir string) (string, error) {
	dir := t.TempDir()
	socket := "unix:path=" + dbus.EscapeBusAddressValue(dir+"/bus")
	services := ""
	if servicesDir != "" {
		services = "<servicedir>" + servicesDir + "</servicedir>"
	}
	conf := `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>` + socket + `</listen><auth>EXTERNAL</auth>` + services + `
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/>
<allow own="*"/></policy></busconfig>`
	if err := os.WriteFile(dir+"/session.conf", []byte(conf), 0o600); err != nil {
		return "", err
	}
	cmd := exec.Command("dbus-daemon", "--config-file="+dir+"/session.conf", "--nofork")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return "", err
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	// The socket file appears before the daemon listens on it.
	for range 100 {
		if c, err := net.Dial("unix", dir+"/bus"); err == nil {
			c.Close()
			return socket, nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return "", errors.New("dbus-daemon did not listen: " + stderr.String())
}

// fakeSecretService returns a directory of D-Bus services holding one for
// org.freedesktop.secrets that creates marker when started, then fails:
// what is left shows whether anything asked D-Bus to start it.
func fakeSecretService(t *testing.T, marker string) string {
	dir := t.TempDir()
	script := filepath.Join(dir, "fake-secret-service")
	if err := os.WriteFile(script, []byte("#!/bin/sh\n: > '"+marker+"'\nexit 1\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	service := "[D-BUS Service]\nName=org.freedesktop.secrets\nExec=" + script + "\n"
	if err := os.WriteFile(filepath.Join(dir, "org.freedesktop.secrets.service"), []byte(service), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

// startKeyring runs gnome-keyring-daemon on the bus at addr with a home of
// its own, until the test ends. With unlock it makes and unlocks a login
// keyring with a throwaway password; without, it has none.
func startKeyring(t *testing.T, bin, addr string, unlock bool) {
	dir := t.TempDir()
	for _, sub := range []string{"home", "data", "run"} {
		if err := os.Mkdir(filepath.Join(dir, sub), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	args := []string{"--foreground", "--components=secrets"}
	cmd := exec.Command(bin, args...)
	if unlock {
		cmd.Args = append(cmd.Args, "--unlock")
		cmd.Stdin = strings.NewReader("throwaway")
	}
	cmd.Env = append(os.Environ(), "DBUS_SESSION_BUS_ADDRESS="+addr, "HOME="+dir+"/home",
		"XDG_DATA_HOME="+dir+"/data", "XDG_RUNTIME_DIR="+dir+"/run")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	conn := busConn(t, addr)
	for range 100 {
		var owned bool
		err := conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, secretsName).Store(&owned)
		if err == nil && owned {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("gnome-keyring-daemon did not take org.freedesktop.secrets")
}

// lockLogin locks the login keyring of the Secret Service at addr, as
// gnome-keyring does without asking anyone.
func lockLogin(t *testing.T, addr string) {
	conn := busConn(t, addr)
	var lockedPaths []dbus.ObjectPath
	var prompt dbus.ObjectPath
	err := conn.Object(secretsName, secretsPath).Call("org.freedesktop.Secret.Service.Lock", 0,
		[]dbus.ObjectPath{loginCollection}).Store(&lockedPaths, &prompt)
	if err != nil || len(lockedPaths) != 1 {
		t.Fatalf("lock the login keyring: %v, %v", lockedPaths, err)
	}
}

func busConn(t *testing.T, addr string) *dbus.Conn {
	conn, err := dbus.Connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}
