package peeruser

import (
	"encoding/binary"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The tables in testdata were captured on a little-endian Linux (amd64,
// kernel 6.18) by testdata/capture.py while it held these connections
// (the server's end first; the pointer column is zeroed):
//
//	127.0.0.1:55575 ← 127.0.0.1:58544   root, established
//	127.0.0.1:55575 ← 127.0.0.1:58556   root, from an IPv6 socket: tcp6 lists ::ffff:127.0.0.1
//	127.0.0.1:55575 ← 127.0.0.1:58570   root, which shut its end for writing (FIN_WAIT2, still held)
//	127.0.0.1:55575 ← 127.0.0.1:58576   root, which closed its end (no inode, uid 0)
//	127.0.0.1:55575 ← 127.0.0.1:58588   nobody (65534), through setpriv
//	[::1]:59287     ← [::1]:50862       root
//	[::1]:59287     ← [::1]:50870       nobody
//
// tcp also holds some 180 other loopback sockets of the machine, many in
// TIME_WAIT; the sought ones are in its middle.
func TestScanProcNetCaptured(t *testing.T) {
	v4 := netip.MustParseAddrPort("127.0.0.1:55575")
	v6 := netip.MustParseAddrPort("[::1]:59287")
	for _, c := range []struct {
		name, file string
		us         netip.AddrPort
		peer       string
		found      bool
		want       procEntry
	}{
		{"root", "tcp", v4, "127.0.0.1:58544", true, procEntry{uid: 0, inode: 341777}},
		{"half-closed", "tcp", v4, "127.0.0.1:58570", true, procEntry{uid: 0, inode: 341783}},
		{"closed", "tcp", v4, "127.0.0.1:58576", true, procEntry{uid: 0, inode: 0}},
		{"nobody", "tcp", v4, "127.0.0.1:58588", true, procEntry{uid: 65534, inode: 341794}},
		// Only the server's end is in tcp; the client's is in tcp6.
		{"mapped, in tcp", "tcp", v4, "127.0.0.1:58556", false, procEntry{}},
		{"mapped, in tcp6", "tcp6", v4, "127.0.0.1:58556", true, procEntry{uid: 0, inode: 341781}},
		// The server's end, seen from the client.
		{"reversed", "tcp", netip.MustParseAddrPort("127.0.0.1:58588"), "127.0.0.1:55575", true, procEntry{uid: 0, inode: 343849}},
		{"no such port", "tcp", v4, "127.0.0.1:1", false, procEntry{}},
		{"IPv4 sought in tcp6", "tcp6", v4, "127.0.0.1:58544", false, procEntry{}},
		{"root, IPv6", "tcp6", v6, "[::1]:50862", true, procEntry{uid: 0, inode: 341779}},
		{"nobody, IPv6", "tcp6", v6, "[::1]:50870", true, procEntry{uid: 65534, inode: 343858}},
		{"IPv6 sought in tcp", "tcp", v6, "[::1]:50870", false, procEntry{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", c.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, found, err := scanProcNet(f, binary.LittleEndian, c.us, netip.MustParseAddrPort(c.peer))
			if err != nil || found != c.found || got != c.want {
				t.Errorf("scanProcNet(%s, %s ← %s) = %+v, %v, %v; want %+v, %v", c.file, c.us, c.peer, got, found, err, c.want, c.found)
			}
		})
	}
}

// TestScanProcNetMalformed: a table that is not what the reader expects
// gives an error or no match, never a wrong owner; lines that do not
// parse are passed over.
func TestScanProcNetMalformed(t *testing.T) {
	const header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
	us := netip.MustParseAddrPort("127.0.0.1:55575")
	peer := netip.MustParseAddrPort("127.0.0.1:58588")
	const line = "  114: 0100007F:E4DC 0100007F:D917 01 00000000:00000000 00:00000000 00000000 65534        0 341794 2 0000000000000000 20 0 0 10 -1\n"
	for _, c := range []struct {
		name, table string
		order       binary.ByteOrder
		found, err  bool
		want        procEntry
	}{
		{"the line", header + line, binary.LittleEndian, true, false, procEntry{65534, 341794}},
		{"no header", line, binary.LittleEndian, false, true, procEntry{}},
		{"empty", "", binary.LittleEndian, false, true, procEntry{}},
		{"moved columns", strings.Replace(header, "uid  timeout", "timeout uid", 1) + line, binary.LittleEndian, false, true, procEntry{}},
		{"a line too long", header + strings.Repeat("0", maxProcLine+1) + "\n" + line, binary.LittleEndian, false, true, procEntry{}},
		{"garbage first", header + "junk\n   1: 0100007F:ZZZZ 0100007F:D917 01 x x x 1 0 1\n\n   2: 0100007F 0100007F:D917 01 x x x 1 0 1\n" + line, binary.LittleEndian, true, false, procEntry{65534, 341794}},
		{"cut short", header + "  114: 0100007F:E4DC 0100007F:D917 01 00000000:00000000 00:00000000 00000000 65534\n", binary.LittleEndian, false, false, procEntry{}},
		{"no trailing newline", header + strings.TrimSuffix(line, "\n"), binary.LittleEndian, true, false, procEntry{65534, 341794}},
		{"bad uid", header + strings.Replace(line, "65534", "-1", 1), binary.LittleEndian, false, true, procEntry{}},
		{"bad inode", header + strings.Replace(line, "341794", "x", 1), binary.LittleEndian, false, true, procEntry{}},
		// A big-endian machine writes 127.0.0.1 as 7F000001.
		{"big-endian", header + strings.ReplaceAll(line, "0100007F", "7F000001"), binary.BigEndian, true, false, procEntry{65534, 341794}},
		{"big-endian read as little", header + strings.ReplaceAll(line, "0100007F", "7F000001"), binary.LittleEndian, false, false, procEntry{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, found, err := scanProcNet(strings.NewReader(c.table), c.order, us, peer)
			if (err != nil) != c.err || found != c.found || got != c.want {
				t.Errorf("scanProcNet = %+v, %v, %v; want %+v, %v, error %v", got, found, err, c.want, c.found, c.err)
			}
		})
	}
}

func TestParseProcAddr(t *testing.T) {
	for _, c := range []struct {
		in, want string // want "" for a refusal
	}{
		{"0100007F:0277", "127.0.0.1:631"},
		{"00000000:0000", "0.0.0.0:0"},
		{"0100007f:e4dc", "127.0.0.1:58588"},
		{"00000000000000000000000001000000:E797", "[::1]:59287"},
		{"0000000000000000FFFF00000100007F:E4BC", "127.0.0.1:58556"},
		{"B80D0120000000000000000001000000:0050", "[2001:db8::1]:80"},
		{"0100007F", ""},
		{"0100007F:", ""},
		{"0100007F:10000", ""},
		{"100007F:0277", ""},
		{"0100007G:0277", ""},
		{"0100007F0100007F:0277", ""},
		{"+100007F:0277", ""},
		{"", ""},
	} {
		got, ok := parseProcAddr([]byte(c.in), binary.LittleEndian)
		if c.want == "" {
			if ok {
				t.Errorf("parseProcAddr(%q) = %v; want a refusal", c.in, got)
			}
			continue
		}
		if !ok || got != netip.MustParseAddrPort(c.want) {
			t.Errorf("parseProcAddr(%q) = %v, %v; want %s", c.in, got, ok, c.want)
		}
	}
}
