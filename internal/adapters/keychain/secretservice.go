//go:build (dragonfly && cgo) || (freebsd && cgo) || linux || netbsd || openbsd

package keychain

import (
	"fmt"
	"strings"
	"sync"

	"github.com/godbus/dbus/v5"
	"github.com/zalando/go-keyring"
	ss "github.com/zalando/go-keyring/secret_service"
)

// secretService is the Secret Service through go-keyring's own D-Bus
// calls (package secret_service), in the entries go-keyring writes (the
// same label and attributes), with one session for the process. go-keyring's
// Get opens the bus object, looks up the collection, unlocks it, searches,
// opens a session, unlocks the item, reads and closes the session: seven
// round trips to the daemon for every entry, where a record's several
// entries need two each. A store reads and writes several entries per
// account, so this is most of what a connect waits for.
//
// The collection is unlocked once, and again when the daemon says an item
// is locked; a failed call drops the session, so a daemon started anew is
// met with a new one.
type secretService struct {
	mu       sync.Mutex
	svc      *ss.SecretService
	session  dbus.BusObject
	coll     dbus.BusObject
	unlocked bool
}

// systemKeychain is the operating system's keychain.
func systemKeychain() Backend { return &secretService{} }

// writesKept reports that a Set that returned nil was kept: CreateItem
// answers with the item it made, so no read-back is needed (the
// read-back is for macOS, go-keyring issue #153).
func (s *secretService) writesKept() bool { return true }

// ready opens the connection, the session and the collection, unlocked,
// if they are not open yet; s.mu is held.
func (s *secretService) ready() error {
	if s.session != nil && s.unlocked {
		return nil
	}
	if s.svc == nil {
		svc, err := ss.NewSecretService()
		if err != nil {
			return err
		}
		s.svc = svc
		s.coll = svc.GetLoginCollection()
	}
	if s.session == nil {
		session, err := s.svc.OpenSession()
		if err != nil {
			return err
		}
		s.session = session
	}
	if !s.unlocked {
		if err := s.svc.Unlock(s.coll.Path()); err != nil {
			return err
		}
		s.unlocked = true
	}
	return nil
}

// do runs f with the session ready, and once more, from the start, when
// it fails because the collection was locked meanwhile or the session is
// gone (the daemon started anew). Any failure drops the session.
func (s *secretService) do(f func() error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var err error
	for try := 0; try < 2; try++ {
		if err = s.ready(); err == nil {
			if err = f(); err == nil || err == keyring.ErrNotFound {
				return err
			}
		}
		s.drop()
		if !retryable(err) {
			return err
		}
	}
	return err
}

// drop forgets the session, so the next call opens a new one.
func (s *secretService) drop() {
	if s.session != nil && s.svc != nil {
		_ = s.svc.Close(s.session)
	}
	s.session, s.unlocked = nil, false
}

// retryable reports whether err may pass with a new session: a locked
// collection or a session the daemon no longer knows.
func retryable(err error) bool {
	var dbusErr dbus.Error
	if de, ok := err.(dbus.Error); ok {
		dbusErr = de
	} else if de, ok := err.(*dbus.Error); ok {
		dbusErr = *de
	}
	return dbusErr.Name == "org.freedesktop.Secret.Error.IsLocked" ||
		dbusErr.Name == "org.freedesktop.Secret.Error.NoSession" ||
		dbusErr.Name == "org.freedesktop.DBus.Error.UnknownObject" ||
		strings.HasPrefix(dbusErr.Name, "org.freedesktop.DBus.Error.UnknownMethod")
}

func (s *secretService) find(service, user string) (dbus.ObjectPath, error) {
	items, err := s.svc.SearchItems(s.coll, map[string]string{"username": user, "service": service})
	if err != nil {
		return "", err
	}
	if len(items) == 0 {
		return "", keyring.ErrNotFound
	}
	return items[0], nil
}

func (s *secretService) Set(service, user, password string) error {
	return s.do(func() error {
		return s.svc.CreateItem(s.coll, fmt.Sprintf("Password for '%s' on '%s'", user, service),
			map[string]string{"username": user, "service": service}, ss.NewSecret(s.session.Path(), password))
	})
}

func (s *secretService) Get(service, user string) (string, error) {
	var value string
	err := s.do(func() error {
		item, err := s.find(service, user)
		if err != nil {
			return err
		}
		secret, err := s.svc.GetSecret(item, s.session.Path())
		if err != nil {
			return err
		}
		value = string(secret.Value)
		return nil
	})
	return value, err
}

func (s *secretService) Delete(service, user string) error {
	return s.do(func() error {
		item, err := s.find(service, user)
		if err != nil {
			return err
		}
		return s.svc.Delete(item)
	})
}
