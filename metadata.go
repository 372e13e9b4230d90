package main

import (
	_ "embed"
	"fmt"
	"strconv"

	"github.com/BurntSushi/toml"

	"github.com/make-connect/make-connect/config"
)

// fyneAppTOML is the same file `fyne package` reads, so a plain `go build`
// and an installer report the same name, ID and version.
//
//go:embed FyneApp.toml
var fyneAppTOML string

// loadMetadata sets config.AppName, config.AppID, config.Version and
// config.Build from FyneApp.toml. The file is part of the binary, so an error here is a
// build mistake and stops the program at once.
func loadMetadata() {
	var m struct {
		Details struct {
			Name, ID, Version string
			Build             int
		}
	}
	if _, err := toml.Decode(fyneAppTOML, &m); err != nil {
		panic(fmt.Errorf("read the embedded FyneApp.toml: %w", err))
	}
	d := m.Details
	if d.Name == "" || d.ID == "" || d.Version == "" {
		panic("the embedded FyneApp.toml lacks Details.Name, ID or Version")
	}
	config.AppName, config.AppID, config.Version = d.Name, d.ID, d.Version
	config.Build = strconv.Itoa(d.Build)
}
