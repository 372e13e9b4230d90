// Command kernel-keys does to the kernel's key retention service what a
// server can do to Make Connect, for make check-linux:
//
//	kernel-keys refuse COMMAND [ARG]...   run COMMAND where keyctl, add_key
//	                                      and request_key fail with EPERM,
//	                                      as Docker's default seccomp
//	                                      profile makes them fail
//	kernel-keys clear                     empty the calling user's
//	                                      persistent keyring, as a reboot
//	                                      or three idle days do
//
// refuse installs a seccomp filter (which the command inherits and cannot
// lift), then execs the command: unshare and setpriv cannot refuse a
// system call, and systemd-run's SystemCallFilter needs a running
// systemd; this needs only Linux and no_new_privs.
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
	switch {
	case len(os.Args) == 2 && os.Args[1] == "clear":
		ring, err := unix.KeyctlInt(unix.KEYCTL_GET_PERSISTENT, -1, unix.KEY_SPEC_PROCESS_KEYRING, 0, 0)
		if err == nil {
			_, err = unix.KeyctlInt(unix.KEYCTL_CLEAR, ring, 0, 0, 0)
		}
		if err != nil {
			fail(fmt.Errorf("clear the persistent keyring: %w", err))
		}
	case len(os.Args) > 2 && os.Args[1] == "refuse":
		refuse(os.Args[2:])
	default:
		fmt.Fprintln(os.Stderr, "usage: kernel-keys refuse COMMAND [ARG]... | kernel-keys clear")
		os.Exit(2)
	}
}

func refuse(args []string) {
	path, err := exec.LookPath(args[0])
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
	fail(unix.Exec(path, args, os.Environ()))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "kernel-keys:", err)
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
		{Code: ld, K: 4},                   // seccomp_data.arch
		{Code: jeq, Jt: 0, Jf: 4, K: arch}, // another architecture: allowed
		{Code: ld, K: 0},                   // seccomp_data.nr
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
