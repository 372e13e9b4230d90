package keychain

import (
	"errors"
	"fmt"
	"strings"
)

// Kind is which keychain a store keeps accounts in.
type Kind string

const (
	// System is the operating system's keychain: the Secret Service on
	// Linux, Keychain on macOS, Credential Manager on Windows.
	System Kind = "system"
	// Kernel is the Linux kernel's key retention service: no daemon, in
	// memory only (kernel_linux.go).
	Kernel Kind = "kernel"
)

// Kinds are the keychains a person can choose, the default first.
var Kinds = []Kind{System, Kernel}

// Open returns a store on the keychain kind under service.
func Open(service string, kind Kind) (*Store, error) {
	if strings.TrimSpace(service) == "" {
		// New would panic: a configuration always names a service, so
		// this is one that failed to load and was used all the same.
		return nil, ErrNoService
	}
	switch kind {
	case System, "":
		return New(service), nil
	case Kernel:
		b, err := kernelBackend()
		if err != nil {
			return nil, neither(err, systemUnavailable(err), Kernel)
		}
		s := NewWithBackend(service, b)
		s.kind = Kernel
		return s, nil
	}
	return nil, fmt.Errorf("%q is not a keychain: use system or kernel", string(kind))
}

// systemUnavailable is why the system keychain cannot be used either,
// when kernelErr says the kernel's cannot be used at all (not a full
// quota); nil when it can, or kernelErr is not that.
func systemUnavailable(kernelErr error) error {
	if errors.Is(kernelErr, ErrQuota) {
		return nil
	}
	if err := preflight(preflightTimeout); errors.Is(err, ErrUnavailable) {
		return err
	}
	return nil
}

// ErrNoService is Open's answer to an empty service name.
var ErrNoService = errors.New("no keychain service name is set")

// Kind is which keychain the store keeps accounts in.
func (s *Store) Kind() Kind {
	if s.kind == "" {
		return System
	}
	return s.kind
}
