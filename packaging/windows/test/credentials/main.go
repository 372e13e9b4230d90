//go:build windows

// Command credentials lists what Windows Credential Manager holds under a
// prefix: one line per credential, its target name and the size of its
// blob in bytes, never the blob itself. check-windows.sh runs it under Wine
// to measure the chunks the app stores (Wine, unlike Windows, accepts
// blobs over 2,560 bytes, so only reading them back shows their size).
//
//	credentials PREFIX     e.g. "com.makeconnect.app:"
package main

import (
	"fmt"
	"os"

	"github.com/danieljoos/wincred"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: credentials PREFIX")
		os.Exit(2)
	}
	// CredEnumerateW, with a filter: the prefix and "*".
	creds, err := wincred.FilteredList(os.Args[1] + "*")
	if err != nil {
		fmt.Fprintln(os.Stderr, "credentials: list:", err)
		os.Exit(1)
	}
	for _, c := range creds {
		fmt.Printf("%s %d\n", c.TargetName, len(c.CredentialBlob))
	}
}
