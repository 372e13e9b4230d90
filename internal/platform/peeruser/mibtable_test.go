package peeruser

import (
	"encoding/binary"
	"errors"
	"net/netip"
	"testing"
)

// mibRow is one connection of a table for findMibOwner, written out by
// the layout Windows documents (see mibtable.go).
type mibRow struct {
	local, remote netip.AddrPort
	state, pid    uint32
	created       uint64
}

// mibTable writes rows as a MIB_TCPTABLE_OWNER_MODULE (or, v6, a
// MIB_TCP6TABLE_OWNER_MODULE) with the given count.
func mibTable(v6 bool, count uint32, rows ...mibRow) []byte {
	b := binary.LittleEndian.AppendUint32(nil, count)
	b = append(b, 0, 0, 0, 0) // the rows are 8-aligned
	moduleInfo := make([]byte, 16*8)
	for i := range moduleInfo {
		moduleInfo[i] = 0xEE // read by no one
	}
	port := func(b []byte, p uint16) []byte { // network order in the low 16 bits
		return append(binary.BigEndian.AppendUint16(b, p), 0, 0)
	}
	for _, r := range rows {
		if v6 {
			a := r.local.Addr().As16()
			b = append(b, a[:]...)
			b = binary.LittleEndian.AppendUint32(b, 0) // scope
			b = port(b, r.local.Port())
			a = r.remote.Addr().As16()
			b = append(b, a[:]...)
			b = binary.LittleEndian.AppendUint32(b, 0)
			b = port(b, r.remote.Port())
			b = binary.LittleEndian.AppendUint32(b, r.state)
			b = binary.LittleEndian.AppendUint32(b, r.pid)
			b = binary.LittleEndian.AppendUint64(b, r.created)
			b = append(b, moduleInfo...)
		} else {
			b = binary.LittleEndian.AppendUint32(b, r.state)
			a := r.local.Addr().As4()
			b = append(b, a[:]...)
			b = port(b, r.local.Port())
			a = r.remote.Addr().As4()
			b = append(b, a[:]...)
			b = port(b, r.remote.Port())
			b = binary.LittleEndian.AppendUint32(b, r.pid)
			b = binary.LittleEndian.AppendUint64(b, r.created)
			b = append(b, moduleInfo...)
		}
	}
	return b
}

func TestFindMibOwner(t *testing.T) {
	ap := netip.MustParseAddrPort
	mapped := func(s string) netip.AddrPort { // as a dual-stack socket lists an IPv4 end
		a := ap(s)
		return netip.AddrPortFrom(netip.AddrFrom16(a.Addr().As16()), a.Port())
	}
	const listen, established, timeWait = 2, mibStateEstablished, 11
	us4, peer4 := ap("127.0.0.1:55575"), ap("127.0.0.1:58588")
	us6, peer6 := ap("[::1]:59287"), ap("[::1]:50870")
	const made = 134411639533321541 // 2026-12-08 00:45:53 UTC
	rows4 := []mibRow{
		{ap("127.0.0.1:55575"), ap("0.0.0.0:0"), listen, 100, made - 1e9},
		{us4, peer4, established, 100, made},                              // our own end
		{ap("127.0.0.1:58589"), us4, timeWait, 0, made},                   // another, closed
		{ap("127.0.0.1:55575"), ap("127.0.0.1:58588"), established, 7, 1}, // a second of our end: the first is taken
		{peer4, us4, established, 4242, made + 1},                         // the other end
	}
	rows6 := []mibRow{
		{us6, peer6, established, 100, made},
		{peer6, us6, established, 6464, 0},
		{mapped("127.0.0.1:58556"), mapped("127.0.0.1:55575"), established, 5656, made + 2},
	}
	for _, c := range []struct {
		name     string
		table    []byte
		v6       bool
		us, peer netip.AddrPort
		want     mibOwner
		found    bool
		err      bool
	}{
		{"IPv4", mibTable(false, 5, rows4...), false, us4, peer4, mibOwner{4242, established, made + 1}, true, false},
		{"IPv4, seen from the client", mibTable(false, 5, rows4...), false, peer4, us4, mibOwner{100, established, made}, true, false},
		{"closed", mibTable(false, 5, rows4...), false, us4, ap("127.0.0.1:58589"), mibOwner{0, timeWait, made}, true, false},
		{"no such port", mibTable(false, 5, rows4...), false, us4, ap("127.0.0.1:1"), mibOwner{}, false, false},
		{"fewer rows counted", mibTable(false, 4, rows4...), false, us4, peer4, mibOwner{}, false, false},
		{"IPv6", mibTable(true, 3, rows6...), true, us6, peer6, mibOwner{6464, established, 0}, true, false},
		{"dual-stack IPv4", mibTable(true, 3, rows6...), true, us4, ap("127.0.0.1:58556"), mibOwner{5656, established, made + 2}, true, false},
		{"IPv6 table read as IPv4", mibTable(true, 3, rows6...), false, us6, peer6, mibOwner{}, false, false},
		{"empty", mibTable(false, 0), false, us4, peer4, mibOwner{}, false, false},
		{"more rows counted than held", mibTable(false, 6, rows4...), false, us4, peer4, mibOwner{}, false, true},
		{"a huge count", mibTable(true, 1<<31, rows6...), true, us6, peer6, mibOwner{}, false, true},
		{"no count", []byte{1, 0}, false, us4, peer4, mibOwner{}, false, true},
		{"a count without its padding", []byte{0, 0, 0, 0}, false, us4, peer4, mibOwner{}, false, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, found, err := findMibOwner(c.table, c.v6, c.us, c.peer)
			if got != c.want || found != c.found || (err != nil) != c.err {
				t.Errorf("findMibOwner(%s ← %s) = %+v, %v, %v; want %+v, %v, error %v", c.us, c.peer, got, found, err, c.want, c.found, c.err)
			}
		})
	}
}

