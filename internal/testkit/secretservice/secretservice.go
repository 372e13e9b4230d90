// Package secretservice tells tests whether they may use the real system
// keychain: only inside .ci/with-secret-service, whose Secret Service is a
// throwaway gnome-keyring on a private D-Bus session, never the person's
// own keychain.
package secretservice

import (
	"os"
	"slices"

	ss "github.com/zalando/go-keyring/secret_service"
)

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

// Users lists the go-keyring user of every item under service, straight
// from the Secret Service: what the keychain holds, whatever the app
// thinks it wrote.
func Users(service string) ([]string, error) {
	svc, err := ss.NewSecretService()
	if err != nil {
		return nil, err
	}
	items, err := svc.SearchItems(svc.GetLoginCollection(), map[string]string{"service": service})
	if err != nil {
		return nil, err
	}
	var users []string
	for _, item := range items {
		v, err := svc.Object("org.freedesktop.secrets", item).GetProperty("org.freedesktop.Secret.Item.Attributes")
		if err != nil {
			return nil, err
		}
		attrs, _ := v.Value().(map[string]string)
		users = append(users, attrs["username"])
	}
	slices.Sort(users)
	return users, nil
}
