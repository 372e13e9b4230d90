package secretclip

import (
	"fmt"
	"runtime"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	user32   = windows.NewLazySystemDLL("user32.dll")
	kernel32 = windows.NewLazySystemDLL("kernel32.dll")

	procOpenClipboard           = user32.NewProc("OpenClipboard")
	procCloseClipboard          = user32.NewProc("CloseClipboard")
	procEmptyClipboard          = user32.NewProc("EmptyClipboard")
	procSetClipboardData        = user32.NewProc("SetClipboardData")
	procRegisterClipboardFormat = user32.NewProc("RegisterClipboardFormatW")
	procCreateWindowEx          = user32.NewProc("CreateWindowExW")
	procDestroyWindow           = user32.NewProc("DestroyWindow")
	procGlobalAlloc             = kernel32.NewProc("GlobalAlloc")
	procGlobalFree              = kernel32.NewProc("GlobalFree")
	procGlobalLock              = kernel32.NewProc("GlobalLock")
	procGlobalUnlock            = kernel32.NewProc("GlobalUnlock")
)

const (
	cfUnicodeText = 13
	gmemMoveable  = 0x0002
	// hwndMessage is HWND_MESSAGE, (HWND)-3: the parent of a message-only
	// window, which is never shown.
	hwndMessage = ^uintptr(2)
)

// markers are the registered formats that keep the data private, each
// with its data: a DWORD 0 says "no" to history and cloud; the monitor
// exclusion's data is not read, only its presence.
var markers = []string{"ExcludeClipboardContentFromMonitorProcessing", "CanIncludeInClipboardHistory", "CanUploadToCloudClipboard"}

// Set replaces the clipboard's content with text, marked private.
func Set(text string) error {
	if err := user32.Load(); err != nil {
		return ErrUnsupported
	}
	// The clipboard's owner is a window of this thread: a message-only
	// one, made for the purpose. With no owner, SetClipboardData fails.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	class, _ := windows.UTF16PtrFromString("STATIC")
	hwnd, _, err := procCreateWindowEx.Call(0, uintptr(unsafe.Pointer(class)), 0, 0, 0, 0, 0, 0, hwndMessage, 0, 0, 0)
	if hwnd == 0 {
		return fmt.Errorf("create the clipboard's owner window: %w", err)
	}
	defer procDestroyWindow.Call(hwnd)
	if err := open(hwnd); err != nil {
		return err
	}
	defer procCloseClipboard.Call()
	if r, _, err := procEmptyClipboard.Call(); r == 0 {
		return fmt.Errorf("empty the clipboard: %w", err)
	}
	utf16, err := windows.UTF16FromString(text)
	if err != nil {
		return err // text holds a NUL
	}
	if err := put(cfUnicodeText, unsafe.Slice((*byte)(unsafe.Pointer(&utf16[0])), len(utf16)*2)); err != nil {
		return err
	}
	zero := []byte{0, 0, 0, 0}
	for _, name := range markers {
		p, _ := windows.UTF16PtrFromString(name)
		format, _, err := procRegisterClipboardFormat.Call(uintptr(unsafe.Pointer(p)))
		if format == 0 {
			return fmt.Errorf("register the clipboard format %s: %w", name, err)
		}
		if err := put(format, zero); err != nil {
			return err
		}
	}
	return nil
}

// open opens the clipboard for hwnd, waiting a little while another
// program has it open (clipboard managers do, briefly).
func open(hwnd uintptr) error {
	var err error
	for range 20 {
		var r uintptr
		if r, _, err = procOpenClipboard.Call(hwnd); r != 0 {
			return nil
		}
		time.Sleep(25 * time.Millisecond)
	}
	return fmt.Errorf("open the clipboard (another program holds it): %w", err)
}

// put hands a copy of data to the clipboard in format; the clipboard owns
// the memory once SetClipboardData succeeds.
func put(format uintptr, data []byte) error {
	h, _, err := procGlobalAlloc.Call(gmemMoveable, uintptr(len(data)))
	if h == 0 {
		return fmt.Errorf("allocate clipboard memory: %w", err)
	}
	p, _, err := procGlobalLock.Call(h)
	if p == 0 {
		procGlobalFree.Call(h)
		return fmt.Errorf("lock clipboard memory: %w", err)
	}
	copy(memory(p, len(data)), data)
	procGlobalUnlock.Call(h)
	if r, _, err := procSetClipboardData.Call(format, h); r == 0 {
		procGlobalFree.Call(h)
		return fmt.Errorf("set clipboard data: %w", err)
	}
	return nil
}

// memory is the n bytes at p: memory Windows allocated, not Go, so the
// conversion from uintptr is sound (go vet cannot know that).
func memory(p uintptr, n int) []byte {
	return unsafe.Slice((*byte)(*(*unsafe.Pointer)(unsafe.Pointer(&p))), n)
}
