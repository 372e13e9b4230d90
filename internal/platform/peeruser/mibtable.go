package peeruser

// The reader of the tables Windows' GetExtendedTcpTable fills in with
// TCP_TABLE_OWNER_MODULE_ALL. It reads the bytes by their documented layout
// rather than casting them to structs, so that it is plain Go, built
// everywhere and tested on every system; only Windows calls it
// (peeruser_windows.go).

import (
	"encoding/binary"
	"fmt"
	"net/netip"
)

// The rows' layout. Up to the pid every field is a DWORD or bytes, and
// each ends at a multiple of 8 bytes, so the LARGE_INTEGER after it needs
// no padding; the rows are 8-aligned too, so they follow the table's
// DWORD count at offset 8.
//
//	MIB_TCPROW_OWNER_MODULE:   dwState, dwLocalAddr, dwLocalPort,
//	                           dwRemoteAddr, dwRemotePort, dwOwningPid,
//	                           liCreateTimestamp, OwningModuleInfo[16]
//	MIB_TCP6ROW_OWNER_MODULE:  ucLocalAddr[16], dwLocalScopeId, dwLocalPort,
//	                           ucRemoteAddr[16], dwRemoteScopeId, dwRemotePort,
//	                           dwState, dwOwningPid,
//	                           liCreateTimestamp, OwningModuleInfo[16]
//
// OwningModuleInfo is TCPIP_OWNING_MODULE_SIZE (16) ULONGLONGs.
const (
	mibRowsAt   = 8
	mibRow4Size = 6*4 + 8 + 16*8
	mibRow6Size = 16 + 4 + 4 + 16 + 4 + 4 + 4 + 4 + 8 + 16*8
)

// mibStateEstablished is MIB_TCP_STATE_ESTAB: a connection open both
// ways.
const mibStateEstablished = 5

// mibOwner is what a row says of a connection's owner.
type mibOwner struct {
	// pid is the owning process's id: 0 when the table names none.
	pid uint32
	// state is a MIB_TCP_STATE: 5 established; 6, 7 and 11 (FIN_WAIT1,
	// FIN_WAIT2, TIME_WAIT) once the client has closed its end.
	state uint32
	// created is when the connection's socket was made, a FILETIME (100
	// ns since 1601, UTC): 0 when the table does not say (Wine 8).
	created uint64
}

// findMibOwner returns the owner of the row whose local end is peer and
// whose remote end is us: the other end of the connection we see from us
// to peer. table is a MIB_TCPTABLE_OWNER_MODULE (v6 false) or a
// MIB_TCP6TABLE_OWNER_MODULE (v6 true), as GetExtendedTcpTable wrote it.
//
// Addresses are in network byte order, that is, as their bytes; a port is
// in network byte order in the low 16 bits of its DWORD, so its two bytes
// come first, the high one first. Counts, states and process ids are
// DWORDs in the machine's order, little-endian on every Windows Go builds
// for. (Wine 8 lays the tables out so too.)
func findMibOwner(table []byte, v6 bool, us, peer netip.AddrPort) (owner mibOwner, found bool, err error) {
	if len(table) < mibRowsAt {
		return mibOwner{}, false, fmt.Errorf("the table has %d bytes, not even a count", len(table))
	}
	size := mibRow4Size
	if v6 {
		size = mibRow6Size
	}
	n := uint64(binary.LittleEndian.Uint32(table))
	if n > uint64(len(table)-mibRowsAt)/uint64(size) {
		return mibOwner{}, false, fmt.Errorf("the table counts %d rows of %d bytes but has %d bytes", n, size, len(table))
	}
	le := binary.LittleEndian
	for i := range int(n) {
		row := table[mibRowsAt+i*size : mibRowsAt+(i+1)*size]
		var local, remote netip.AddrPort
		if v6 {
			local = mibAddrPort(netip.AddrFrom16([16]byte(row[0:16])), row[20:22])
			remote = mibAddrPort(netip.AddrFrom16([16]byte(row[24:40])), row[44:46])
			owner = mibOwner{pid: le.Uint32(row[52:56]), state: le.Uint32(row[48:52]), created: le.Uint64(row[56:64])}
		} else {
			local = mibAddrPort(netip.AddrFrom4([4]byte(row[4:8])), row[8:10])
			remote = mibAddrPort(netip.AddrFrom4([4]byte(row[12:16])), row[16:18])
			owner = mibOwner{pid: le.Uint32(row[20:24]), state: le.Uint32(row[0:4]), created: le.Uint64(row[24:32])}
		}
		if local == peer && remote == us {
			return owner, true, nil
		}
	}
	return mibOwner{}, false, nil
}

// latestOwnerStart is the latest time (a FILETIME) at which the process a
// row names may have started, for it to be the one that row meant: a
// process id is another process's once its own has exited, so a process
// made after the connection's socket did not make it. Where the table
// gives no creation time that can be right (none, as under Wine; one
// after the table was read; or one before 2020, which would be a time
// counted some other way), it is the time the table was read: a process
// made since has taken the id of the one the table named.
func latestOwnerStart(created, read uint64) uint64 {
	if created > filetime2020 && created <= read {
		return created
	}
	return read
}

// filetime2020 is 2020-01-01 00:00 UTC as a FILETIME.
const filetime2020 = 132223104000000000

// unnamedOwner is what a row that names no process (pid 0) says of the
// connection's owner. Windows lists process 0 for connections no process
// holds any more (TIME_WAIT): one no longer open (the client has closed
// its end) is then no one's. An open one without a process is Wine's
// doing: it names none for IPv6 connections, nor for those of programs
// that are not Windows ones (such as the browser it hands links to), so
// under Wine the owner cannot be learned at all (ErrNoLookup). Windows
// itself does not do that: there it is unknown, and refused.
func unnamedOwner(state uint32, wine bool) (Peer, error) {
	switch {
	case state != mibStateEstablished:
		return Peer{}, nil
	case wine:
		return Peer{}, fmt.Errorf("%w: Wine names no process for the open connection", ErrNoLookup)
	}
	return Peer{}, fmt.Errorf("%w: the table names no process for the open connection", ErrUnknown)
}

// mibAddrPort makes an address and the two bytes of a port comparable with
// addrPort's: an IPv4 address written as IPv6 (a dual-stack socket's)
// becomes plain IPv4.
func mibAddrPort(a netip.Addr, port []byte) netip.AddrPort {
	return netip.AddrPortFrom(a.Unmap(), binary.BigEndian.Uint16(port))
}