// TestMibPortOrder: a port's two bytes are the high one first, whatever
// the DWORD around them says; 55575 is D9 17.
func TestMibPortOrder(t *testing.T) {
	if got := mibAddrPort(netip.MustParseAddr("127.0.0.1"), []byte{0xD9, 0x17}); got != netip.MustParseAddrPort("127.0.0.1:55575") {
		t.Errorf("mibAddrPort = %v; want 127.0.0.1:55575", got)
	}
}

// TestFindMibOwnerWine reads rows that Wine 8's GetExtendedTcpTable wrote
// (TCP_TABLE_OWNER_MODULE_ALL) for connections a program made to itself,
// 127.0.0.1:33685 → :45281 and [::1]:37777 → :45381, both established:
// Wine names the process of the IPv4 client (32) and none for IPv6, and
// gives no creation time. (The module information, all zeros, is left
// out here and added back.)
func TestFindMibOwnerWine(t *testing.T) {
	row4 := []byte{
		0x05, 0, 0, 0, 0x7f, 0, 0, 0x01, 0x83, 0x95, 0, 0, 0x7f, 0, 0, 0x01, 0xb0, 0xe1, 0, 0, 0x20, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0,
	}
	row6 := []byte{
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x00, 0x10, 0, 0, 0x93, 0x91, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x00, 0x10, 0, 0, 0xb1, 0x45, 0, 0,
		0x05, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	}
	one := func(row []byte) []byte {
		return append(append([]byte{1, 0, 0, 0, 0, 0, 0, 0}, row...), make([]byte, 16*8)...)
	}
	got, found, err := findMibOwner(one(row4), false, netip.MustParseAddrPort("127.0.0.1:45281"), netip.MustParseAddrPort("127.0.0.1:33685"))
	if got != (mibOwner{pid: 32, state: mibStateEstablished}) || !found || err != nil {
		t.Errorf("the IPv4 row = %+v, %v, %v; want process 32, established", got, found, err)
	}
	got, found, err = findMibOwner(one(row6), true, netip.MustParseAddrPort("[::1]:45381"), netip.MustParseAddrPort("[::1]:37777"))
	if got != (mibOwner{pid: 0, state: mibStateEstablished}) || !found || err != nil {
		t.Errorf("the IPv6 row = %+v, %v, %v; want process 0, established", got, found, err)
	}
}

// TestLatestOwnerStart: the process a row names must have started by the
// time its socket was made; without a creation time that can be right,
// by the time the table was read.
func TestLatestOwnerStart(t *testing.T) {
	const read = 134411639533321541 // 2026-12-08 00:45:53 UTC
	for _, c := range []struct {
		name          string
		created, want uint64
	}{
		{"the socket's creation", read - 5e7, read - 5e7},
		{"made as the table was read", read, read},
		{"none (Wine)", 0, read},
		{"after the table was read", read + 1, read},
		{"before 2020: counted some other way (since boot?)", 36e9, read},
	} {
		if got := latestOwnerStart(c.created, read); got != c.want {
			t.Errorf("%s: latestOwnerStart(%d, %d) = %d; want %d", c.name, c.created, uint64(read), got, c.want)
		}
	}
}

// TestUnnamedOwner: a row with no process is a closed end (no one's), or,
// open, unknown on Windows (refused) and no lookup at all under Wine.
func TestUnnamedOwner(t *testing.T) {
	const timeWait, finWait2 = 11, 7
	for _, c := range []struct {
		state uint32
		wine  bool
		want  error // nil: no one's
	}{
		{timeWait, false, nil},
		{finWait2, true, nil},
		{mibStateEstablished, false, ErrUnknown},
		{mibStateEstablished, true, ErrNoLookup},
	} {
		p, err := unnamedOwner(c.state, c.wine)
		if p != (Peer{}) || (c.want == nil) != (err == nil) || c.want != nil && !errors.Is(err, c.want) {
			t.Errorf("unnamedOwner(%d, wine %v) = %+v, %v; want %v", c.state, c.wine, p, err, c.want)
		}
		if errors.Is(err, ErrUnknown) && errors.Is(err, ErrNoLookup) {
			t.Errorf("unnamedOwner(%d, wine %v) = %v: both unknown and no lookup", c.state, c.wine, err)
		}
	}
}
