package peeruser

import (
	"errors"
	"fmt"
	"net/netip"
	"sync"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// x/sys/windows has no GetExtendedTcpTable, so it is called from
// iphlpapi.dll (in system32 only, which NewLazySystemDLL insists on).
var procGetExtendedTcpTable = windows.NewLazySystemDLL("iphlpapi.dll").NewProc("GetExtendedTcpTable")

const (
	// tcpTableOwnerModuleAll is TCP_TABLE_OWNER_MODULE_ALL: every
	// connection, with the id of the process that owns it and when it was
	// made.
	tcpTableOwnerModuleAll = 8
	// maxTable bounds the buffer: a million IPv6 connections fit in it.
	maxTable = 64 << 20
)

const askAtAccept = true

// sysTable has nothing to hold on Windows: GetExtendedTcpTable needs no
// descriptor of this process's.
type sysTable struct{}

func openSys() sysTable { return sysTable{} }

func (*sysTable) close() error { return nil }

// lookup finds the other end in the IPv4 table, then the IPv6 one (where
// a dual-stack client's IPv4 connection is listed as ::ffff:127.0.0.1),
// then reads the user of the process that owns it.
func (*sysTable) lookup(local, remote netip.AddrPort) (Peer, error) {
	families := []uint32{windows.AF_INET, windows.AF_INET6}
	if remote.Addr().Is6() {
		families = families[1:]
	}
	var read windows.Filetime // before the table is read: see processUser
	windows.GetSystemTimeAsFileTime(&read)
	for _, af := range families {
		table, err := tcpTable(af)
		if err != nil {
			return Peer{}, err
		}
		owner, found, err := findMibOwner(table, af == windows.AF_INET6, local, remote)
		if err != nil {
			return Peer{}, fmt.Errorf("%w: GetExtendedTcpTable (family %d): %v", ErrUnknown, af, err)
		}
		if !found {
			continue
		}
		if owner.pid != 0 {
			return processUser(owner.pid, latestOwnerStart(owner.created, ticks(read)))
		}
		p, err := unnamedOwner(owner.state, underWine())
		if err != nil {
			return Peer{}, fmt.Errorf("%w (from %s to %s)", err, remote, local)
		}
		return p, nil
	}
	return Peer{}, fmt.Errorf("%w: GetExtendedTcpTable lists no connection from %s to %s", ErrUnknown, remote, local)
}

// ticks is a FILETIME as one number, 100 ns since 1601.
func ticks(f windows.Filetime) uint64 { return uint64(f.HighDateTime)<<32 | uint64(f.LowDateTime) }

// underWine is true when this runs under Wine, whose tables name the
// process of only some connections (see lookup).
var underWine = sync.OnceValue(func() bool {
	return windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version").Find() == nil
})

// tcpTable returns the table of one address family. It asks again while
// the table outgrows the buffer (connections come and go between calls).
func tcpTable(af uint32) ([]byte, error) {
	if err := procGetExtendedTcpTable.Find(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnknown, err)
	}
	size := uint32(16 << 10)
	for range 8 {
		if size > maxTable {
			break
		}
		buf := make([]byte, size)
		r, _, _ := procGetExtendedTcpTable.Call(uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&size)),
			0, uintptr(af), tcpTableOwnerModuleAll, 0)
		switch errno := windows.Errno(r); errno {
		case windows.ERROR_SUCCESS:
			return buf, nil
		case windows.ERROR_INSUFFICIENT_BUFFER:
			size += size / 4 // what it needs now, and room for newcomers
		default:
			return nil, fmt.Errorf("%w: GetExtendedTcpTable (family %d): %v", ErrUnknown, af, errno)
		}
	}
	return nil, fmt.Errorf("%w: GetExtendedTcpTable (family %d) wants %d bytes, over %d", ErrUnknown, af, size, maxTable)
}

// processUser reads the user of process pid from its token, if that
// process started no later than latest (a FILETIME: see
// latestOwnerStart).
//
// Opening it may be refused: a user may not open another user's
// processes, nor the system's (and perhaps not its own that run as
// administrator while this one does not); and a process that has exited
// cannot be opened. Those are not a browser of this user waiting for an
// answer (an elevated browser is rare, and refusing it fails safe), so
// they are taken as not this user's, with no name (see Peer.User).
//
// A process id names another process once its own has exited, so the
// table's pid alone proves nothing. The handle opened here keeps the
// process, and so its id, from going away; a process that started before
// the connection's socket was made (or, without that time, before the
// table was read) and is still alive is the one the table named. One
// that started later has taken the id of the one that was named, which
// is gone: no one's. (The lookup is made as the connection is accepted,
// while the client that made it is most likely alive: see AskAtAccept.)
func processUser(pid uint32, latest uint64) (Peer, error) {
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, pid)
	if errors.Is(err, windows.ERROR_ACCESS_DENIED) || errors.Is(err, windows.ERROR_INVALID_PARAMETER) {
		return Peer{}, nil
	}
	if err != nil {
		return Peer{}, fmt.Errorf("%w: OpenProcess(%d): %v", ErrUnknown, pid, err)
	}
	defer windows.CloseHandle(h)
	var created, exited, kernel, user windows.Filetime
	if err := windows.GetProcessTimes(h, &created, &exited, &kernel, &user); err != nil {
		return Peer{}, fmt.Errorf("%w: GetProcessTimes(%d): %v", ErrUnknown, pid, err)
	}
	if ticks(created) > latest {
		return Peer{}, nil // the id was taken by a newer process
	}
	var token windows.Token
	err = windows.OpenProcessToken(h, windows.TOKEN_QUERY, &token)
	if errors.Is(err, windows.ERROR_ACCESS_DENIED) {
		return Peer{}, nil
	}
	if err != nil {
		return Peer{}, fmt.Errorf("%w: OpenProcessToken(%d): %v", ErrUnknown, pid, err)
	}
	defer token.Close()
	tu, err := token.GetTokenUser()
	if err != nil {
		return Peer{}, fmt.Errorf("%w: GetTokenUser(%d): %v", ErrUnknown, pid, err)
	}
	me, err := myUser()
	if err != nil {
		return Peer{}, fmt.Errorf("%w: this process's user: %v", ErrUnknown, err)
	}
	return Peer{Mine: windows.EqualSid(tu.User.Sid, me.User.Sid), User: tu.User.Sid.String()}, nil
}

// Process says whose the process pid is, as Lookup says whose a
// connection is: a process that started after this call is no one's (it
// took the id of one that ended), and one that may not be asked about is
// someone else's. The named-pipe channel of package instance asks it of
// the process at the pipe's other end.
func Process(pid uint32) (Peer, error) {
	return processUser(pid, ticks(windows.NsecToFiletime(time.Now().UnixNano())))
}

// myUser is this process's user, read once: it does not change.
var myUser = sync.OnceValues(func() (*windows.Tokenuser, error) {
	return windows.GetCurrentProcessToken().GetTokenUser()
})
