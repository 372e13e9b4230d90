// Command no-keyctl runs a command where the kernel's key retention
// service is refused, as Docker's default seccomp profile refuses it:
// keyctl, add_key and request_key fail with EPERM. It installs a seccomp
// filter (which the command inherits and cannot lift), then execs it:
//
//	no-keyctl make-connect doctor
//
// unshare and setpriv cannot refuse a system call, and systemd-run's
// SystemCallFilter needs a running systemd; this needs only Linux and
// no_new_privs. make check-linux runs the command-line build under it.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"unsafe"

	"golang.org/x/sys/unix"
)

// audit architectures (linux/audit.h) of the system calls numbered below.
var nativeArch = map[string]uint32{"amd64": 0xc000003e, "arm64": 0xc00000b7}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: no-keyctl COMMAND [ARG]...")
		os.Exit(2)
	}
	path, err := exec.LookPath(os.Args[1])
	if err != nil {
		fail(err)
	}
	arch, ok := nativeArch[runtime.GOARCH]
	if !ok {
		fail(fmt.Errorf("no filter for %s", runtime.GOARCH))
	}
	if err := refuseKeyctl(arch); err != nil {
		fail(err)
	}
	fail(unix.Exec(path, os.Args[1:], os.Environ()))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "no-keyctl:", err)
	os.Exit(127)
}

// refuseKeyctl makes keyctl, add_key and request_key fail with EPERM in
// every thread of this process and in what it execs.
func refuseKeyctl(arch uint32) error {
	const (
		ld  = unix.BPF_LD | unix.BPF_W | unix.BPF_ABS
		jeq = unix.BPF_JMP | unix.BPF_JEQ | unix.BPF_K
		ret = unix.BPF_RET | unix.BPF_K
	)
	eperm := uint32(unix.SECCOMP_RET_ERRNO) | uint32(unix.EPERM)
	filter := []unix.SockFilter{
		{Code: ld, K: 4}, // seccomp_data.arch
		{Code: jeq, Jt: 0, Jf: 4, K: arch}, // another architecture: allowed
		{Code: ld, K: 0}, // seccomp_data.nr
		{Code: jeq, Jt: 3, K: unix.SYS_KEYCTL},
		{Code: jeq, Jt: 2, K: unix.SYS_ADD_KEY},
		{Code: jeq, Jt: 1, K: unix.SYS_REQUEST_KEY},
		{Code: ret, K: unix.SECCOMP_RET_ALLOW},
		{Code: ret, K: eperm},
	}
	prog := unix.SockFprog{Len: uint16(len(filter)), Filter: &filter[0]}
	if err := unix.Prctl(unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); err != nil {
		return fmt.Errorf("no_new_privs: %w", err)
	}
	_, _, errno := unix.Syscall(unix.SYS_SECCOMP, unix.SECCOMP_SET_MODE_FILTER, unix.SECCOMP_FILTER_FLAG_TSYNC, uintptr(unsafe.Pointer(&prog)))
	if errno != 0 {
		return fmt.Errorf("seccomp: %w", errno)
	}
	return nil
}
