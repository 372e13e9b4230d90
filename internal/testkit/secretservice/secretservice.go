// Package secretservice tells tests whether they may use the real system
// keychain: only inside .ci/with-secret-service, whose Secret Service is a
// throwaway gnome-keyring on a private D-Bus session, never the person's
// own keychain.
package secretservice

import "os"

// Private reports whether this process runs under .ci/with-secret-service:
// it sets MAKE_CONNECT_SECRET_SERVICE to the private bus's address, and
// the session bus this process would use must be that one. A variable set
// by hand in a desktop session, or a bus changed since, gives false.
func Private() bool {
	bus := os.Getenv("DBUS_SESSION_BUS_ADDRESS")
	return bus != "" && os.Getenv("MAKE_CONNECT_SECRET_SERVICE") == bus
}

// Skip is what a test that needs the real keychain says when it cannot
// have a private one.
const Skip = "needs a private Secret Service: run `make test`, or .ci/with-secret-service go test ./…"
