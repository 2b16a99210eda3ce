package app

import (
	"os"
	"runtime/debug"
	"sync"
	"time"
)

// gcPercent is the window's GOGC. Go's default (100) lets the heap grow
// to twice the live data before collecting, and keeps the freed half
// resident; the window's live heap is mostly font faces Fyne parses once,
// so the default keeps about as much again resident for nothing. 50
// bounds that at half the live heap and grows with it, so a long story is
// never starved the way a fixed GOMEMLIMIT would starve it (the GC would
// run continuously). A keystroke allocates little, so typing stays as
// fast (BENCHMARKS.md has the figures).
const gcPercent = 50

var tuneOnce sync.Once

// tuneGC applies gcPercent once per process, unless the person set GOGC
// or GOMEMLIMIT themselves.
func tuneGC() {
	tuneOnce.Do(func() {
		if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
			debug.SetGCPercent(gcPercent)
		}
	})
}

// startupTrim hands the garbage of opening the window back to the system
// once the first article's preview and the library's first page are in:
// parsing, rendering and the first queries leave tens of megabytes of freed
// heap that Go would otherwise keep resident for the rest of the day.
type startupTrim struct {
	left int // steps still to finish
	free func()
	then func() // after the last step, if set
}

func newStartupTrim(steps int, bg func(func())) *startupTrim {
	return &startupTrim{left: steps, free: func() { bg(debug.FreeOSMemory) }}
}

// step records one finished start-up step; the last one frees memory.
func (t *startupTrim) step() {
	if t == nil || t.left <= 0 {
		return
	}
	t.left--
	if t.left == 0 {
		t.free()
		if t.then != nil {
			t.then()
		}
	}
}

// idleTrimDelay is how long the window must be free of background work
// (previews, checks, saves, searches) before freed heap is handed back.
// While someone types, the preview re-renders PreviewDelay after each
// pause and autosave runs at least every Autosaver.MaxInterval, each a
// background job that pushes the trim back, so it never runs mid-typing;
// this much quiet means they are reading or away.
const idleTrimDelay = 20 * time.Second

// idleTrim returns freed memory to the system once the window goes quiet
// after a burst of work. Go keeps freed heap resident for minutes and the
// scavenger gives it back slowly, so after the start-up check, the first
// queries and renders the window holds far more than it uses. One
// debug.FreeOSMemory per quiet spell costs one full collection, off the UI
// goroutine (BENCHMARKS.md has what it gives back).
type idleTrim struct {
	mu    sync.Mutex
	delay time.Duration
	after func(time.Duration, func()) resetter
	timer resetter
	free  func()
}

// resetter is the part of *time.Timer idleTrim uses; tests pass a fake.
type resetter interface{ Reset(time.Duration) bool }

func newIdleTrim(delay time.Duration, free func()) *idleTrim {
	return &idleTrim{
		delay: delay,
		free:  free,
		after: func(d time.Duration, f func()) resetter { return time.AfterFunc(d, f) },
	}
}

// touch records finished work: the trim runs once, delay after the last
// touch of a burst.
func (t *idleTrim) touch() {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.timer == nil {
		t.timer = t.after(t.delay, t.free)
		return
	}
	t.timer.Reset(t.delay)
}
