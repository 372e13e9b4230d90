// Command hello is the smallest Fyne app: one window, one label. bench-size.sh
// builds it with the app's release flags to see what the app adds to Fyne.
// It lives under testdata so that ./... leaves it out.
package main

import (
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("com.makeconnect.hello")
	w := a.NewWindow("Hello")
	w.SetContent(widget.NewLabel("Hello, world"))
	w.ShowAndRun()
}
