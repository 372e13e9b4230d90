package ui

import (
	"reflect"
	"testing"
)

// TestTheWindowStaysAFrame: Window holds the frame and hands the rest to
// the session or to small types of its own; it grew to 21 fields once, and
// each was one more thing for every method to keep in mind.
func TestTheWindowStaysAFrame(t *testing.T) {
	const most = 12
	if n := reflect.TypeFor[Window]().NumField(); n > most {
		t.Errorf("ui.Window has %d fields; keep it at %d or fewer: move state to the session, or to a type of its own", n, most)
	}
}
