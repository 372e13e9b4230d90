package main

import (
	_ "embed"

	"github.com/make-connect/make-connect/internal/adapters/config"
)

// fyneAppTOML is the same file `fyne package` reads, so a plain `go build`
// and an installer report the same name, ID and version.
//
//go:embed FyneApp.toml
var fyneAppTOML string

// loadMetadata sets the app's name, ID and version from FyneApp.toml. The
// file is part of the binary, so an error here is a build mistake and
// stops the program at once.
func loadMetadata() {
	if err := config.ReadMetadata(fyneAppTOML); err != nil {
		panic(err)
	}
}
