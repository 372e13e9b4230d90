package keychain

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// ErrNoKernelKeyring means the kernel keyring was asked for where there is
// none: it is Linux's.
var ErrNoKernelKeyring = errors.New("the kernel keyring is only on Linux")

// ErrQuota means the kernel keyring has no room left for this user's keys.
// Match it with errors.Is; a *KernelError says how much is allowed.
var ErrQuota = errors.New("the kernel keyring's quota for this user is used up")

// KernelError is a call of the kernel's key retention service that failed
// (kernel_linux.go). A full quota is told apart: the kernel says "disk
// quota exceeded", which is not what happened.
type KernelError struct {
	Op  string
	Err error
	// Full: the user's quota is used up; Quota is what it allows and what
	// is in use, when /proc/key-users could be read.
	Full  bool
	Quota *Quota
	// Unsupported: this kernel, or a container, offers no such keyrings.
	Unsupported bool
}

func (e *KernelError) Error() string {
	if e.Full && e.Quota != nil {
		return fmt.Sprintf("%s: %v (%s)", e.Op, ErrQuota, e.Quota)
	}
	if e.Full {
		return fmt.Sprintf("%s: %v", e.Op, ErrQuota)
	}
	return e.Op + ": " + e.Err.Error()
}

func (e *KernelError) Unwrap() error { return e.Err }

func (e *KernelError) Is(target error) bool {
	return target == ErrQuota && e.Full || target == ErrUnavailable && e.Unsupported
}

// description names the kernel key of service's entry user.
func description(service, user string) string { return service + ":" + user }

// Quota is a user's allowance of kernel keys and what is in use, from
// /proc/key-users.
type Quota struct {
	Keys, MaxKeys   int
	Bytes, MaxBytes int
}

func (q *Quota) String() string {
	return fmt.Sprintf("%d of %d keys, %d of %d bytes", q.Keys, q.MaxKeys, q.Bytes, q.MaxBytes)
}

// readQuota reads this user's line of /proc/key-users:
// "uid: usage nkeys/nikeys qnkeys/maxkeys qnbytes/maxbytes".
func readQuota() *Quota {
	b, err := os.ReadFile("/proc/key-users")
	if err != nil {
		return nil
	}
	uid := strconv.Itoa(os.Getuid()) + ":"
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 5 || f[0] != uid {
			continue
		}
		var q Quota
		if _, err := fmt.Sscanf(f[3]+" "+f[4], "%d/%d %d/%d", &q.Keys, &q.MaxKeys, &q.Bytes, &q.MaxBytes); err != nil {
			return nil
		}
		return &q
	}
	return nil
}
