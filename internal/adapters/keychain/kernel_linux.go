package keychain

import (
	"errors"
	"runtime"
	"sync"
	"time"

	"github.com/zalando/go-keyring"
	"golang.org/x/sys/unix"
)

// The kernel store keeps entries as "user" keys of the Linux kernel's key
// retention service (keyrings(7)) in the user's persistent keyring: it
// needs no daemon and no D-Bus, works from every SSH session of the user
// and from cron while the keys live, and holds them in memory only, never
// on disk. They go at reboot, when the persistent keyring has not been used
// for its expiry (/proc/sys/kernel/keys/persistent_keyring_expiry, three
// days by default), or when their own timeout passes.

// keyPerm lets the possessor and the owning user do everything with a
// key, and nobody else anything: KEY_POS_ALL | KEY_USR_ALL. The persistent
// keyring is the user's own, and this process possesses it once it is
// linked into the process keyring.
const keyPerm = 0x3f3f0000

// kernelKeyring is a Backend on a keyring of the kernel's.
//
// Every call runs on one OS thread of its own. Linux keeps a process's
// keyrings in each thread's credentials, and a keyring linked into the
// process keyring from one thread is possessed by that thread only: a
// goroutine moved to another thread would meet "permission denied".
type kernelKeyring struct {
	mu   sync.Mutex
	ring int
	// find returns the keyring to keep keys in: the user's persistent
	// keyring, or a test's own.
	find   func() (int, error)
	thread chan func()
}

// on runs f on the backend's thread.
func (k *kernelKeyring) on(f func()) {
	k.mu.Lock()
	if k.thread == nil {
		k.thread = make(chan func())
		go func() {
			// Locked for good: the thread holds the keyrings in its
			// credentials, and ends with the goroutine (never, in practice).
			runtime.LockOSThread()
			for f := range k.thread {
				f()
			}
		}()
	}
	k.mu.Unlock()
	done := make(chan struct{})
	k.thread <- func() { f(); close(done) }
	<-done
}

// kernelBackend is a backend on the user's persistent keyring, which it
// finds at once, so a kernel without persistent keyrings is told now.
func kernelBackend() (Backend, error) {
	k := &kernelKeyring{find: persistentKeyring}
	var err error
	k.on(func() { _, err = k.keyring() })
	if err != nil {
		return nil, err
	}
	return k, nil
}

// persistentKeyring links the user's persistent keyring into this
// process's keyring, which makes this process its possessor, and returns
// its ID.
func persistentKeyring() (int, error) {
	ring, err := unix.KeyctlInt(unix.KEYCTL_GET_PERSISTENT, -1, unix.KEY_SPEC_PROCESS_KEYRING, 0, 0)
	if err != nil {
		return 0, kernelError("find the persistent keyring", err)
	}
	return ring, nil
}

// keyring is the keyring keys live in, found on first use; it runs on
// the backend's thread.
func (k *kernelKeyring) keyring() (int, error) {
	if k.ring == 0 {
		ring, err := k.find()
		if err != nil {
			return 0, err
		}
		k.ring = ring
	}
	return k.ring, nil
}

func (k *kernelKeyring) Set(service, user, value string) error {
	return k.SetUntil(service, user, value, time.Time{})
}

// SetUntil writes value, to be kept until until (the zero time: for as
// long as the keyring lives), readable by this user alone.
func (k *kernelKeyring) SetUntil(service, user, value string, until time.Time) (err error) {
	k.on(func() { err = k.setUntil(service, user, value, until) })
	return err
}

func (k *kernelKeyring) setUntil(service, user, value string, until time.Time) error {
	ring, err := k.keyring()
	if err != nil {
		return err
	}
	id, err := unix.AddKey("user", description(service, user), []byte(value), ring)
	if err != nil {
		return kernelError("add a key", err)
	}
	if err := unix.KeyctlSetperm(id, keyPerm); err != nil {
		return kernelError("set a key's permissions", err)
	}
	secs := 0 // none: an update may lift an earlier timeout
	if !until.IsZero() {
		secs = max(1, int(time.Until(until).Seconds()))
	}
	if _, err := unix.KeyctlInt(unix.KEYCTL_SET_TIMEOUT, id, secs, 0, 0); err != nil {
		return kernelError("set a key's timeout", err)
	}
	return nil
}

// search is the key of service's entry user, or keyring.ErrNotFound; it
// runs on the backend's thread.
func (k *kernelKeyring) search(service, user string) (int, error) {
	ring, err := k.keyring()
	if err != nil {
		return 0, err
	}
	id, err := unix.KeyctlSearch(ring, "user", description(service, user), 0)
	switch {
	case errors.Is(err, unix.ENOKEY), errors.Is(err, unix.EKEYEXPIRED), errors.Is(err, unix.EKEYREVOKED):
		return 0, keyring.ErrNotFound
	case err != nil:
		return 0, kernelError("find a key", err)
	}
	return id, nil
}

func (k *kernelKeyring) Get(service, user string) (value string, err error) {
	k.on(func() { value, err = k.get(service, user) })
	return value, err
}

func (k *kernelKeyring) get(service, user string) (string, error) {
	id, err := k.search(service, user)
	if err != nil {
		return "", err
	}
	for {
		n, err := unix.KeyctlBuffer(unix.KEYCTL_READ, id, nil, 0)
		if err == nil {
			buf := make([]byte, n)
			var m int
			m, err = unix.KeyctlBuffer(unix.KEYCTL_READ, id, buf, 0)
			if err == nil && m <= n {
				return string(buf[:m]), nil
			}
			if err == nil {
				continue // it grew meanwhile
			}
		}
		if errors.Is(err, unix.ENOKEY) || errors.Is(err, unix.EKEYEXPIRED) || errors.Is(err, unix.EKEYREVOKED) {
			return "", keyring.ErrNotFound
		}
		return "", kernelError("read a key", err)
	}
}

func (k *kernelKeyring) Delete(service, user string) (err error) {
	k.on(func() { err = k.delete(service, user) })
	return err
}

func (k *kernelKeyring) delete(service, user string) error {
	id, err := k.search(service, user)
	if err != nil {
		return err
	}
	if _, err := unix.KeyctlInt(unix.KEYCTL_INVALIDATE, id, 0, 0, 0); err != nil && !errors.Is(err, unix.ENOKEY) {
		return kernelError("remove a key", err)
	}
	return nil
}

// writesKept: add_key answers with the key it made or updated.
func (k *kernelKeyring) writesKept() bool { return true }

// kernelError is a failed keyctl call as a *KernelError.
func kernelError(op string, err error) *KernelError {
	e := &KernelError{Op: op, Err: err}
	switch {
	case errors.Is(err, unix.EDQUOT):
		e.Full, e.Quota = true, readQuota()
	case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EOPNOTSUPP):
		e.Unsupported = true
	}
	return e
}

// kernelProbe says, as an error, why the kernel keyring cannot be used
// here (a container whose seccomp profile refuses keyctl, as Docker's
// does; a kernel without persistent keyrings); nil when it can. It finds
// the persistent keyring on a thread of its own, which ends with it.
func kernelProbe() error {
	done := make(chan error, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread goes with the goroutine
		_, err := persistentKeyring()
		done <- err
	}()
	return <-done
}
