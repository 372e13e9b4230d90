//go:build (dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd

package keychain

import (
	"context"
	"os"
	"slices"
	"time"

	"github.com/godbus/dbus/v5"
)

const (
	secretsName     = "org.freedesktop.secrets"
	secretsPath     = dbus.ObjectPath("/org/freedesktop/secrets")
	loginCollection = dbus.ObjectPath("/org/freedesktop/secrets/collection/login")
	defaultAlias    = dbus.ObjectPath("/org/freedesktop/secrets/aliases/default")
)

// preflight makes sure, within d, that go-keyring can use the Secret
// Service without starting a program and without a password prompt nobody
// can answer, and otherwise says what to run.
//
// go-keyring reaches the Secret Service through godbus's dbus.SessionBus.
// With no session bus address (no DBUS_SESSION_BUS_ADDRESS, no
// /run/user/UID/bus, as over SSH) godbus runs dbus-launch, which leaves a
// dbus-daemon running; the first call then makes D-Bus activation start
// gnome-keyring-daemon, whose login keyring is locked, and go-keyring fails
// with "failed to unlock correct collection". So preflight connects without
// autolaunch and flags its calls not to activate anything.
//
// With a display (DISPLAY or WAYLAND_DISPLAY set) the desktop can ask for
// the keychain's password, so D-Bus may start the Secret Service and a
// locked keychain is left to go-keyring's unlock prompt. Without one, a
// Secret Service that is not running, or whose login keyring is locked or
// missing, gives ErrLocked with the commands that unlock it.
func preflight(d time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- checkSecretService(ctx, hasDisplay()) }()
	select {
	case err := <-done:
		if err == nil || ctx.Err() == nil {
			return err
		}
	case <-ctx.Done():
	}
	// A bus that does not answer, or a check cut short by the time limit
	// (its connection is closed then, and looks like no bus at all).
	return &timeoutError{after: d}
}

func hasDisplay() bool {
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}

func checkSecretService(ctx context.Context, display bool) error {
	conn, err := dbus.SessionBusPrivateNoAutoStartup(dbus.WithContext(ctx))
	if err == nil {
		defer conn.Close()
		err = conn.Auth(nil)
	}
	if err == nil {
		err = conn.Hello()
	}
	if err != nil {
		return unavailable(NoSessionBus, err)
	}

	bus := conn.BusObject()
	var owned bool
	if err := bus.CallWithContext(ctx, "org.freedesktop.DBus.NameHasOwner", 0, secretsName).Store(&owned); err != nil {
		return unavailable(NoSessionBus, err)
	}
	if !owned {
		var names []string
		err := bus.CallWithContext(ctx, "org.freedesktop.DBus.ListActivatableNames", 0).Store(&names)
		switch {
		case err == nil && !slices.Contains(names, secretsName):
			return unavailable(NoSecretService, nil)
		case !display:
			return locked(NotRunning, err)
		}
		return nil
	}
	if display {
		return nil
	}
	return checkUnlocked(ctx, conn)
}

// checkUnlocked reports ErrLocked when the collection go-keyring writes to
// is locked or missing. go-keyring uses the collection "login" when the
// service lists it, otherwise the one the "default" alias names. An answer
// that cannot be read is left for go-keyring (and its time-out) to meet.
func checkUnlocked(ctx context.Context, conn *dbus.Conn) error {
	svc := conn.Object(secretsName, secretsPath)
	var collections []dbus.ObjectPath
	if err := getProperty(ctx, svc, "org.freedesktop.Secret.Service", "Collections", &collections); err != nil {
		return nil
	}
	path := defaultAlias
	if slices.Contains(collections, loginCollection) {
		path = loginCollection
	} else {
		var alias dbus.ObjectPath
		err := svc.CallWithContext(ctx, "org.freedesktop.Secret.Service.ReadAlias", dbus.FlagNoAutoStart, "default").Store(&alias)
		if err == nil && alias == "/" {
			return locked(NoKeyring, nil)
		}
	}
	var isLocked bool
	err := getProperty(ctx, conn.Object(secretsName, path), "org.freedesktop.Secret.Collection", "Locked", &isLocked)
	if err == nil && isLocked {
		return locked(LockedKeyring, nil)
	}
	return nil
}

// getProperty reads a D-Bus property without activating its owner.
func getProperty(ctx context.Context, obj dbus.BusObject, iface, name string, into any) error {
	var v dbus.Variant
	err := obj.CallWithContext(ctx, "org.freedesktop.DBus.Properties.Get", dbus.FlagNoAutoStart, iface, name).Store(&v)
	if err != nil {
		return err
	}
	return v.Store(into)
}
