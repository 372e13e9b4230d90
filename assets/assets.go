// Package assets holds the files the app carries inside its binary: the
// icon, and the licence notices. icon.svg is the source; icon.png and the other renders next to it
// come from `make icons`.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

// Notices is Make Connect's licence and the licences of everything it is
// built with (`make notices` writes the file; TestNoticesAreCurrent keeps
// it current), for the window's About.
//
//go:embed THIRD-PARTY-NOTICES.txt
var Notices string

// Icon is the app's icon, 512×512, for the window and the About box.
var Icon = fyne.NewStaticResource("icon.png", iconPNG)
