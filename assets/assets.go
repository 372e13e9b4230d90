// Package assets holds the files the app carries inside its binary: the
// icon. icon.svg is the source; icon.png and the other renders next to it
// come from `make icons`.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

// Icon is the app's icon, 512×512, for the window and the About box.
var Icon = fyne.NewStaticResource("icon.png", iconPNG)
