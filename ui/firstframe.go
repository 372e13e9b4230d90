package ui

import (
	"image"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// firstFrameProbe is an invisible object that calls report once, when the
// painter draws it: that is, during the window's first frame. The window
// reads the accounts only then (Window.painted), and make bench measures
// start-up with it; the hello-world window it is compared with uses the
// same probe.
func firstFrameProbe(report func()) fyne.CanvasObject {
	var once sync.Once
	return canvas.NewRaster(func(w, h int) image.Image {
		once.Do(report)
		return image.NewNRGBA(image.Rect(0, 0, 1, 1)) // transparent
	})
}
