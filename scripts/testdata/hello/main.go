// Command hello is the baseline of scripts/bench-window.sh: the smallest
// Fyne window, built the same way as make-connect and timed with the same
// first-frame probe (ui/firstframe.go), so the figures compare the app with
// Fyne itself. It lives under testdata so that `go vet ./...` and
// `go test ./...` leave it alone.
package main

import (
	"fmt"
	"image"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("com.makeconnect.bench.hello")
	w := a.NewWindow("Hello")
	var once sync.Once
	probe := canvas.NewRaster(func(int, int) image.Image {
		once.Do(func() { fmt.Println("hello: first frame") })
		return image.NewNRGBA(image.Rect(0, 0, 1, 1))
	})
	w.SetContent(container.NewStack(probe, widget.NewLabel("Hello, world")))
	w.Resize(fyne.NewSize(600, 560))
	w.ShowAndRun()
}
