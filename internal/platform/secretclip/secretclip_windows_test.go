package secretclip

import (
	"encoding/binary"
	"testing"
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	procEnumClipboardFormats = user32.NewProc("EnumClipboardFormats")
	procGetClipboardData     = user32.NewProc("GetClipboardData")
	procGlobalSize           = kernel32.NewProc("GlobalSize")
)

// clipboard reads every format on the clipboard and its data.
func clipboard(t *testing.T) map[uintptr][]byte {
	t.Helper()
	if err := open(0); err != nil {
		t.Fatal(err)
	}
	defer procCloseClipboard.Call()
	got := map[uintptr][]byte{}
	for format := uintptr(0); ; {
		format, _, _ = procEnumClipboardFormats.Call(format)
		if format == 0 {
			return got
		}
		h, _, _ := procGetClipboardData.Call(format)
		if h == 0 {
			got[format] = nil
			continue
		}
		size, _, _ := procGlobalSize.Call(h)
		p, _, _ := procGlobalLock.Call(h)
		if p == 0 {
			got[format] = nil
			continue
		}
		got[format] = append([]byte(nil), memory(p, int(size))...)
		procGlobalUnlock.Call(h)
	}
}

// TestSetMarksTheTextPrivate: the text is on the clipboard, after Set has
// destroyed its owner window, with the three formats that keep it out of
// clipboard monitors, history and the cloud, each a DWORD 0.
func TestSetMarksTheTextPrivate(t *testing.T) {
	const text = "eyJ.a-token-for-the-test"
	if err := Set(text); err != nil {
		t.Fatal(err)
	}
	got := clipboard(t)
	utf16, _ := windows.UTF16FromString(text)
	want := unsafe.Slice((*byte)(unsafe.Pointer(&utf16[0])), len(utf16)*2)
	if data := got[cfUnicodeText]; len(data) < len(want) || string(data[:len(want)]) != string(want) {
		t.Errorf("CF_UNICODETEXT holds %q, want the text", data)
	}
	for _, name := range markers {
		p, _ := windows.UTF16PtrFromString(name)
		format, _, _ := procRegisterClipboardFormat.Call(uintptr(unsafe.Pointer(p)))
		data, ok := got[format]
		if !ok || len(data) < 4 || binary.LittleEndian.Uint32(data) != 0 {
			t.Errorf("%s: present %v, data %v; want a DWORD 0", name, ok, data)
		}
	}
}
