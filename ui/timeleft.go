package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// timeLeft shows how long a connect attempt has left, "4:12 left",
// changing once a second on the bridge's clock until it is stopped.
type timeLeft struct {
	bridge   *bridge
	label    *widget.Label
	deadline time.Time
	cancel   func() bool
	gen      int // tells a stopped timer's late call from the current one's
}

func newTimeLeft(b *bridge) *timeLeft {
	return &timeLeft{bridge: b, label: widget.NewLabel("")}
}

// start counts down to deadline.
func (t *timeLeft) start(deadline time.Time) {
	t.stop()
	t.deadline = deadline
	t.label.Show()
	t.show()
}

// show sets the text for now and wakes when it next changes: when the
// whole seconds left go down by one.
func (t *timeLeft) show() {
	left := t.deadline.Sub(t.bridge.clock.Now())
	secs := (left + time.Second - 1) / time.Second // rounded up: 5:00 at the start
	if left <= 0 {
		secs = 0
	}
	setText(t.label, lang.L("{{.Time}} left", vars{"Time": fmt.Sprintf("%d:%02d", secs/60, secs%60)}))
	if left <= 0 {
		return
	}
	next := left - (secs-1)*time.Second
	gen := t.gen
	t.cancel = t.bridge.after(next, func() {
		if gen == t.gen {
			t.show()
		}
	})
}

// stop ends the countdown and hides it.
func (t *timeLeft) stop() {
	t.gen++
	if t.cancel != nil {
		t.cancel()
		t.cancel = nil
	}
	t.label.Hide()
}
