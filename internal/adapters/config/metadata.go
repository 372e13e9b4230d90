package config

import (
	"fmt"
	"strconv"

	"github.com/BurntSushi/toml"
)

// Identity of the app. FyneApp.toml is its one home: the installers read
// it (fyne package), and the binary embeds it and hands it to
// ReadMetadata at start, so a plain build and an installer report the same
// name, ID and version. AppID names the keychain service by default.
var (
	AppName string
	AppID   string
	Version string
	Build   string
)

// FullVersion is the version as every face shows it, the same string as
// the Windows file version: FyneApp.toml's Version and Build, "0.1.0.1".
func FullVersion() string { return Version + "." + Build }

// ReadMetadata sets AppName, AppID, Version and Build from the text of
// FyneApp.toml.
func ReadMetadata(fyneAppTOML string) error {
	var m struct {
		Details struct {
			Name, ID, Version string
			Build             int
		}
	}
	if _, err := toml.Decode(fyneAppTOML, &m); err != nil {
		return fmt.Errorf("read FyneApp.toml: %w", err)
	}
	d := m.Details
	if d.Name == "" || d.ID == "" || d.Version == "" {
		return fmt.Errorf("FyneApp.toml lacks Details.Name, ID or Version")
	}
	AppName, AppID, Version, Build = d.Name, d.ID, d.Version, strconv.Itoa(d.Build)
	return nil
}
