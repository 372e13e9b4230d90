package ui

import (
	"context"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"

	"github.com/make-connect/make-connect/internal/core/session"
)

// This file is the only place where goroutines other than Fyne's reach the
// widgets (as rymdport's bridge package is). Everything slow — the network,
// the keychain, D-Bus, the settings file — runs in background or in the
// session, and only the function handed back touches widgets, on the UI
// goroutine through fyne.Do. The window's own state is likewise read and
// written only on the UI goroutine.

// bridge carries work off the UI goroutine and results back onto it.
type bridge struct {
	// do runs f on the UI goroutine: fyne.Do; tests queue f and run it on
	// the test goroutine.
	do func(f func())
	// spawn runs f on a new goroutine; tests count what is in flight.
	spawn func(f func())
	clock session.Clock
	// notify sends a desktop notification. It is a D-Bus call on Linux,
	// which can hang, so the real one runs off the UI goroutine.
	notify func(n *fyne.Notification)
}

func newBridge(a fyne.App) *bridge {
	return &bridge{
		do:     fyne.Do,
		spawn:  func(f func()) { go f() },
		clock:  session.RealClock{},
		notify: func(n *fyne.Notification) { go a.SendNotification(n) },
	}
}

// background runs work on a new goroutine. work must not touch widgets or
// the window's state; the function it returns (if any) does, on the UI
// goroutine.
func (b *bridge) background(work func() (apply func())) {
	b.spawn(func() {
		if apply := work(); apply != nil {
			b.do(apply)
		}
	})
}

// after calls f on the UI goroutine once d has passed.
func (b *bridge) after(d time.Duration, f func()) (stop func() bool) {
	return b.clock.AfterFunc(d, func() { b.do(f) })
}

// backgroundFor is background with a context that ends after d, for work
// that must not hang on the network or the keychain.
func (b *bridge) backgroundFor(d time.Duration, work func(ctx context.Context) (apply func())) {
	b.background(func() func() {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		defer cancel()
		return work(ctx)
	})
}

// each calls f on the UI goroutine with each value ch receives, until ctx
// ends. Waiting is not work in flight (it may last the whole attempt), so
// it does not go through spawn.
func (b *bridge) each(ctx context.Context, ch <-chan string, f func(string)) {
	go func() {
		for {
			select {
			case v := <-ch:
				b.do(func() { f(v) })
			case <-ctx.Done():
				return
			}
		}
	}()
}

// coalesce returns a function that any goroutine may call to have f run
// on the UI goroutine: calls made before f has run run it once.
func (b *bridge) coalesce(f func()) func() {
	var queued atomic.Bool
	return func() {
		if queued.CompareAndSwap(false, true) {
			b.do(func() {
				queued.Store(false)
				f()
			})
		}
	}
}
